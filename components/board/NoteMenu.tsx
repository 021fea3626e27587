'use client';

import { useState } from 'react';
import { NOTE_COLORS, type NoteColor } from '../../lib/note';
import type { ProfileFieldChoice } from '../../lib/profile';
import type { Result } from '../../lib/result';
import { NOTE_COLOR_CLASSES, NOTE_COLOR_NAMES } from './noteColors';

/** Somewhere a note can be moved to: a quadrant of the map (or a journey step). */
export interface MoveTarget {
  id: string;
  title: string;
}

interface Props {
  color: NoteColor;
  /** Where the note can go (its own place left out); no "Move to…" when empty. */
  moveTargets: readonly MoveTarget[];
  onMove(targetId: string): void;
  onColor(color: NoteColor): void;
  /** Profile fields the note can be promoted into; no "Promote to…" when empty. */
  promoteTargets: readonly ProfileFieldChoice[];
  onPromote(fieldKey: string): Result<string>;
}

const SELECT = 'min-h-9 rounded border border-slate-400 bg-white/70 px-1 text-sm text-slate-900';

/** Move, colour and promote controls that work by touch, mouse and keyboard alike (no drag needed). */
export function NoteMenu({ color, moveTargets, onMove, onColor, promoteTargets, onPromote }: Props) {
  const [promoted, setPromoted] = useState<Result<string> | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      {moveTargets.length > 0 && (
        <select
          aria-label="Move to…"
          value=""
          onChange={(event) => {
            const target = moveTargets.find((t) => t.id === event.target.value);
            if (target) onMove(target.id);
          }}
          className={SELECT}
        >
          <option value="" disabled>
            Move to…
          </option>
          {moveTargets.map((target) => (
            <option key={target.id} value={target.id}>
              {target.title}
            </option>
          ))}
        </select>
      )}
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
      {promoteTargets.length > 0 && (
        <select
          aria-label="Promote to profile…"
          value=""
          onChange={(event) => {
            if (event.target.value) setPromoted(onPromote(event.target.value));
          }}
          className={SELECT}
        >
          <option value="" disabled>
            Promote to profile…
          </option>
          {promoteTargets.map((field) => (
            <option key={field.key} value={field.key}>
              {field.label}
            </option>
          ))}
        </select>
      )}
      {promoted && (
        <p
          role={promoted.ok ? 'status' : 'alert'}
          className={`basis-full text-sm font-medium ${promoted.ok ? 'text-green-900' : 'text-red-700'}`}
        >
          {promoted.ok ? `Added to the profile: ${promoted.value}.` : promoted.error}
        </p>
      )}
    </div>
  );
}
