'use client';

import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import {
  QUADRANT_LIMITS,
  QuadrantsSchema,
  newQuadrantId,
  templateOf,
  type MapTemplate,
  type Quadrant,
  type TemplateId,
} from '../../lib/quadrants';
import { FormError } from '../ui/FormError';
import { RefusalText } from '../ui/RefusalText';
import { useBuiltInMaps, type BuiltInMaps } from './useBuiltInMaps';
import { useCommand, type SendCommand } from './useCommand';

interface Props {
  /** The board's meta: its current template and quadrants, and the workshop's language (the built-in maps are written in it). */
  map: MapTemplate & { locale?: string };
  quadrants: readonly Quadrant[];
  send: SendCommand;
}

/** A quadrant as the form edits it: questions as one text, a question per line. */
interface DraftQuadrant {
  id: string;
  title: string;
  questions: string;
}

const toDraft = (quadrants: readonly Quadrant[]): DraftQuadrant[] =>
  quadrants.map((q) => ({ id: q.id, title: q.title, questions: q.questions.join('\n') }));

const fromDraft = (draft: readonly DraftQuadrant[]): Quadrant[] =>
  draft.map((q) => ({
    id: q.id,
    title: q.title.trim(),
    questions: q.questions
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  }));

/** The preset (in the workshop's language) the quadrants are exactly, or `custom`. */
function templateFor(quadrants: readonly Quadrant[], presets: BuiltInMaps): TemplateId {
  const same = (preset: readonly Quadrant[]) => JSON.stringify(preset) === JSON.stringify(quadrants);
  if (same(presets.six)) return 'six';
  return same(presets.classic) ? 'classic' : 'custom';
}

const TEMPLATE_IDS = ['six', 'classic'] as const;

/**
 * The facilitator's map editor: start from a template, rename quadrants, rewrite their guiding
 * questions, add, reorder or remove quadrants. Applying it changes every screen's map and the
 * agenda's quadrant steps; notes are never moved or lost.
 */
export function MapTemplatePanel({ map, quadrants, send }: Props) {
  const t = useTranslations('panels');
  const templateLabel = useTranslations('home');
  const presets = useBuiltInMaps(map.locale);
  const labelOf = (id: (typeof TEMPLATE_IDS)[number]) => templateLabel(id === 'six' ? 'templateSix' : 'templateClassic');
  const { run, error } = useCommand(send);
  const [draft, setDraft] = useState(() => toDraft(quadrants));
  const current = JSON.stringify(quadrants);
  const [base, setBase] = useState(current);
  const [notice, setNotice] = useState<string | null>(null);
  const edited = fromDraft(draft);
  const isChanged = JSON.stringify(edited) !== current;
  // The map changed on the board (applied here or elsewhere): an untouched form follows it.
  if (base !== current) {
    setBase(current);
    if (JSON.stringify(edited) === base) setDraft(toDraft(quadrants));
  }
  const template = templateOf(map);

  function update(index: number, patch: Partial<DraftQuadrant>) {
    setDraft(draft.map((q, i) => (i === index ? { ...q, ...patch } : q)));
    setNotice(null);
  }

  function move(index: number, toIndex: number) {
    const next = [...draft];
    const [moved] = next.splice(index, 1);
    next.splice(toIndex, 0, moved!);
    setDraft(next);
  }

  async function apply() {
    const parsed = QuadrantsSchema.safeParse(edited);
    if (!parsed.success) {
      setNotice(parsed.error.issues[0]?.message ?? t('checkQuadrants'));
      return;
    }
    const reply = await run({ type: 'map.set', template: templateFor(parsed.data, presets), quadrants: parsed.data });
    if (reply.ok) setNotice(t('mapUpdated'));
  }

  return (
    <section aria-label={t('mapPanel')} className="max-h-[60vh] overflow-y-auto rounded-xl bg-white p-3 shadow-sm">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="me-auto text-xl font-bold">{templateLabel('empathyMap')}</h2>
        <span className="text-sm text-slate-600">
          {t('mapNow', { template: template === 'custom' ? t('customQuadrants') : labelOf(template) })}
        </span>
      </div>
      <div role="group" aria-label={t('startFromTemplate')} className="mt-2 flex flex-wrap gap-2">
        {TEMPLATE_IDS.map((id) => (
          <button key={id} type="button" className="btn-secondary btn-small" onClick={() => setDraft(toDraft(presets[id]))}>
            {t('useTemplate', { template: labelOf(id) })}
          </button>
        ))}
      </div>
      <ol className="mt-3 flex flex-col gap-2">
        {draft.map((quadrant, index) => (
          <li key={quadrant.id} className="flex flex-wrap items-start gap-2 rounded-lg border border-slate-200 p-2">
            <label className="flex min-w-48 flex-1 flex-col gap-1 text-sm font-semibold">
              {t('quadrantTitle', { number: index + 1 })}
              <input
                value={quadrant.title}
                maxLength={QUADRANT_LIMITS.titleChars}
                onChange={(event) => update(index, { title: event.target.value })}
                className="input"
              />
            </label>
            <label className="flex min-w-64 flex-[2] flex-col gap-1 text-sm font-semibold">
              {t('guidingQuestions')}
              <textarea
                value={quadrant.questions}
                rows={2}
                onChange={(event) => update(index, { questions: event.target.value })}
                className="input font-normal"
              />
            </label>
            <span className="flex items-center gap-1 self-center">
              <button
                type="button"
                className="icon-btn"
                aria-label={t('moveQuadrantUp', { number: index + 1 })}
                disabled={index === 0}
                onClick={() => move(index, index - 1)}
              >
                <ArrowUp aria-hidden size={18} />
              </button>
              <button
                type="button"
                className="icon-btn"
                aria-label={t('moveQuadrantDown', { number: index + 1 })}
                disabled={index === draft.length - 1}
                onClick={() => move(index, index + 1)}
              >
                <ArrowDown aria-hidden size={18} />
              </button>
              <button
                type="button"
                className="icon-btn"
                aria-label={t('removeQuadrant', { number: index + 1 })}
                disabled={draft.length <= QUADRANT_LIMITS.minQuadrants}
                onClick={() => setDraft(draft.filter((_, i) => i !== index))}
              >
                <Trash2 aria-hidden size={18} />
              </button>
            </span>
          </li>
        ))}
      </ol>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <button
          type="button"
          className="btn-secondary"
          disabled={draft.length >= QUADRANT_LIMITS.maxQuadrants}
          onClick={() =>
            setDraft([
              ...draft,
              { id: newQuadrantId(draft.map((q) => q.id)), title: t('newQuadrant', { number: draft.length + 1 }), questions: '' },
            ])
          }
        >
          {t('addQuadrant')}
        </button>
        <button type="button" className="btn-primary" disabled={!isChanged} onClick={() => void apply()}>
          {t('applyMap')}
        </button>
        <p className="basis-full text-sm text-slate-600">{t('mapHint')}</p>
      </div>
      <FormError message={error} className="mt-2 text-sm font-medium text-red-700" />
      {notice && (
        <p role="status" className="mt-2 text-sm font-medium text-slate-800">
          <RefusalText text={notice} />
        </p>
      )}
    </section>
  );
}
