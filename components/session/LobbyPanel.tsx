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
    <section aria-label="Lobby" className="flex min-h-0 flex-1 gap-8 rounded-xl bg-white p-8 shadow-sm">
      <div className="flex flex-col items-center justify-center gap-6">
        <QrCode text={joinUrl} size={360} />
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-6">
        <p className="text-3xl text-slate-700">
          Join at <span className="font-bold break-all text-slate-950">{joinUrl}</span>
        </p>
        <p className="flex flex-col">
          <span className="text-2xl font-medium text-slate-600">Room code</span>
          <span className="font-mono text-[8rem] leading-none font-black tracking-wider text-slate-950">{formatRoomCode(code)}</span>
        </p>
        {isLobbyLocked && <p className="text-2xl font-semibold text-amber-800">The lobby is closed: no new joins.</p>}
        <div className="min-h-0 overflow-y-auto">
          <RosterList roster={roster} isLarge onRemove={onRemove} />
        </div>
      </div>
    </section>
  );
}
