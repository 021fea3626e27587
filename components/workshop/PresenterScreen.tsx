'use client';

import { useCallback, useState } from 'react';
import { quadrantsOf } from '../../lib/quadrants';
import { currentStep } from '../../lib/session/state';
import { FacilitatorBar, type FacilitatorPanel } from '../session/FacilitatorBar';
import { noteVoting } from '../session/noteVoting';
import { StepHeader } from '../session/StepHeader';
import { useCommand } from '../session/useCommand';
import { HiddenControls } from '../presenter/HiddenControls';
import { LobbyScreen } from '../presenter/LobbyScreen';
import { OpeningScreen } from '../presenter/OpeningScreen';
import { PanelDrawer } from '../presenter/PanelDrawer';
import { useClickerKeys } from '../presenter/useClickerKeys';
import { useProjectorScreen } from '../presenter/useProjectorScreen';
import { useWorkshopLanguage } from '../presenter/useWorkshopLanguage';
import type { BoardState } from '../sync/BoardConnection';
import type { ControlState } from '../sync/ControlConnection';
import type { Workshop } from '../sync/useWorkshop';
import { BoardArea } from './BoardArea';
import { BoardNotices } from './BoardNotices';
import { HistoryShortcuts } from './HistoryControls';
import { people } from './people';

interface Props {
  code: string;
  facilitatorKey: string;
  title: string;
  joinUrl: string;
  workshop: Workshop;
  boardState: BoardState;
  controlState: ControlState;
}

/**
 * What the projector shows, with the facilitator's controls on top (hideable for a clean
 * screen): "opening" until the session's state arrives, the lobby until the first step, then
 * the step strip and the board. Nothing scrolls;
 * panels open over the board. Opened on a phone, it shows the phone's board and scrolls.
 */
export function PresenterScreen({ code, facilitatorKey, title, joinUrl, workshop, boardState, controlState }: Props) {
  const [areControlsVisible, setAreControlsVisible] = useState(true);
  /** Hidden once: when the bar comes back, the focus goes into it rather than to the page. */
  const [wereControlsHidden, setWereControlsHidden] = useState(false);
  const isProjector = useProjectorScreen();
  const [openPanel, setOpenPanel] = useState<FacilitatorPanel | null>(null);
  const { board, status, isLoaded, notice, nearlyFull } = boardState;
  const { session, roster, clockOffsetMs } = controlState;
  const send = workshop.control.send;
  const { run, error, clear } = useCommand(send);
  const showControls = useCallback(() => setAreControlsVisible(true), []);
  useClickerKeys({ run, isEnabled: session !== null, onShowControls: areControlsVisible ? undefined : showControls });
  const remove = areControlsVisible ? (participantId: string) => void send({ type: 'participant.kick', participantId }) : undefined;
  const isLobby = session !== null && currentStep(session).kind === 'lobby';
  const quadrants = quadrantsOf(board.meta);
  const facilitatorLink = `${window.location.origin}/w/${code}/present#key=${facilitatorKey}`;
  const personaId = session?.activePersonaId ?? null;
  useWorkshopLanguage(board.meta?.locale);

  return (
    <main
      data-controls={areControlsVisible ? 'shown' : 'hidden'}
      className={`group/presenter flex flex-col gap-2 bg-slate-100 p-2 ${isProjector ? 'h-dvh overflow-hidden' : 'min-h-dvh'}`}
    >
      {session && areControlsVisible && (
        <FacilitatorBar
          session={session}
          quadrants={quadrants}
          pendingDrafts={controlState.pendingDrafts}
          run={run}
          error={error}
          openPanel={openPanel}
          onTogglePanel={(panel) => setOpenPanel(openPanel === panel ? null : panel)}
          facilitatorLink={facilitatorLink}
          takesFocus={wereControlsHidden}
          onHide={() => {
            // The bar's last message goes with it: the room sees a clean screen.
            clear();
            setAreControlsVisible(false);
            setWereControlsHidden(true);
          }}
          workshopLocale={board.meta?.locale ?? 'en'}
          onWorkshopLocale={(locale) => void workshop.board.setWorkshopLocale(locale)}
        />
      )}
      {!areControlsVisible && <HiddenControls error={error} onShow={showControls} />}
      {session && areControlsVisible && openPanel && (
        <PanelDrawer
          panel={openPanel}
          session={session}
          board={board}
          quadrants={quadrants}
          roster={roster}
          code={code}
          facilitatorKey={facilitatorKey}
          send={send}
          onRemove={remove}
          onClose={() => setOpenPanel(null)}
        />
      )}
      <BoardNotices notice={notice} nearlyFull={areControlsVisible ? nearlyFull : null} onDismiss={workshop.board.dismissNotice} />
      {!session ? (
        <OpeningScreen isUnreachable={controlState.isUnreachable} onRetry={workshop.control.retry} />
      ) : isLobby ? (
        <LobbyScreen
          title={title}
          code={code}
          joinUrl={joinUrl}
          status={status}
          roster={roster}
          isLobbyLocked={session.isLobbyLocked}
          onRemove={remove}
        />
      ) : (
        <>
          <StepHeader
            title={title}
            code={code}
            joinUrl={joinUrl}
            status={status}
            session={session}
            clockOffsetMs={clockOffsetMs}
            roster={roster}
            notes={board.notes}
            quadrants={quadrants}
            personaId={personaId ?? board.personas[0]?.id ?? null}
            contentLang={board.meta?.locale}
          />
          <BoardArea
            source={workshop.board}
            isLoaded={isLoaded}
            actions={workshop.board}
            view={{ variant: isProjector ? 'projector' : 'phone', isReadOnly: false, voting: noteVoting(session, null, send, false) }}
            personaId={personaId}
            spotlight={session.spotlight}
            onActivatePersona={(id) => void send({ type: 'persona.activate', personaId: id })}
            stepKind={currentStep(session).kind}
            people={people(roster)}
          />
        </>
      )}
      <HistoryShortcuts history={workshop.board.history} />
    </main>
  );
}
