'use client';

import { useEffect, useState } from 'react';
import { formatRoomCode } from '../../lib/roomCode';
import { workshopInfo } from '../sync/api';
import { useFacilitatorSession } from '../sync/useSessions';
import { useBoardState, useControlState, useWorkshopConnections } from '../sync/useWorkshop';
import { BoardArea } from './BoardArea';
import { ConnectionIndicator } from './ConnectionIndicator';
import { CopyButton } from './CopyButton';
import { RosterList } from './RosterList';

/** The projected board with the room code big enough for the back row, for the facilitator. */
export function PresenterView({ code }: { code: string }) {
  const { state, key, ended } = useFacilitatorSession(code);
  const session = state.phase === 'ready' ? state.session : null;
  const workshop = useWorkshopConnections(session, ended);
  const { board, status, isLoaded } = useBoardState(workshop);
  const { roster } = useControlState(workshop);
  const [joinUrl, setJoinUrl] = useState<string | null>(null);

  useEffect(() => {
    void workshopInfo(code).then((result) => setJoinUrl(result.ok ? result.value.joinUrl : `${window.location.origin}/join/${code}`));
  }, [code]);

  if (state.phase === 'loading') return <p className="p-8 text-2xl">Opening the presenter view…</p>;
  if (state.phase === 'needs-key' || state.phase === 'error' || !workshop) {
    return (
      <main className="mx-auto flex max-w-xl flex-col gap-4 p-8">
        <h1 className="text-3xl font-bold">Presenter view</h1>
        <p role="alert" className="text-lg text-slate-800">
          {state.phase === 'error'
            ? state.message
            : 'This page needs the facilitator link (it ends in #key=…). Open the link you got when you created the workshop.'}
        </p>
        <a className="btn-secondary self-start" href={`/join/${code}`}>
          Join as a participant instead
        </a>
      </main>
    );
  }

  const facilitatorLink = `${window.location.origin}/w/${code}/present#key=${key ?? ''}`;
  return (
    <main className="flex h-dvh flex-col gap-4 overflow-hidden bg-slate-100 p-4 lg:p-6">
      <header className="flex flex-wrap items-center gap-x-10 gap-y-3 rounded-xl bg-white p-4 shadow-sm">
        <div>
          <h1 className="text-3xl font-bold text-slate-950">{board.meta?.title ?? session?.title}</h1>
          <p className="text-xl text-slate-700">
            Join at <span className="font-semibold text-slate-950">{joinUrl ?? '…'}</span>
          </p>
        </div>
        <p className="flex flex-col">
          <span className="text-lg font-medium text-slate-600">Room code</span>
          <span aria-label={`Room code ${formatRoomCode(code)}`} className="font-mono text-6xl font-black tracking-wider text-slate-950">
            {formatRoomCode(code)}
          </span>
        </p>
        <div className="ml-auto flex flex-col items-end gap-2">
          <ConnectionIndicator status={status} />
          <CopyButton text={facilitatorLink} label="Copy facilitator link" />
        </div>
      </header>
      <div className="flex min-h-0 flex-1 gap-4">
        <div className="flex min-h-0 flex-1 flex-col">
          <BoardArea board={board} isLoaded={isLoaded} actions={workshop.board} variant="projector" />
        </div>
        <aside className="w-72 shrink-0 overflow-y-auto rounded-xl bg-white p-4 shadow-sm">
          <RosterList roster={roster} isLarge />
        </aside>
      </div>
    </main>
  );
}
