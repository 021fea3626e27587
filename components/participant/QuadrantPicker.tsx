'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { memo, useCallback, useEffect, useRef } from 'react';
import type { Quadrant, QuadrantId, QuadrantNotes } from '../../lib/quadrants';
import type { Note } from '../../lib/note';

interface Props {
  panels: readonly QuadrantNotes<Note>[];
  open: QuadrantId | null;
  /** The facilitator's quadrant, marked "now". */
  current: QuadrantId | null;
  onOpen(id: QuadrantId): void;
}

/**
 * The phone's list of quadrants with their counts: one tap opens one. Each button's name starts
 * with the quadrant's title ("Pains, 15 notes"), which tools outside the repo rely on.
 */
export function QuadrantPicker({ panels, open, current, onOpen }: Props) {
  const t = useTranslations('participant');
  // A stable callback, so a button re-renders only when its own count or state changes (an edit
  // from the room changes neither: formatting six names per edit was a phone's measurable cost).
  const latest = useRef(onOpen);
  useEffect(() => {
    latest.current = onOpen;
  });
  const openQuadrant = useCallback((id: QuadrantId) => latest.current(id), []);
  return (
    <nav aria-label={t('quadrants')}>
      <ul className="grid grid-cols-3 gap-2">
        {panels.map(({ quadrant, notes }) => (
          <QuadrantButton
            key={quadrant.id}
            quadrant={quadrant}
            count={notes.length}
            isOpen={quadrant.id === open}
            isCurrent={quadrant.id === current}
            onOpen={openQuadrant}
          />
        ))}
      </ul>
    </nav>
  );
}

interface ButtonProps {
  quadrant: Quadrant;
  count: number;
  isOpen: boolean;
  isCurrent: boolean;
  onOpen(id: QuadrantId): void;
}

const QuadrantButton = memo(function QuadrantButton({ quadrant, count, isOpen, isCurrent, onOpen }: ButtonProps) {
  const t = useTranslations('participant');
  const format = useFormatter();
  return (
    <li className="flex">
      <button
        type="button"
        aria-label={t('quadrantButton', { title: quadrant.title, count, isNow: isCurrent ? 'yes' : 'no' })}
        aria-pressed={isOpen}
        onClick={() => onOpen(quadrant.id)}
        className="flex min-h-12 min-w-0 flex-1 flex-wrap items-center justify-between gap-1 rounded-lg border border-slate-300 bg-white py-1 ps-2 pe-1 text-start text-sm font-semibold text-slate-900 hover:bg-slate-100 aria-pressed:border-blue-700 aria-pressed:bg-blue-700 aria-pressed:text-white"
      >
        {/* Not shrunk below its longest word: a long count ("1,000") goes under the title instead of splitting it. */}
        <span className="max-w-full leading-tight break-words">
          {isCurrent && (
            <span aria-hidden className="me-1">
              ●
            </span>
          )}
          <bdi>{quadrant.title}</bdi>
        </span>
        <span aria-hidden className="shrink-0 rounded-full bg-slate-900/10 px-1.5 text-sm tabular-nums">
          {format.number(count)}
        </span>
      </button>
    </li>
  );
});
