'use client';

import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { formatRoomCode } from '../../lib/roomCode';
import { useCallback, useEffect, useMemo, useState, type ComponentProps } from 'react';
import { saveParticipantSession } from '../sync/storage';
import { useCodeRotation } from '../sync/useCodeRotation';
import { quadrantsOf, type QuadrantId } from '../../lib/quadrants';
import { fail, type Result } from '../../lib/result';
import type { BoardActions } from '../board/types';
import type { DraftTarget } from '../../lib/session/drafts';
import { currentStep, isDraftStep as isPrivateStep } from '../../lib/session/state';
import { dotsLeft, noteVoting } from '../session/noteVoting';
import { StepBanner } from '../session/StepBanner';
import { useBoardField, useControlState, useWorkshopConnections } from '../sync/useWorkshop';
import { useParticipantSession } from '../sync/useSessions';
import { useBoardSelector, type BoardSource } from '../sync/useBoardSelector';
import { PictureAccessProvider } from '../persona/PictureAccess';
import { LanguageMenu } from '../ui/LanguageMenu';
import { BoardArea } from './BoardArea';
import { BoardNotices } from './BoardNotices';
import { ConnectionIndicator } from './ConnectionIndicator';
import { HistoryBar } from './HistoryControls';
import { RosterList } from './RosterList';
import { people } from './people';
import { refusalText } from '../../lib/refusals';

// Loaded when shown: a phone that has its session (from the join page) and a shared step needs neither.
const JoinForm = dynamic(() => import('./JoinForm').then((m) => m.JoinForm));
const MyDrafts = dynamic(() => import('../session/MyDrafts').then((m) => m.MyDrafts));

/** A participant's screen (phone first): where the workshop is, the focus box, then the board. */
export function ParticipantView({ code }: { code: string }) {
  const t = useTranslations('participant');
  const { state, joined, ended } = useParticipantSession(code);
  const [voteError, setVoteError] = useState<string | null>(null);
  const session = state.phase === 'ready' ? state.session : null;
  const rememberSession = useCallback((newCode: string) => session && saveParticipantSession({ ...session, code: newCode }), [session]);
  const workshop = useWorkshopConnections(session, ended);
  // Field by field, never the whole board: this page re-renders for its own fields, not the room's notes.
  const meta = useBoardField(workshop, (s) => s.board.meta);
  const status = useBoardField(workshop, (s) => s.status);
  const isLoaded = useBoardField(workshop, (s) => s.isLoaded);
  const notice = useBoardField(workshop, (s) => s.notice);
  const nearlyFull = useBoardField(workshop, (s) => s.nearlyFull);
  // One object for the whole draft step, so memoised notes do not re-render on every change.
  const draftActions = useMemo(() => workshop && withDrafts(workshop.board, workshop.control.addPrivate), [workshop]);
  const { roster, session: control, clockOffsetMs, myDrafts, unsentDrafts, myVotes, newCode } = useControlState(workshop);
  useCodeRotation(newCode, code, participantPath, rememberSession);
  // One voting object per vote state, so memoised note rows keep their callbacks between board updates.
  // In a private or anonymous step a new note, question or action is a draft the server holds until the reveal.
  const step = control ? currentStep(control) : null;
  const isDraftStep = Boolean(step && isPrivateStep(step));
  useEffect(() => workshop?.board.history.setMustDraft(isDraftStep), [workshop, isDraftStep]);
  const send = workshop?.control.send;
  const voting = useMemo(() => send && noteVoting(control, myVotes, send, true, setVoteError), [control, myVotes, send]);

  // With a session, the connections open in an effect: "opening" until then, not the join form.
  if (state.phase === 'loading' || (state.phase === 'ready' && !workshop)) return <p className="p-6 text-lg">{t('opening')}</p>;
  if (state.phase !== 'ready' || !workshop) {
    return (
      <main className="mx-auto flex max-w-md flex-col gap-4 p-4">
        <LanguageMenu className="self-end" />
        <h1 className="text-2xl font-bold">{t('joinWorkshop', { code: formatRoomCode(code) })}</h1>
        <JoinForm initialCode={code} notice={state.phase === 'needs-join' ? state.notice : null} onJoined={joined} />
      </main>
    );
  }

  const isLocked = control?.isBoardLocked ?? false;
  const actions = isDraftStep && draftActions ? draftActions : workshop.board;
  const left = dotsLeft(control, myVotes);
  const personaId = control?.activePersonaId ?? null;
  const quadrants = quadrantsOf(meta);
  return (
    <main className="mx-auto flex max-w-screen-2xl flex-col gap-3 p-3 pb-24 sm:p-4 sm:pb-24">
      <header className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
        <div className="min-w-0">
          <h1 dir="auto" className="text-lg leading-tight font-bold text-slate-950">
            {meta?.title ?? state.session.title}
          </h1>
          <div className="flex flex-wrap items-center gap-x-3 text-sm text-slate-700">
            <p>
              {t.rich('whereAndWho', {
                code: formatRoomCode(code),
                name: state.session.name,
                mono: (chunks) => <span className="font-mono">{chunks}</span>,
                b: (chunks) => <strong>{chunks}</strong>,
              })}
            </p>
            <ConnectionIndicator status={status} />
          </div>
        </div>
        <LanguageMenu isCompact />
      </header>
      <BoardNotices notice={notice} nearlyFull={nearlyFull} onDismiss={workshop.board.dismissNotice} />
      {control && (
        <StepBanner
          session={control}
          clockOffsetMs={clockOffsetMs}
          participantId={state.session.participantId}
          send={workshop.control.send}
          contentLang={meta?.locale}
        />
      )}
      {left !== null && (
        <p role="status" className="rounded-lg bg-blue-700 px-3 py-2 font-bold text-white">
          {t('voting', { count: left })}
        </p>
      )}
      {left !== null && voteError && (
        <p role="alert" className="font-medium text-red-700">
          {voteError}
        </p>
      )}
      <PictureAccessProvider code={code} token={state.session.token}>
        <BoardArea
          source={workshop.board}
          isLoaded={isLoaded}
          actions={actions}
          view={{
            variant: 'phone',
            isReadOnly: isLocked,
            voting,
            areNotesPrivate: isDraftStep,
          }}
          personaId={personaId}
          currentQuadrant={control?.spotlight ?? step?.quadrant ?? null}
          stepKind={step?.kind ?? null}
          people={people(roster)}
        />
      </PictureAccessProvider>
      {/* Below the board: a draft appearing must not push the composer it came from off the screen. */}
      {isDraftStep && (
        <LiveMyDrafts
          source={workshop.board}
          drafts={myDrafts}
          quadrants={quadrants}
          unsent={unsentDrafts}
          send={workshop.control.send}
          onRetry={workshop.control.retryDraft}
        />
      )}
      <HistoryBar history={workshop.board.history} isReadOnly={isLocked} />
      <details className="rounded-lg border border-slate-200 bg-white p-3">
        <summary className="cursor-pointer font-medium">{t('whoIsHere')}</summary>
        <div className="mt-2">
          <RosterList roster={roster} />
        </div>
      </details>
    </main>
  );
}

