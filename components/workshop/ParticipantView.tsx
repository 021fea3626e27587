'use client';

import { formatRoomCode } from '../../lib/roomCode';
import { useBoardState, useControlState, useWorkshopConnections } from '../sync/useWorkshop';
import { useParticipantSession } from '../sync/useSessions';
import { BoardArea } from './BoardArea';
import { ConnectionIndicator } from './ConnectionIndicator';
import { JoinForm } from './JoinForm';
import { RosterList } from './RosterList';

/** A participant's screen (phone first): the board, who is here, and whether it is live. */
export function ParticipantView({ code }: { code: string }) {
  const { state, joined, ended } = useParticipantSession(code);
  const session = state.phase === 'ready' ? state.session : null;
  const workshop = useWorkshopConnections(session, ended);
  const { board, status, isLoaded } = useBoardState(workshop);
  const { roster } = useControlState(workshop);

  if (state.phase === 'loading') return <p className="p-6 text-lg">Opening the workshop…</p>;
  if (state.phase !== 'ready' || !workshop) {
    return (
      <main className="mx-auto flex max-w-md flex-col gap-4 p-4">
        <h1 className="text-2xl font-bold">Join workshop {formatRoomCode(code)}</h1>
        <JoinForm initialCode={code} notice={state.phase === 'needs-join' ? state.notice : null} onJoined={joined} />
      </main>
    );
  }

  return (
    <main className="mx-auto flex max-w-screen-2xl flex-col gap-3 p-3 sm:p-4">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h1 className="text-xl font-bold text-slate-950">{board.meta?.title ?? state.session.title}</h1>
          <p className="text-sm text-slate-700">
            Room <span className="font-mono">{formatRoomCode(code)}</span> · You are <strong>{state.session.name}</strong>
          </p>
        </div>
        <ConnectionIndicator status={status} />
      </header>
      <BoardArea board={board} isLoaded={isLoaded} actions={workshop.board} variant="phone" />
      <details className="rounded-lg border border-slate-200 bg-white p-3">
        <summary className="cursor-pointer font-medium">Who is here</summary>
        <div className="mt-2">
          <RosterList roster={roster} />
        </div>
      </details>
    </main>
  );
}
