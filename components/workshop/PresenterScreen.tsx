'use client';

import { useState } from 'react';
import { quadrantsOf } from '../../lib/quadrants';
import { formatRoomCode } from '../../lib/roomCode';
import { currentStep } from '../../lib/session/state';
import { AgendaPanel } from '../session/AgendaPanel';
import { FacilitatorBar, type FacilitatorPanel } from '../session/FacilitatorBar';
import { MapTemplatePanel } from '../session/MapTemplatePanel';
import { LobbyPanel } from '../session/LobbyPanel';
import { noteVoting } from '../session/noteVoting';
import { StepHeader } from '../session/StepHeader';
import type { BoardState } from '../sync/BoardConnection';
import type { ControlState } from '../sync/ControlConnection';
import type { Workshop } from '../sync/useWorkshop';
import { BoardArea } from './BoardArea';
import { BoardNotices } from './BoardNotices';
import { ConnectionIndicator } from './ConnectionIndicator';
import { CopyButton } from './CopyButton';
import { ExportMenu } from './ExportMenu';
import { RosterList } from './RosterList';
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

/** What the projector shows, with the facilitator's controls on top (hideable for a clean screen). */
export function PresenterScreen({ code, facilitatorKey, title, joinUrl, workshop, boardState, controlState }: Props) {
  const [areControlsVisible, setAreControlsVisible] = useState(true);
  const [openPanel, setOpenPanel] = useState<FacilitatorPanel | null>(null);
  const { board, status, isLoaded, notice, nearlyFull } = boardState;
  const { session, roster, clockOffsetMs } = controlState;
  const send = workshop.control.send;
  const remove = (participantId: string) => void send({ type: 'participant.kick', participantId });
  const isLobby = session ? currentStep(session).kind === 'lobby' : true;
  const quadrants = quadrantsOf(board.meta);
  const facilitatorLink = `${window.location.origin}/w/${code}/present#key=${facilitatorKey}`;

  return (
    <main className="flex h-dvh flex-col gap-3 overflow-hidden bg-slate-100 p-3 lg:p-4">
      {session && areControlsVisible && (
        <FacilitatorBar
          session={session}
          quadrants={quadrants}
          pendingDrafts={controlState.pendingDrafts}
          send={send}
          openPanel={openPanel}
          onTogglePanel={(panel) => setOpenPanel(openPanel === panel ? null : panel)}
          onHide={() => setAreControlsVisible(false)}
        />
      )}
      {!areControlsVisible && (
        <button
          type="button"
          className="fixed right-2 bottom-2 z-20 rounded-md bg-slate-900/70 px-3 py-1 text-sm text-white"
          onClick={() => setAreControlsVisible(true)}
        >
          Show controls
        </button>
      )}
      {session && areControlsVisible && openPanel === 'agenda' && <AgendaPanel session={session} send={send} quadrants={quadrants} />}
      {areControlsVisible && openPanel === 'map' && <MapTemplatePanel map={board.meta ?? {}} quadrants={quadrants} send={send} />}
      {areControlsVisible && openPanel === 'export' && (
        <div className="rounded-xl bg-white p-3 shadow-sm">
          <ExportMenu code={code} facilitatorKey={facilitatorKey} />
        </div>
      )}
      <header className="flex flex-wrap items-center gap-x-8 gap-y-2 rounded-xl bg-white px-5 py-3 shadow-sm">
        <h1 className="text-3xl font-bold text-slate-950">{title}</h1>
        {!isLobby && (
          <p className="text-xl text-slate-700">
            Join at <span className="font-semibold text-slate-950">{joinUrl}</span> with code{' '}
            <span className="font-mono text-4xl font-black tracking-wider text-slate-950">{formatRoomCode(code)}</span>
          </p>
        )}
        <div className="ml-auto flex items-center gap-3">
          <ConnectionIndicator status={status} />
          {areControlsVisible && <CopyButton text={facilitatorLink} label="Copy facilitator link" />}
        </div>
      </header>
      <BoardNotices notice={notice} nearlyFull={areControlsVisible ? nearlyFull : null} onDismiss={workshop.board.dismissNotice} />
      <div className="flex min-h-0 flex-1 gap-4">
        {/* The lobby keeps the board in view, so the room sees its first notes arrive. */}
        {isLobby && (
          <LobbyPanel
            code={code}
            joinUrl={joinUrl}
            roster={roster}
            isLobbyLocked={session?.isLobbyLocked ?? false}
            onRemove={areControlsVisible ? remove : undefined}
          />
        )}
        <div className="flex min-h-0 min-w-0 flex-1 flex-col gap-3">
          {session && !isLobby && (
            <StepHeader
              session={session}
              clockOffsetMs={clockOffsetMs}
              roster={roster}
              notes={board.notes}
              quadrants={quadrants}
              personaId={session.activePersonaId ?? board.personas[0]?.id ?? null}
            />
          )}
          <BoardArea
            board={board}
            isLoaded={isLoaded}
            actions={workshop.board}
            view={{ variant: 'projector', isReadOnly: false, voting: noteVoting(session, null, send, false) }}
            personaId={session?.activePersonaId ?? null}
            spotlight={session?.spotlight ?? null}
            onActivatePersona={(personaId) => void send({ type: 'persona.activate', personaId })}
            stepKind={session ? currentStep(session).kind : null}
            people={people(roster)}
          />
        </div>
        {!isLobby && (
          <aside className="w-64 shrink-0 overflow-y-auto rounded-xl bg-white p-4 shadow-sm">
            <RosterList roster={roster} isLarge onRemove={areControlsVisible ? remove : undefined} />
          </aside>
        )}
      </div>
    </main>
  );
}
