'use client';

import { NOTE_COLORS, type NoteColor } from '../../lib/note';
import { QUADRANTS, type QuadrantId } from '../../lib/quadrants';
import { NOTE_COLOR_CLASSES, NOTE_COLOR_NAMES } from './noteColors';

interface Props {
  quadrant: QuadrantId;
  color: NoteColor;
  onMove(quadrant: QuadrantId): void;
  onColor(color: NoteColor): void;
}

/** Move and colour controls that work by touch, mouse and keyboard alike (no drag needed). */
export function NoteMenu({ quadrant, color, onMove, onColor }: Props) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <select
        aria-label="Move to…"
        value=""
        onChange={(event) => {
          const target = QUADRANTS.find((q) => q.id === event.target.value);
          if (target) onMove(target.id);
        }}
        className="min-h-9 rounded border border-slate-400 bg-white/70 px-1 text-sm text-slate-900"
      >
        <option value="" disabled>
          Move to…
        </option>
        {QUADRANTS.filter((q) => q.id !== quadrant).map((q) => (
          <option key={q.id} value={q.id}>
            {q.title}
          </option>
        ))}
      </select>
      <div role="group" aria-label="Colour" className="flex gap-1">
        {NOTE_COLORS.map((option) => (
          <button
            key={option}
            type="button"
            aria-label={NOTE_COLOR_NAMES[option]}
            aria-pressed={option === color}
            onClick={() => onColor(option)}
            className={`h-7 w-7 rounded-full border-2 ${NOTE_COLOR_CLASSES[option]} aria-pressed:ring-2 aria-pressed:ring-slate-900 aria-pressed:ring-offset-1`}
          />
        ))}
      </div>
    </div>
  );
}
