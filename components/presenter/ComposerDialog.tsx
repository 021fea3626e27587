'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { LIMITS } from '../../lib/limits';
import type { Quadrant, QuadrantId } from '../../lib/quadrants';
import type { Result } from '../../lib/result';
import { Dialog } from './Dialog';
import { RefusalText } from '../ui/RefusalText';

interface Props {
  personaName: string;
  quadrants: readonly Quadrant[];
  /** Preselected: the spotlighted quadrant, else the one last added to. */
  initialQuadrant: QuadrantId;
  onAdd(quadrant: QuadrantId, text: string): Result<unknown>;
  onClose(quadrant: QuadrantId): void;
}

/**
 * The facilitator's composer: a note for any quadrant without a text box on the projected
 * board. It stays open after adding, for the next note the room calls out.
 */
export function ComposerDialog({ personaName, quadrants, initialQuadrant, onAdd, onClose }: Props) {
  const t = useTranslations('note');
  const tp = useTranslations('participant');
  const [quadrant, setQuadrant] = useState(initialQuadrant);
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const errorId = useId();
  const title = (id: QuadrantId) => quadrants.find((q) => q.id === id)?.title ?? id;

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const result = onAdd(quadrant, text);
    if (result.ok) {
      setText('');
      setOutcome({ ok: true, message: t('addedTo', { quadrant: title(quadrant) }) });
    } else setOutcome({ ok: false, message: result.error });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  }

  return (
    <Dialog title={t('addNoteTo', { persona: personaName })} onClose={() => onClose(quadrant)}>
      <form onSubmit={submit} className="flex flex-col gap-3">
        <label className="flex flex-col gap-1 font-semibold">
          {t('quadrant')}
          <select value={quadrant} onChange={(event) => setQuadrant(event.target.value)} className="input text-lg font-normal">
            {quadrants.map((q) => (
              <option key={q.id} value={q.id}>
                {q.title}
              </option>
            ))}
          </select>
        </label>
        <textarea
          aria-label={tp('newNote')}
          aria-describedby={outcome && !outcome.ok ? errorId : undefined}
          aria-invalid={outcome && !outcome.ok ? true : undefined}
          data-autofocus
          placeholder={t('composerPlaceholder', { quadrant: title(quadrant) })}
          value={text}
          maxLength={LIMITS.noteTextChars}
          rows={3}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          className="input text-xl"
        />
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className="btn-primary">
            {tp('addNote')}
          </button>
          {outcome && (
            <p
              id={errorId}
              role={outcome.ok ? 'status' : 'alert'}
              className={`text-base font-medium ${outcome.ok ? 'text-green-800' : 'text-red-700'}`}
            >
              <RefusalText text={outcome.message} />
            </p>
          )}
        </div>
      </form>
    </Dialog>
  );
}
