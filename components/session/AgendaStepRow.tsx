'use client';

import { useTranslations } from 'next-intl';
import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react';
import { useState } from 'react';
import type { Quadrant } from '../../lib/quadrants';
import { QuadrantSelect } from '../board/QuadrantSelect';
import { STEP_LIMITS, type Step, type StepPatch } from '../../lib/session/agenda';

interface Props {
  step: Step;
  index: number;
  count: number;
  isCurrent: boolean;
  /** The empathy map's quadrants, for the step's quadrant. */
  quadrants: readonly Quadrant[];
  onPatch(patch: StepPatch): void;
  onGo(): void;
  onMove(toIndex: number): void;
  onRemove(): void;
}

/** One agenda step, editable in place: title, minutes, private, anonymous, skip, quadrant. */
export function AgendaStepRow({ step, index, count, isCurrent, quadrants, onPatch, onGo, onMove, onRemove }: Props) {
  const t = useTranslations('agenda');
  const [title, setTitle] = useState(step.title);
  const [minutes, setMinutes] = useState(String(Math.round(step.durationSec / 60)));
  const commitTitle = () => title.trim() && title.trim() !== step.title && onPatch({ title: title.trim() });
  const commitMinutes = () => {
    const value = Number(minutes);
    if (Number.isFinite(value) && value >= 0 && value <= 240) onPatch({ durationSec: Math.round(value * 60) });
  };
  return (
    <li
      className={`flex flex-wrap items-center gap-2 rounded-lg border p-2 ${isCurrent ? 'border-blue-600 bg-blue-50' : 'border-slate-200'} ${step.isSkipped ? 'opacity-60' : ''}`}
    >
      <span className="w-6 text-right font-mono text-sm text-slate-600">{index + 1}</span>
      <input
        aria-label={t('stepTitle', { number: index + 1 })}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        onBlur={commitTitle}
        onKeyDown={(event) => event.key === 'Enter' && commitTitle()}
        className="input min-h-9 w-48 flex-none py-1 text-sm"
      />
      <label className="flex items-center gap-1 text-sm">
        <input
          type="number"
          min={0}
          max={240}
          value={minutes}
          onChange={(event) => setMinutes(event.target.value)}
          onBlur={commitMinutes}
          className="input min-h-9 w-16 py-1 text-sm"
        />
        {t('minutes')}
      </label>
      <label className="flex items-center gap-1 text-sm">
        <select
          aria-label={t('voteDots', { number: index + 1 })}
          value={step.voteBudget}
          onChange={(event) => onPatch({ voteBudget: Number(event.target.value) })}
          className="min-h-9 rounded-md border border-slate-300 px-1 text-sm"
        >
          {Array.from({ length: STEP_LIMITS.maxVoteBudget }, (_, i) => i + 1).map((dots) => (
            <option key={dots} value={dots}>
              {dots}
            </option>
          ))}
        </select>
        {t('dots')}
      </label>
      {(['isPrivate', 'isAnonymous', 'isSkipped'] as const).map((field) => (
        <label key={field} className="flex items-center gap-1 text-sm">
          <input
            type="checkbox"
            checked={step[field]}
            onChange={(event) => onPatch({ [field]: event.target.checked })}
            className="h-4 w-4"
          />
          {t(field === 'isPrivate' ? 'private' : field === 'isAnonymous' ? 'anonymous' : 'skip')}
        </label>
      ))}
      <QuadrantSelect
        aria-label={t('quadrantOfStep', { number: index + 1 })}
        quadrants={quadrants}
        value={step.quadrant}
        onChange={(quadrant) => onPatch({ quadrant })}
        noneLabel={t('noQuadrant')}
        className="min-h-9 rounded-md border border-slate-300 px-1 text-sm"
      />
      <span className="ms-auto flex items-center gap-1">
        <button type="button" className="btn-secondary btn-small" onClick={onGo} disabled={isCurrent}>
          {isCurrent ? t('current') : t('go')}
        </button>
        <button
          type="button"
          aria-label={t('moveUp', { number: index + 1 })}
          className="icon-btn"
          disabled={index === 0}
          onClick={() => onMove(index - 1)}
        >
          <ArrowUp aria-hidden size={16} />
        </button>
        <button
          type="button"
          aria-label={t('moveDown', { number: index + 1 })}
          className="icon-btn"
          disabled={index === count - 1}
          onClick={() => onMove(index + 1)}
        >
          <ArrowDown aria-hidden size={16} />
        </button>
        <button type="button" aria-label={t('remove', { number: index + 1 })} className="icon-btn" disabled={isCurrent} onClick={onRemove}>
          <Trash2 aria-hidden size={16} />
        </button>
      </span>
    </li>
  );
}
