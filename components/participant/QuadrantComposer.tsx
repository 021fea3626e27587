'use client';

import { Lock } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { LIMITS } from '../../lib/limits';
import type { Result } from '../../lib/result';
import { RefusalText } from '../ui/RefusalText';

interface Props {
  quadrantTitle: string;
  /** The text is held by the map, so it survives switching quadrants and the facilitator moving on. */
  text: string;
  onText(text: string): void;
  onAdd(text: string): Result<unknown>;
  isDisabled: boolean;
  /** In a private step the note is a draft only its author sees until the reveal. */
  isPrivate: boolean;
  isPhone: boolean;
}

/** A quadrant's "New note" box, on top of its notes. Enter adds, Shift+Enter starts a new line. */
export function QuadrantComposer({ quadrantTitle, text, onText, onAdd, isDisabled, isPrivate, isPhone }: Props) {
  const t = useTranslations('participant');
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState(false);
  const errorId = useId();

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const result = onAdd(text);
    setError(result.ok ? null : result.error);
    setAdded(result.ok);
    if (result.ok) onText('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-2">
      {isPrivate && (
        <p className="flex items-center gap-1 text-sm font-medium text-slate-800">
          <Lock aria-hidden size={14} /> {t('privateStep')}
        </p>
      )}
      <textarea
        aria-label={t('newNote')}
        aria-describedby={error ? errorId : undefined}
        aria-invalid={error ? true : undefined}
        placeholder={t(isPrivate ? 'placeholderPrivate' : 'placeholder', { title: quadrantTitle })}
        value={text}
        disabled={isDisabled}
        maxLength={LIMITS.noteTextChars}
        rows={isPhone ? 3 : 2}
        onChange={(event) => {
          onText(event.target.value);
          setAdded(false);
        }}
        onKeyDown={onKeyDown}
        className="w-full resize-y rounded-lg border border-slate-400 bg-white px-3 py-2 text-base text-slate-950 placeholder:text-slate-600 disabled:bg-slate-100"
      />
      {error && (
        <p id={errorId} role="alert" className="text-sm font-medium text-red-700">
          <RefusalText text={error} />
        </p>
      )}
      <button type="submit" disabled={isDisabled} className={`btn-primary ${isPhone ? 'btn-large w-full' : 'self-start'}`}>
        {t('addNote')}
      </button>
      <p role="status" className="text-sm text-slate-700 empty:hidden">
        {added && isPrivate ? t('addedPrivately') : ''}
      </p>
    </form>
  );
}
