'use client';

import { useDroppable } from '@dnd-kit/core';
import { useTranslations } from 'next-intl';
import { memo, useId } from 'react';
import type { Group } from '../../lib/groups';
import type { Note } from '../../lib/note';
import { NoteGroup } from './NoteGroup';
import type { Quadrant } from '../../lib/quadrants';
import { NoteComposer } from './NoteComposer';
import { StickyNote } from './StickyNote';
import type { BoardActions, BoardViewOptions } from './types';

interface Props {
  quadrant: Quadrant;
  personaId: string;
  notes: readonly Note[];
  /** This quadrant's groups. */
  groups: readonly Group[];
  actions: BoardActions;
  view: BoardViewOptions;
  /** False for the panel of notes whose quadrant left the map: those can only be moved out. */
  canAddNotes?: boolean;
}

/**
 * One empathy-map quadrant: its title, guiding questions, notes and the "New note" box. Memoised:
 * a change elsewhere on the board passes the same props (see `BoardLists`) and skips it.
 */
export const QuadrantPanel = memo(function QuadrantPanel({ quadrant, personaId, notes, groups, actions, view, canAddNotes = true }: Props) {
  const t = useTranslations('participant');
  const titleId = useId();
  const { setNodeRef, isOver } = useDroppable({ id: quadrant.id, disabled: !canAddNotes });
  const isLarge = view.variant === 'projector';
  const groupIds = new Set(groups.map((group) => group.id));
  const noteList = (list: readonly Note[], label?: string) => (
    <ul aria-label={label} className={`grid gap-3 ${isLarge ? 'grid-cols-2 content-start' : 'grid-cols-1'}`}>
      {sortByVotes(list, view.voting?.results ?? null).map((note) => (
        <StickyNote key={note.id} note={note} actions={actions} view={view} groups={groups} />
      ))}
    </ul>
  );
  return (
    <section
      ref={setNodeRef}
      aria-labelledby={titleId}
      className={`flex min-h-0 flex-col rounded-xl border-2 bg-white p-3 ${isOver ? 'border-blue-600 bg-blue-50' : 'border-slate-200'}`}
    >
      <header className="flex items-baseline justify-between gap-2">
        <h2 id={titleId} className={`font-bold text-slate-900 ${isLarge ? 'text-3xl' : 'text-xl'}`}>
          {quadrant.title}
        </h2>
        <span className={`text-slate-600 ${isLarge ? 'text-lg' : 'text-sm'}`} aria-label={t('noteCount', { count: notes.length })}>
          {notes.length}
        </span>
      </header>
      {/* Questions are paragraphs, not a list: the notes are the quadrant's only list items. */}
      <div className={`mt-1 text-slate-600 ${isLarge ? 'text-base' : 'text-sm'}`}>
        {quadrant.questions.map((question) => (
          <p key={question}>{question}</p>
        ))}
      </div>
      <div className={`mt-3 flex flex-col gap-3 pt-2 ${isLarge ? 'min-h-0 flex-1 overflow-y-auto pr-2' : ''}`}>
        {groups.map((group) => (
          <NoteGroup key={group.id} group={group} actions={actions} isReadOnly={view.isReadOnly} isLarge={isLarge}>
            {noteList(notes.filter((note) => note.groupId === group.id))}
          </NoteGroup>
        ))}
        {noteList(
          notes.filter((note) => !note.groupId || !groupIds.has(note.groupId)),
          t('notesIn', { title: quadrant.title }),
        )}
      </div>
      {canAddNotes && (
        <NoteComposer
          quadrantTitle={quadrant.title}
          isLarge={isLarge}
          isDisabled={view.isReadOnly}
          onAdd={(text) => actions.addNote(personaId, quadrant.id, text)}
        />
      )}
    </section>
  );
});

/** After a vote, the most-voted notes come first. */
function sortByVotes(notes: readonly Note[], results: Record<string, number> | null): readonly Note[] {
  if (!results) return notes;
  return [...notes].sort((a, b) => (results[b.id] ?? 0) - (results[a.id] ?? 0));
}
