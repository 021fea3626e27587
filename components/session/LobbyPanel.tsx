import { formatRoomCode } from '../../lib/roomCode';
import type { RosterEntry } from '../../lib/wire';
import { RosterList } from '../workshop/RosterList';
import { QrCode } from './QrCode';

interface Props {
  code: string;
  joinUrl: string;
  roster: RosterEntry[];
  isLobbyLocked: boolean;
  onRemove?(participantId: string): void;
}

/** The projector's lobby: how to join, as big as the back row needs, and who is in. */
export function LobbyPanel({ code, joinUrl, roster, isLobbyLocked, onRemove }: Props) {
  return (
    <section aria-label="Lobby" className="flex w-[36%] shrink-0 flex-col gap-4 overflow-y-auto rounded-xl bg-white p-6 shadow-sm">
      <p className="flex flex-col">
        <span className="text-2xl font-medium text-slate-600">Room code</span>
        <span className="font-mono text-8xl leading-none font-black tracking-wider text-slate-950">{formatRoomCode(code)}</span>
      </p>
      <div className="flex items-center gap-5">
        <QrCode text={joinUrl} size={240} />
        <p className="min-w-0 text-2xl text-slate-700">
          Scan, or go to <span className="font-bold break-all text-slate-950">{joinUrl}</span>
        </p>
      </div>
      {isLobbyLocked && <p className="text-2xl font-semibold text-amber-800">The lobby is closed: no new joins.</p>}
      <RosterList roster={roster} isLarge onRemove={onRemove} />
    </section>
  );
}
