'use client';

import { useState, type FormEvent } from 'react';
import type { Result } from '../../lib/result';
import { PrivateHint } from '../board/PrivateHint';
import { RefusalText } from '../ui/RefusalText';

interface Props {
  label: string;
  button: string;
  maxChars: number;
  placeholder?: string;
  isLarge: boolean;
  onAdd(text: string): Result<unknown>;
  /** A private or anonymous step: what is added becomes a draft only its author sees until the reveal. */
  isPrivate?: boolean;
}

/** A labelled one-line box with an "Add" button, keeping the text when it is refused. */
export function TextEntry({ label, button, maxChars, placeholder, isLarge, onAdd, isPrivate = false }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState(false);
  function submit(event: FormEvent) {
    event.preventDefault();
    const result = onAdd(text);
    setAdded(result.ok);
    setError(result.ok ? null : result.error);
    if (result.ok) setText('');
  }
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
      <label className={`flex min-w-0 flex-1 flex-col gap-1 font-medium text-slate-800 ${isLarge ? 'text-xl' : 'text-sm'}`}>
        {label}
        <input
          value={text}
          maxLength={maxChars}
          placeholder={placeholder}
          onChange={(event) => setText(event.target.value)}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-base text-slate-900"
        />
      </label>
      <button type="submit" className="btn-primary">
        {button}
      </button>
      {error && (
        <p role="alert" className="basis-full text-sm font-medium text-red-700">
          <RefusalText text={error} />
        </p>
      )}
      {isPrivate && <PrivateHint added={added} />}
    </form>
  );
}
