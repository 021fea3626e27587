'use client';

import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../lib/limits';
import { quadrantTitle, type Quadrant, type QuadrantId } from '../../lib/quadrants';
import type { Result } from '../../lib/result';
import { FormError } from '../ui/FormError';

interface Props {
  spotlight: QuadrantId;
  quadrants: readonly Quadrant[];
  isLocked: boolean;
  onAdd(quadrant: QuadrantId, text: string): Result<unknown>;
}

/**
 * The phone's big "add a note to <quadrant>" box. It follows the facilitator's spotlight, but a
 * note being typed keeps the quadrant it was started for: the spotlight never yanks it away.
 */
export function FocusComposer({ spotlight, quadrants, isLocked, onAdd }: Props) {
  const [text, setText] = useState('');
  const [pinned, setPinned] = useState<QuadrantId | null>(null);
  const [error, setError] = useState<string | null>(null);
  const target = pinned ?? spotlight;
  const title = quadrantTitle(target, quadrants);

  function change(value: string) {
    setText(value);
    setPinned(value.trim() ? (pinned ?? spotlight) : null);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = onAdd(target, text);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setText('');
    setPinned(null);
    setError(null);
  }

  return (
    <section aria-label="Add a note" className="rounded-xl border-2 border-blue-600 bg-blue-50 p-3">
      <form onSubmit={submit} className="flex flex-col gap-2">
        <label className="flex flex-col gap-2 text-xl font-bold text-slate-950">
          Add a note to {title}
          <textarea
            value={text}
            rows={3}
            maxLength={LIMITS.noteTextChars}
            disabled={isLocked}
            onChange={(event) => change(event.target.value)}
            className="w-full rounded-lg border border-slate-400 bg-white px-3 py-2 text-lg font-normal"
          />
        </label>
        {pinned && pinned !== spotlight && (
          <p className="text-sm text-slate-700">
            The facilitator moved on to {quadrantTitle(spotlight, quadrants)}. This note still goes to {title}.
          </p>
        )}
        {isLocked && <p className="text-sm font-medium text-amber-900">The facilitator has locked the board for now.</p>}
        <FormError message={error} className="text-sm font-medium text-red-700" />
        <button type="submit" disabled={isLocked} className="btn-primary btn-large">
          Add to {title}
        </button>
      </form>
    </section>
  );
}
