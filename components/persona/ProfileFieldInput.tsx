'use client';

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { Result } from '../../lib/result';
import { RefusalText } from '../ui/RefusalText';

/** Typing pauses this long before the text goes to the room (blur sends it at once). */
const WRITE_DELAY_MS = 800;

interface Props {
  label: string;
  hint?: string;
  value: string;
  maxChars: number;
  isMultiline: boolean;
  isDisabled?: boolean;
  /** Bigger type (the quote, the projector). */
  isLarge?: boolean;
  onCommit(value: string): Result<unknown>;
  /** Extra controls next to the label (e.g. "Remove field"). */
  tools?: ReactNode;
}

/**
 * One profile field, edited live: shows the room's value until this person types, then keeps
 * their text and writes it after a pause or on leaving the field, so typing does not send an
 * update per key. Mount it with a `key` per persona, so a pending edit never moves persona.
 */
export function ProfileFieldInput({
  label,
  hint,
  value,
  maxChars,
  isMultiline,
  isDisabled = false,
  isLarge = false,
  onCommit,
  tools,
}: Props) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<{ text: string; commit: Props['onCommit'] } | null>(null);

  function flush() {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    const edit = pending.current;
    pending.current = null;
    if (!edit) return;
    const result = edit.commit(edit.text);
    setError(result.ok ? null : result.error);
  }

  // Leaving the card (another persona, another section) still saves what was typed.
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
      const edit = pending.current;
      if (edit) edit.commit(edit.text);
    },
    [],
  );

  function change(text: string) {
    setDraft(text);
    pending.current = { text, commit: onCommit };
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(flush, WRITE_DELAY_MS);
  }

  const common = {
    id,
    value: draft ?? value,
    maxLength: maxChars,
    disabled: isDisabled,
    'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined,
    'aria-invalid': error ? true : undefined,
    onChange: (event: { target: { value: string } }) => change(event.target.value),
    onBlur: () => {
      flush();
      setDraft(null);
    },
    className: `w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-950 disabled:bg-slate-100 ${isLarge ? 'text-xl' : 'text-base'}`,
  };
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <div className="flex items-center gap-2">
        <label htmlFor={id} className={`font-semibold text-slate-800 ${isLarge ? 'text-lg' : 'text-sm'}`}>
          {label}
        </label>
        {tools}
      </div>
      {hint && (
        <p id={`${id}-hint`} className="-mt-1 text-sm text-slate-600">
          {hint}
        </p>
      )}
      {isMultiline ? <textarea rows={isLarge ? 2 : 3} {...common} /> : <input type="text" {...common} />}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm font-medium text-red-700">
          <RefusalText text={error} />
        </p>
      )}
    </div>
  );
}
