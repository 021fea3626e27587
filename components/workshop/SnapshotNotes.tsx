'use client';

import { useTranslations } from 'next-intl';
import { memo } from 'react';
import { isMapNote, type Board } from '../../lib/board';
import type { Note } from '../../lib/note';
import { notesByQuadrant, quadrantsOf } from '../../lib/quadrants';
import { NOTE_COLOR_CLASSES, OFFSCREEN_SKIPPED } from '../board/noteColors';

/** A note as it was: text, author, evidence label; nothing to click. Memoised, like `StickyNote`. */
export const ReadOnlyNote = memo(function ReadOnlyNote({ note, isLarge }: { note: Note; isLarge: boolean }) {
  const t = useTranslations('participant');
  return (
    <li className={`rounded-md border-2 p-3 shadow-sm ${OFFSCREEN_SKIPPED} ${NOTE_COLOR_CLASSES[note.color]}`}>
      <p className={`break-words whitespace-pre-wrap text-slate-900 ${isLarge ? 'text-xl leading-snug' : 'text-base'}`}>{note.text}</p>
      <p className={`mt-2 flex items-center gap-2 text-slate-700 ${isLarge ? 'text-base' : 'text-sm'}`}>
        <span className="me-auto min-w-0 truncate">{note.authorName || t('anonymous')}</span>
        {note.evidence && (
          <span className="shrink-0 rounded-full border border-slate-600 bg-white/60 px-2 text-xs font-semibold text-slate-800">
            {t(note.evidence)}
          </span>
        )}
      </p>
    </li>
  );
});

export function NoteList({ notes, label, isLarge }: { notes: readonly Note[]; label?: string; isLarge: boolean }) {
  if (notes.length === 0) return null;
  return (
    <ul aria-label={label} className={`grid gap-2 ${isLarge ? 'grid-cols-2' : 'grid-cols-1 sm:grid-cols-2'}`}>
      {notes.map((note) => (
        <ReadOnlyNote key={note.id} note={note} isLarge={isLarge} />
      ))}
    </ul>
  );
}

/** A persona's empathy map as it was: the board's own quadrants, their groups and notes. */
export function SnapshotEmpathyMap({ board, personaId, isLarge }: { board: Board; personaId: string; isLarge: boolean }) {
  const t = useTranslations('snapshot');
  const tp = useTranslations('participant');
  const notes = board.notes.filter((note) => note.personaId === personaId && isMapNote(note));
  const panels = notesByQuadrant(quadrantsOf(board.meta), notes);
  return (
    <div className={`grid gap-3 ${isLarge ? 'grid-cols-3' : 'grid-cols-1 md:grid-cols-2'}`}>
      {panels.map(({ quadrant, notes: own }) => {
        const groups = board.groups.filter((g) => g.personaId === personaId && g.quadrant === quadrant.id);
        const grouped = new Set(groups.map((g) => g.id));
        return (
          <section
            key={quadrant.id}
            aria-label={quadrant.title}
            className="flex flex-col gap-2 rounded-xl border-2 border-slate-200 bg-white p-3"
          >
            <h3 className={`flex items-baseline justify-between font-bold text-slate-900 ${isLarge ? 'text-3xl' : 'text-xl'}`}>
              {quadrant.title}
              <span className={`font-normal text-slate-600 ${isLarge ? 'text-lg' : 'text-sm'}`}>
                {tp('noteCount', { count: own.length })}
              </span>
            </h3>
            {groups.map((group) => (
              <section
                key={group.id}
                aria-label={t('group', { name: group.name })}
                className="rounded-lg border border-dashed border-slate-400 p-2"
              >
                <h4 className={`mb-2 font-semibold text-slate-800 ${isLarge ? 'text-xl' : 'text-base'}`}>{group.name}</h4>
                <NoteList notes={own.filter((note) => note.groupId === group.id)} isLarge={isLarge} />
              </section>
            ))}
            <NoteList
              notes={own.filter((note) => !note.groupId || !grouped.has(note.groupId))}
              label={tp('notesIn', { title: quadrant.title })}
              isLarge={isLarge}
            />
            {own.length === 0 && <p className="text-slate-600">{t('noNotes')}</p>}
          </section>
        );
      })}
    </div>
  );
}
