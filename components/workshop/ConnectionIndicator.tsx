import type { ConnectionStatus } from '../sync/BoardConnection';

const LABELS: Record<ConnectionStatus, { text: string; dot: string }> = {
  connecting: { text: 'Connecting…', dot: 'bg-amber-500' },
  live: { text: 'Live', dot: 'bg-green-600' },
  reconnecting: { text: 'Reconnecting… your notes are kept', dot: 'bg-amber-500 animate-pulse' },
  offline: { text: 'Offline: your notes are kept on this device', dot: 'bg-slate-500' },
  ended: { text: 'Disconnected', dot: 'bg-red-600' },
};

/** Tells a person whether what they type is reaching the room. */
export function ConnectionIndicator({ status }: { status: ConnectionStatus }) {
  const label = LABELS[status];
  return (
    <p role="status" aria-label={`Connection: ${label.text}`} className="flex items-center gap-2 text-sm font-medium text-slate-700">
      <span aria-hidden className={`inline-block h-3 w-3 rounded-full ${label.dot}`} />
      {label.text}
    </p>
  );
}
