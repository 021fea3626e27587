'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { LIMITS } from '../../lib/limits';
import type { Result } from '../../lib/result';
import { PrivateHint } from './PrivateHint';
import { RefusalText } from '../ui/RefusalText';

interface Props {
  quadrantTitle: string;
  onAdd(text: string): Result<unknown>;
  isLarge?: boolean;
  isDisabled?: boolean;
  /** A private or anonymous step: the note becomes a draft only its author sees until the reveal. */
  isPrivate?: boolean;
}

/** The "New note" box of a quadrant. Enter adds, Shift+Enter starts a new line. */
export function NoteComposer({ quadrantTitle, onAdd, isLarge = false, isDisabled = false, isPrivate = false }: Props) {
  const t = useTranslations('participant');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState(false);
  const errorId = useId();

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const result = onAdd(text);
    setAdded(result.ok);
    if (result.ok) {
      setText('');
      setError(null);
    } else setError(result.error);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  }

  return (
    <form onSubmit={submit} className={`mt-2 flex gap-2 ${isLarge ? 'flex-row flex-wrap items-start' : 'flex-col'}`}>
      <textarea
        aria-label={t('newNote')}
        aria-describedby={error ? errorId : undefined}
        aria-invalid={error ? true : undefined}
        placeholder={t(isPrivate ? 'placeholderPrivate' : 'placeholder', { title: quadrantTitle })}
        value={text}
        disabled={isDisabled}
        maxLength={LIMITS.noteTextChars}
        rows={isLarge ? 1 : 2}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        className={`${isLarge ? 'min-w-0 flex-1' : 'w-full'} resize-y rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 placeholder:text-slate-500 ${isLarge ? 'text-lg' : 'text-base'}`}
      />
      {error && (
        <p id={errorId} role="alert" className="text-sm font-medium text-red-700">
          <RefusalText text={error} />
        </p>
      )}
      <button type="submit" disabled={isDisabled} className="btn-primary self-start">
        {t('addNote')}
      </button>
      {isPrivate && <PrivateHint added={added} />}
    </form>
  );
}
