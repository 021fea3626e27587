'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { NOTE_COLORS, type NoteColor } from '../../lib/note';
import type { ProfileFieldChoice } from '../../lib/profile';
import { useProfileFieldLabel } from '../persona/useProfileFieldLabel';
import type { Result } from '../../lib/result';
import { NOTE_COLOR_CLASSES } from './noteColors';
import { RefusalText } from '../ui/RefusalText';

/** Somewhere a note can be moved to: a quadrant of the map (or a journey step). */
export interface MoveTarget {
  id: string;
  title: string;
}

interface Props {
  color: NoteColor;
  /** Where the note can go (its own place left out); no "Move to…" when empty. */
  moveTargets: readonly MoveTarget[];
  onMove(targetId: string): void;
  onColor(color: NoteColor): void;
  /** Profile fields the note can be promoted into; no "Promote to…" when empty. */
  promoteTargets: readonly ProfileFieldChoice[];
  onPromote(fieldKey: string): Result<string>;
}

/** Move, colour and promote controls that work by touch, mouse and keyboard alike (no drag needed). */
export function NoteMenu({ color, moveTargets, onMove, onColor, promoteTargets, onPromote }: Props) {
  const t = useTranslations('note');
  return (
    <div className="flex flex-wrap items-center gap-2">
      {moveTargets.length > 0 && (
        <PickOne label={t('moveToMenu')} options={moveTargets.map((t) => ({ value: t.id, label: t.title }))} onPick={onMove} />
      )}
      <ColourSwatches color={color} onColor={onColor} />
      <PromotePicker targets={promoteTargets} onPromote={onPromote} />
    </div>
  );
}

/** "Promote to profile…" and what came of it; nothing when there is no field to promote into. */
export function PromotePicker({
  targets,
  onPromote,
  selectClassName,
}: {
  targets: readonly ProfileFieldChoice[];
  onPromote(fieldKey: string): Result<string>;
  selectClassName?: string;
}) {
  const t = useTranslations('note');
  const fieldLabel = useProfileFieldLabel();
  const [promoted, setPromoted] = useState<{ result: Result<string>; key: string } | null>(null);
  if (targets.length === 0) return null;
  // A custom field's label is the facilitator's own words; the quote is offered by its short name
  // and, once promoted, named in full as the profile names it ("Quote or tagline").
  const fullLabel = (key: string) => fieldLabel(key, targets.find((field) => field.key === key)?.label ?? key);
  const labelOf = (key: string) => (key === 'quote' ? t('quote') : fullLabel(key));
  return (
    <>
      <PickOne
        label={t('promote')}
        options={targets.map((field) => ({ value: field.key, label: labelOf(field.key) }))}
        onPick={(key) => setPromoted({ result: onPromote(key), key })}
        className={selectClassName}
      />
      {promoted && (
        <p
          role={promoted.result.ok ? 'status' : 'alert'}
          className={`basis-full text-sm font-medium ${promoted.result.ok ? 'text-green-900' : 'text-red-700'}`}
        >
          {promoted.result.ok ? t('promoted', { field: fullLabel(promoted.key) }) : <RefusalText text={promoted.result.error} />}
        </p>
      )}
    </>
  );
}

/** The six paper colours as toggle buttons; `isLarge` gives thumb-sized (44 px) swatches. */
export function ColourSwatches({
  color,
  onColor,
  isLarge = false,
}: {
  color: NoteColor;
  onColor(color: NoteColor): void;
  isLarge?: boolean;
}) {
  const t = useTranslations('note');
  return (
    <div role="group" aria-label={t('colour')} className={`flex flex-wrap ${isLarge ? 'gap-2' : 'gap-1'}`}>
      {NOTE_COLORS.map((option) => (
        <button
          key={option}
          type="button"
          aria-label={t(`colours.${option}`)}
          aria-pressed={option === color}
          onClick={() => onColor(option)}
          className={`${isLarge ? 'size-11' : 'size-7'} rounded-full border-2 ${NOTE_COLOR_CLASSES[option]} aria-pressed:ring-2 aria-pressed:ring-slate-900 aria-pressed:ring-offset-2`}
        />
      ))}
    </div>
  );
}

/** A select that acts once an option is picked (its label is the placeholder, then it resets). */
export function PickOne({
  label,
  options,
  onPick,
  className = 'min-h-9 max-w-full min-w-0 rounded border border-slate-400 bg-white/70 px-1 text-sm text-slate-900',
}: {
  label: string;
  options: { value: string; label: string }[];
  onPick(value: string): void;
  className?: string;
}) {
  return (
    <select
      aria-label={label}
      value=""
      onChange={(event) => {
        const picked = options.find((option) => option.value === event.target.value);
        if (picked) onPick(picked.value);
      }}
      className={className}
    >
      <option value="" disabled>
        {label}
      </option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
