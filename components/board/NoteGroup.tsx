'use client';

import { useState, type ReactNode } from 'react';
import type { Group } from '../../lib/groups';
import type { BoardActions } from './types';
import { InlineTextForm } from '../ui/InlineTextForm';

interface Props {
  group: Group;
  actions: BoardActions;
  isReadOnly: boolean;
  isLarge: boolean;
  children: ReactNode;
}

/** A named cluster of notes, with rename and ungroup (the notes stay). */
export function NoteGroup({ group, actions, isReadOnly, isLarge, children }: Props) {
  const [isRenaming, setIsRenaming] = useState(false);
  const [name, setName] = useState(group.name);

  function rename() {
    if (actions.renameGroup(group.id, name).ok) setIsRenaming(false);
  }

  return (
    <div role="group" aria-label={`Group: ${group.name}`} className="rounded-lg border-2 border-dashed border-slate-400 p-2">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        {isRenaming ? (
          <InlineTextForm label="Group name" value={name} onChange={setName} onSubmit={rename} submitLabel="Save" autoFocus />
        ) : (
          <h3 className={`font-bold text-slate-900 ${isLarge ? 'text-xl' : 'text-base'}`}>{group.name}</h3>
        )}
        {!isReadOnly && !isRenaming && (
          <span className="ml-auto flex gap-1">
            <button type="button" className="btn-secondary btn-small" onClick={() => setIsRenaming(true)}>
              Rename group
            </button>
            <button type="button" className="btn-secondary btn-small" onClick={() => actions.ungroup(group.id)}>
              Ungroup
            </button>
          </span>
        )}
      </div>
      {children}
    </div>
  );
}
