'use client';

import { Pencil, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import type { Board } from '../../lib/board';
import { quadrantTitle, type Quadrant } from '../../lib/quadrants';
import { DRAFT_TEXT_CHARS, type DraftTarget, type DraftView } from '../../lib/session/drafts';
import type { UnsentDraft } from '../sync/ControlConnection';
import type { SendCommand } from './useCommand';
import { RefusalText } from '../ui/RefusalText';

interface Props {
  drafts: DraftView[];
  quadrants: readonly Quadrant[];
  /** The board's personas and journey steps, to say where each draft goes. */
  board: Pick<Board, 'personas' | 'journeySteps'>;
  unsent: UnsentDraft[];
  send: SendCommand;
  onRetry(draftId: string): void;
}

/**
 * A participant's private drafts (map notes, journey notes, questions, actions): only they see
 * them until the facilitator reveals them, and they may edit or delete them until then.
 */
export function MyDrafts({ drafts, quadrants, board, unsent, send, onRetry }: Props) {
  const t = useTranslations('drafts');
  // With none yet, the composer itself says the step is private.
  if (drafts.length === 0 && unsent.length === 0) return null;
  const where = (draft: DraftWhere) => placeOf(draft, quadrants, board, t);
  return (
    <section aria-label={t('heading')} className="rounded-xl border border-slate-300 bg-white p-3">
      <h2 className="text-lg font-bold">{t('heading')}</h2>
      <p className="text-sm text-slate-600">{t('onlyYou')}</p>
      <ul className="mt-2 flex flex-col gap-2">
        {drafts.map((draft) => (
          <DraftItem key={draft.draftId} draft={draft} where={where(draft)} send={send} />
        ))}
        {unsent.map((draft) => (
          <li key={draft.draftId} className="flex items-start gap-2 rounded-md border border-dashed border-slate-400 p-2">
            <span className="flex-1">
              <span className="block text-xs font-semibold text-slate-600 uppercase">{where(draft)}</span>
              {draft.text}
              <span className={`block text-sm ${draft.error ? 'text-red-700' : 'text-slate-600'}`}>
                {draft.error ? <RefusalText text={draft.error} /> : t('sending')}
              </span>
            </span>
            {draft.error && (
              <button type="button" className="btn-secondary btn-small" onClick={() => onRetry(draft.draftId)}>
                {t('retry')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

type DraftWhere = Pick<DraftView, 'kind' | 'personaId' | 'quadrant' | 'journeyStepId'> | DraftTarget;

/** Where a draft goes once revealed, in words: its quadrant, its journey step, or the persona's plan. */
function placeOf(
  draft: DraftWhere,
  quadrants: readonly Quadrant[],
  board: Props['board'],
  t: ReturnType<typeof useTranslations<'drafts'>>,
): string {
  const persona = (id: string) => board.personas.find((p) => p.id === id)?.name;
  switch (draft.kind) {
    case 'note':
      return draft.quadrant ? quadrantTitle(draft.quadrant, quadrants) : t('empathyMap');
    case 'journeyNote': {
      const step = board.journeySteps.find((s) => s.id === draft.journeyStepId);
      return step ? t('journeyStep', { title: step.title }) : t('deletedStep');
    }
    case 'question':
    case 'action': {
      const name = persona(draft.personaId);
      if (draft.kind === 'question') return name ? t('questionFor', { name }) : t('question');
      return name ? t('actionFor', { name }) : t('action');
    }
  }
}

/** One draft the server holds: its text, then Edit (in place) and Delete. */
function DraftItem({ draft, where, send }: { draft: DraftView; where: string; send: SendCommand }) {
  const t = useTranslations('drafts');
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function save(event: FormEvent) {
    event.preventDefault();
    if (text === null || text.trim() === draft.text) return setText(null);
    const reply = await send({ type: 'draft.edit', draftId: draft.draftId, text });
    setError(reply.ok ? null : reply.error);
    if (reply.ok) setText(null);
  }
  async function remove() {
    const reply = await send({ type: 'draft.delete', draftId: draft.draftId });
    setError(reply.ok ? null : reply.error);
  }
  return (
    <li className="flex flex-wrap items-start gap-2 rounded-md bg-yellow-100 p-2">
      <span className="block basis-full text-xs font-semibold text-slate-600 uppercase">{where}</span>
      {text === null ? (
        <>
          <span className="min-w-0 flex-1 break-words">{draft.text}</span>
          <button type="button" aria-label={t('edit')} className="icon-btn size-11" onClick={() => setText(draft.text)}>
            <Pencil aria-hidden size={18} />
          </button>
          <button type="button" aria-label={t('delete')} className="icon-btn size-11" onClick={() => void remove()}>
            <Trash2 aria-hidden size={18} />
          </button>
        </>
      ) : (
        <form onSubmit={(event) => void save(event)} className="flex flex-1 flex-wrap items-end gap-2">
          <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm font-medium text-slate-800">
            {t('text')}
            <textarea
              value={text}
              autoFocus
              rows={2}
              maxLength={DRAFT_TEXT_CHARS[draft.kind]}
              onChange={(event) => setText(event.target.value)}
              className="rounded-md border border-slate-300 bg-white px-3 py-2 text-base text-slate-900"
            />
          </label>
          <button type="submit" className="btn-primary btn-small">
            {t('save')}
          </button>
          <button type="button" className="btn-secondary btn-small" onClick={() => setText(null)}>
            {t('cancel')}
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="basis-full text-sm font-medium text-red-700">
          <RefusalText text={error} />
        </p>
      )}
    </li>
  );
}
