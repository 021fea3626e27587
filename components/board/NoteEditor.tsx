'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { LIMITS } from '../../lib/limits';
import type { Result } from '../../lib/result';
import { FormError } from '../ui/FormError';

interface Props {
  initialText: string;
  onSave(text: string): Result<unknown>;
  onDone(): void;
  /** Thumb-sized (44 px) buttons, for the phone's note sheet. */
  isLarge?: boolean;
}

/** Inline editing of a note's text. Enter saves, Escape cancels. */
export function NoteEditor({ initialText, onSave, onDone, isLarge = false }: Props) {
  const t = useTranslations('note');
  const [text, setText] = useState(initialText);
  const [error, setError] = useState<string | null>(null);

  function save(event?: FormEvent) {
    event?.preventDefault();
    const result = onSave(text);
    if (result.ok) onDone();
    else setError(result.error);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Escape') onDone();
    else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) save(event);
  }

  return (
    <form onSubmit={save} className="flex flex-col gap-2">
      <textarea
        aria-label={t('noteText')}
        autoFocus
        value={text}
        maxLength={LIMITS.noteTextChars}
        rows={3}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        className="w-full rounded border border-slate-400 bg-white/80 px-2 py-1 text-slate-900"
      />
      <FormError message={error} className="text-sm font-medium text-red-700" />
      <div className="flex gap-2">
        <button type="submit" className={isLarge ? 'btn-primary' : 'btn-primary btn-small'}>
          {t('save')}
        </button>
        <button type="button" onClick={onDone} className={isLarge ? 'btn-secondary' : 'btn-secondary btn-small'}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
