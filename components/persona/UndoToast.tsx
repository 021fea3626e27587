'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { PERSONA_UNDO_MS } from '../../lib/persona';

export interface Notice {
  message: string;
  /** Offered as an "Undo" button while the notice shows. */
  undo?: () => void;
}

/** One notice at a time; a new one replaces the old, and each goes away after the undo window. */
export function useNotice(): [Notice | null, (notice: Notice) => void, () => void] {
  const [current, setCurrent] = useState<{ notice: Notice; serial: number } | null>(null);
  useEffect(() => {
    if (!current) return;
    const timer = setTimeout(() => setCurrent((now) => (now?.serial === current.serial ? null : now)), PERSONA_UNDO_MS);
    return () => clearTimeout(timer);
  }, [current]);
  const show = useCallback((notice: Notice) => setCurrent((now) => ({ notice, serial: (now?.serial ?? 0) + 1 })), []);
  const dismiss = useCallback(() => setCurrent(null), []);
  return [current?.notice ?? null, show, dismiss];
}

interface Props {
  notice: Notice | null;
  onDismiss(): void;
  isLarge?: boolean;
}

/** A toast at the bottom of the screen, announced politely to screen readers. */
export function UndoToast({ notice, onDismiss, isLarge = false }: Props) {
  const t = useTranslations('profile');
  return (
    <div role="status" className="pointer-events-none fixed inset-x-0 bottom-3 z-30 flex justify-center px-3">
      {notice && (
        <div
          className={`pointer-events-auto flex max-w-xl flex-wrap items-center gap-3 rounded-xl bg-slate-900 px-4 py-3 text-white shadow-lg ${isLarge ? 'text-xl' : 'text-base'}`}
        >
          <p className="min-w-0 flex-1">{notice.message}</p>
          {notice.undo && (
            <button
              type="button"
              className="min-h-10 rounded-md bg-amber-400 px-4 font-bold text-slate-950 hover:bg-amber-300"
              onClick={() => {
                notice.undo?.();
                onDismiss();
              }}
            >
              {t('undo')}
            </button>
          )}
          <button type="button" className="min-h-10 rounded-md px-3 font-semibold text-white underline" onClick={onDismiss}>
            {t('dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
