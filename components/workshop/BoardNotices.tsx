'use client';

import { useTranslations } from 'next-intl';
import type { BoardSize } from '../../lib/boardNotices';
import { useRefusalText } from '../ui/useRefusalText';

interface Props {
  /** A change of this person's the server refused, in plain words (null: nothing to say). */
  notice: string | null;
  nearlyFull: BoardSize | null;
  onDismiss(): void;
}

/** What the server said about this person's changes, and a warning while the board is nearly full. */
export function BoardNotices({ notice, nearlyFull, onDismiss }: Props) {
  const t = useTranslations('common');
  const refusal = useRefusalText();
  if (!notice && !nearlyFull) return null;
  return (
    <div className="flex flex-col gap-2">
      {notice && (
        // Fixed at the bottom of the screen: on a phone the person is usually scrolled to where they typed.
        <div className="pointer-events-none fixed inset-x-0 bottom-3 z-30 flex justify-center px-3">
          <div
            role="alert"
            className="pointer-events-auto flex max-w-xl flex-wrap items-center gap-3 rounded-xl border-2 border-amber-600 bg-amber-50 px-4 py-3 text-slate-950 shadow-lg"
          >
            <p className="min-w-0 flex-1 text-base font-medium">{refusal(notice)}</p>
            <button type="button" className="btn-secondary btn-small" onClick={onDismiss}>
              {t('ok')}
            </button>
          </div>
        </div>
      )}
      {nearlyFull && (
        <p role="status" className="rounded-lg border-2 border-red-700 bg-red-50 p-3 text-base font-medium text-red-900">
          {t('nearlyFull', {
            percent: Math.floor((nearlyFull.bytes / nearlyFull.limitBytes) * 100) / 100,
            megabytes: Math.round(nearlyFull.limitBytes / (1024 * 1024)),
          })}
        </p>
      )}
    </div>
  );
}
