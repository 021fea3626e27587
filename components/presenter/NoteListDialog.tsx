'use client';

import { useTranslations } from 'next-intl';
import type { Group } from '../../lib/groups';
import type { Note } from '../../lib/note';
import { NoteGroup } from '../board/NoteGroup';
import { NOTE_COLOR_CLASSES } from '../board/noteColors';
import type { BoardActions } from '../board/types';
import { Dialog } from './Dialog';
import { EvidenceMark } from './ProjectorNote';

interface Props {
  title: string;
  notes: readonly Note[];
  /** A collapsed group's stack opens this: rename and ungroup come with it. */
  group?: Group | null;
  actions: BoardActions;
  isReadOnly: boolean;
  onOpenNote(noteId: string): void;
  onClose(): void;
}

/** The notes a stack or a "+N more" tile stands for, each one opening its own editor. */
export function NoteListDialog({ title, notes, group, actions, isReadOnly, onOpenNote, onClose }: Props) {
  const t = useTranslations('note');
  const tp = useTranslations('participant');
  const list = (
    <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2">
      {notes.map((note) => (
        <li key={note.id}>
          <button
            type="button"
            onClick={() => onOpenNote(note.id)}
            className={`block w-full rounded-md border p-3 text-start text-xl text-slate-950 ${NOTE_COLOR_CLASSES[note.color]}`}
          >
            <span className="break-words whitespace-pre-wrap">
              {note.evidence && <EvidenceMark evidence={note.evidence} fontPx={20} />}
              {note.text}
            </span>
            <span className="mt-1 block text-base text-slate-700">{note.authorName || tp('anonymous')}</span>
          </button>
        </li>
      ))}
    </ul>
  );
  return (
    <Dialog title={title} onClose={onClose} isWide>
      {notes.length === 0 && <p role="status">{t('notesGone')}</p>}
      {group ? (
        <NoteGroup group={group} actions={actions} isReadOnly={isReadOnly} isLarge>
          {list}
        </NoteGroup>
      ) : (
        list
      )}
    </Dialog>
  );
}
