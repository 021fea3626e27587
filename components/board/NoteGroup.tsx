'use client';

import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import type { Group } from '../../lib/groups';
import type { BoardActions } from './types';
import { InlineTextForm } from '../ui/InlineTextForm';

interface Props {
  group: Group;
  actions: BoardActions;
  isReadOnly: boolean;
  isLarge: boolean;
  /** The group name's heading level: one below its quadrant's title. */
  headingLevel?: 'h3' | 'h4';
  children: ReactNode;
}

/** A named cluster of notes, with rename and ungroup (the notes stay). */
export function NoteGroup({ group, actions, isReadOnly, isLarge, headingLevel: Heading = 'h3', children }: Props) {
  const t = useTranslations('note');
  const [isRenaming, setIsRenaming] = useState(false);
  const [name, setName] = useState(group.name);

  // Phones get thumb-sized (44 px) buttons; the projector keeps them small beside large type.
  const buttonClass = isLarge ? 'btn-secondary btn-small' : 'btn-secondary px-3 py-1 text-sm';

  function rename() {
    if (actions.renameGroup(group.id, name).ok) setIsRenaming(false);
  }

  return (
    <div role="group" aria-label={t('groupLabel', { name: group.name })} className="rounded-lg border-2 border-dashed border-slate-400 p-2">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        {isRenaming ? (
          <InlineTextForm
            label={t('groupName')}
            value={name}
            onChange={setName}
            onSubmit={rename}
            submitLabel={t('save')}
            autoFocus
            isLarge={!isLarge}
          />
        ) : (
          <Heading className={`font-bold text-slate-900 ${isLarge ? 'text-xl' : 'text-base'}`}>{group.name}</Heading>
        )}
        {!isReadOnly && !isRenaming && (
          <span className="ml-auto flex gap-1">
            <button type="button" className={buttonClass} onClick={() => setIsRenaming(true)}>
              {t('renameGroup')}
            </button>
            <button type="button" className={buttonClass} onClick={() => actions.ungroup(group.id)}>
              {t('ungroup')}
            </button>
          </span>
        )}
      </div>
      {children}
    </div>
  );
}
