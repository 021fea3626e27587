'use client';

import { useTranslations } from 'next-intl';
import { quadrantTitle, type Quadrant, type QuadrantId } from '../../lib/quadrants';

/** Said above a note being typed when the facilitator moved the room to another quadrant. */
export function MovedOnNotice({ to, quadrants, onGo }: { to: QuadrantId; quadrants: readonly Quadrant[]; onGo(): void }) {
  const t = useTranslations('participant');
  const title = quadrantTitle(to, quadrants);
  return (
    <p role="status" className="flex flex-wrap items-center gap-2 rounded-lg bg-blue-50 p-2 text-blue-950">
      <span className="min-w-0 flex-1">{t('movedOn', { title })}</span>
      <button type="button" className="btn-secondary min-h-11 px-3 text-sm" onClick={onGo}>
        {t('goTo', { title })}
      </button>
    </p>
  );
}
