'use client';

import type { Quadrant, QuadrantId } from '../../lib/quadrants';

interface Props {
  quadrants: readonly Quadrant[];
  value: QuadrantId | null;
  onChange(quadrant: QuadrantId | null): void;
  /** The first option, meaning "no quadrant". */
  noneLabel: string;
  className: string;
  'aria-label'?: string;
}

/** Picks one of the map's quadrants, or none. A value the map no longer has reads as none. */
export function QuadrantSelect({ quadrants, value, onChange, noneLabel, className, 'aria-label': ariaLabel }: Props) {
  const current = quadrants.some((q) => q.id === value) ? value! : '';
  return (
    <select
      aria-label={ariaLabel}
      value={current}
      onChange={(event) => onChange(quadrants.find((q) => q.id === event.target.value)?.id ?? null)}
      className={className}
    >
      <option value="">{noneLabel}</option>
      {quadrants.map((q) => (
        <option key={q.id} value={q.id}>
          {q.title}
        </option>
      ))}
    </select>
  );
}
