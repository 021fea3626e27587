'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { isMapNote } from '../../lib/board';
import type { Group } from '../../lib/groups';
import type { Evidence, Note } from '../../lib/note';
import type { BoardActions } from './types';
import { FormError } from '../ui/FormError';
import { InlineTextForm } from '../ui/InlineTextForm';

interface Props {
  note: Note;
  /** The groups of this note's quadrant. */
  groups: readonly Group[];
  actions: BoardActions;
  /** Thumb-sized (44 px) controls, for the phone's note sheet. */
  isLarge?: boolean;
}

const NEW_GROUP = '__new__';
/** A select a thumb can hit: 44 px high, the sheet's full width. */
export const SHEET_SELECT = 'min-h-11 w-full min-w-0 rounded-lg border border-slate-400 bg-white px-2 text-base text-slate-900';

/** Evidence label and group of a note: plain controls, so touch and keyboard can do it too. */
export function NoteSorting({ note, groups, actions, isLarge = false }: Props) {
  const t = useTranslations('note');
  const [isNaming, setIsNaming] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  function createGroup() {
    const result = actions.createGroup(note.personaId, note.quadrant, name, [note.id]);
    if (!result.ok) return setError(result.error);
    setIsNaming(false);
    setName('');
    setError(null);
  }

  return (
    <div className="mt-2 flex flex-col gap-2">
      <fieldset className={`flex flex-wrap items-center ${isLarge ? 'gap-2 text-base' : 'gap-3 text-sm'}`}>
        <legend className={isLarge ? 'mb-1 text-sm font-semibold text-slate-700' : 'sr-only'}>{t('evidence')}</legend>
        {(['observed', 'assumed'] as const satisfies readonly Evidence[]).map((value) => (
          <label
            key={value}
            className={`flex items-center gap-1 ${isLarge ? 'min-h-11 rounded-lg border border-slate-300 px-3 has-checked:border-blue-700 has-checked:bg-blue-50' : ''}`}
          >
            <input
              type="radio"
              name={`evidence-${note.id}`}
              checked={note.evidence === value}
              onChange={() => actions.setNoteEvidence(note.id, value)}
              className="h-4 w-4"
            />
            {t(value)}
          </label>
        ))}
        {note.evidence && (
          <button
            type="button"
            className={`underline ${isLarge ? 'min-h-11 px-2' : ''}`}
            onClick={() => actions.setNoteEvidence(note.id, null)}
          >
            {t('clearLabel')}
          </button>
        )}
      </fieldset>
      {/* Groups cluster notes within a quadrant; a note on a journey step has none to join. */}
      {isMapNote(note) && isLarge && (
        <p aria-hidden className="-mb-1 text-sm font-semibold text-slate-700">
          {t('group')}
        </p>
      )}
      {isMapNote(note) && (
        <select
          aria-label={t('group')}
          value={isNaming ? NEW_GROUP : (note.groupId ?? '')}
          onChange={(event) => {
            const value = event.target.value;
            if (value === NEW_GROUP) return setIsNaming(true);
            setIsNaming(false);
            actions.setNoteGroup(note.id, value || null);
          }}
          className={
            isLarge ? SHEET_SELECT : 'min-h-9 max-w-full min-w-0 rounded border border-slate-400 bg-white/70 px-1 text-sm text-slate-900'
          }
        >
          <option value="">{t('noGroup')}</option>
          {groups.map((group) => (
            <option key={group.id} value={group.id}>
              {group.name}
            </option>
          ))}
          <option value={NEW_GROUP}>{t('newGroup')}</option>
        </select>
      )}
      {isNaming && (
        <InlineTextForm
          label={t('groupName')}
          value={name}
          onChange={setName}
          onSubmit={createGroup}
          submitLabel={t('createGroup')}
          autoFocus
          isLarge={isLarge}
        />
      )}
      <FormError message={error} className="text-sm text-red-700" />
    </div>
  );
}
