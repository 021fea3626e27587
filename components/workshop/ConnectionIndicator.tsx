'use client';

import { useTranslations } from 'next-intl';
import type { ConnectionStatus } from '../sync/BoardConnection';

const DOTS: Record<ConnectionStatus, string> = {
  connecting: 'bg-amber-500',
  live: 'bg-green-600',
  reconnecting: 'bg-amber-500 animate-pulse',
  offline: 'bg-slate-500',
  ended: 'bg-red-600',
};

/** Tells a person whether what they type is reaching the room. */
export function ConnectionIndicator({ status }: { status: ConnectionStatus }) {
  const t = useTranslations('common');
  const text = t(`connectionStatus.${status}`);
  return (
    <p role="status" aria-label={t('connection', { status: text })} className="flex items-center gap-2 text-sm font-medium text-slate-700">
      <span aria-hidden className={`inline-block h-3 w-3 rounded-full ${DOTS[status]}`} />
      {text}
    </p>
  );
}