/**
 * The board's actions, except that what a private or anonymous step keeps private becomes a draft:
 * a new note (on the map or a journey step), question or action. All else is unchanged.
 */
function withDrafts(board: BoardActions, addPrivate: (target: DraftTarget, text: string) => Result<unknown>): BoardActions {
  const actions = Object.create(board) as BoardActions;
  actions.addNote = (_personaId, quadrant: QuadrantId, text, color) => addPrivate({ kind: 'note', quadrant, color }, text);
  actions.addJourneyNote = (_personaId, journeyStepId, text) => addPrivate({ kind: 'journeyNote', journeyStepId }, text);
  actions.addQuestion = (personaId, text) => addPrivate({ kind: 'question', personaId }, text);
  // Only the text: an action's owner is picked on the board after the reveal (no owner links to its writer).
  actions.addAction = (personaId, text) => addPrivate({ kind: 'action', personaId }, text);
  // A copy brings the persona's journey notes, questions and actions onto the board at once.
  actions.duplicatePersona = () => fail(refusalText('duplicateAfterPrivateStep'));
  return actions;
}

/** The person's drafts, named by where each goes: reads the personas and journey steps only. */
function LiveMyDrafts({ source, ...props }: Omit<ComponentProps<typeof MyDrafts>, 'board'> & { source: BoardSource }) {
  const personas = useBoardSelector(source, (s) => s.board.personas);
  const journeySteps = useBoardSelector(source, (s) => s.board.journeySteps);
  const board = useMemo(() => ({ personas, journeySteps }), [personas, journeySteps]);
  return <MyDrafts {...props} board={board} />;
}

const participantPath = (code: string) => `/w/${code}`;
