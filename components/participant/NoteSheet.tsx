'use client';

import { Pencil, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import type { Group } from '../../lib/groups';
import type { Note } from '../../lib/note';
import type { ProfileFieldChoice } from '../../lib/profile';
import { ColourSwatches, PromotePicker, type MoveTarget } from '../board/NoteMenu';
import { NoteEditor } from '../board/NoteEditor';
import { NoteSorting, SHEET_SELECT } from '../board/NoteSorting';
import type { BoardActions } from '../board/types';
import { BottomSheet } from '../ui/BottomSheet';

interface Props {
  note: Note;
  actions: BoardActions;
  /** Where the note can go: the map's other quadrants, or the journey's other steps. */
  moveTargets: readonly MoveTarget[];
  onMove(targetId: string): void;
  /** The groups of the note's quadrant (a note on a journey step has none to join). */
  groups: Group[];
  promoteTargets: readonly ProfileFieldChoice[];
  onClose(): void;
  returnFocusTo: HTMLElement | null;
  fallbackFocus?(): void;
}

/**
 * Everything a note offers besides voting, in one bottom sheet (the phone's "⋯"): edit, move,
 * colour, evidence, group, promote, delete. Every control is at least 44 px for a thumb.
 */
export function NoteSheet({ note, actions, moveTargets, onMove, groups, promoteTargets, onClose, ...focus }: Props) {
  const t = useTranslations('participant');
  const [isEditing, setIsEditing] = useState(false);
  // Anyone sorts a note; its text and deleting it are its author's and the facilitator's.
  const isMine = actions.mayChangeNote(note) === true;
  const author = note.authorName ? t('noteBy', { author: note.authorName }) : t('anonymousNote');
  return (
    <BottomSheet title={author} onClose={onClose} {...focus}>
      <div className="flex flex-col gap-4">
        {isEditing ? (
          <NoteEditor
            initialText={note.text}
            onSave={(text) => actions.editNote(note.id, text)}
            onDone={() => setIsEditing(false)}
            isLarge
          />
        ) : (
          <div className="flex items-start gap-2">
            <p className="max-h-40 min-w-0 flex-1 overflow-y-auto rounded-lg bg-slate-100 p-3 break-words whitespace-pre-wrap">
              {note.text}
            </p>
            {isMine && (
              <button type="button" className="btn-secondary shrink-0 gap-1" onClick={() => setIsEditing(true)}>
                <Pencil aria-hidden size={18} />
                {t('editText')}
              </button>
            )}
          </div>
        )}
        {moveTargets.length > 0 && (
          <Part title={t('moveTo')}>
            <div role="group" aria-label={t('moveTo')} className="grid grid-cols-2 gap-2">
              {moveTargets.map((target) => (
                <button
                  key={target.id}
                  type="button"
                  className="btn-secondary min-w-0 px-2 text-base break-words"
                  onClick={() => onMove(target.id)}
                >
                  {target.title}
                </button>
              ))}
            </div>
          </Part>
        )}
        <Part title={t('colour')}>
          <ColourSwatches color={note.color} onColor={(color) => actions.setNoteColor(note.id, color)} isLarge />
        </Part>
        <NoteSorting note={note} groups={groups} actions={actions} isLarge />
        {promoteTargets.length > 0 && (
          <div className="flex flex-col gap-1">
            <PromotePicker
              targets={promoteTargets}
              onPromote={(field) => actions.promoteNote(note.id, field)}
              selectClassName={SHEET_SELECT}
            />
          </div>
        )}
        {isMine ? (
          <button
            type="button"
            className="btn-secondary gap-2 self-start border-red-300 text-red-800 hover:bg-red-50"
            onClick={() => {
              actions.deleteNote(note.id);
              onClose();
            }}
          >
            <Trash2 aria-hidden size={18} />
            {t('deleteNote')}
          </button>
        ) : (
          <p className="text-sm text-slate-700">{t('onlyAuthor')}</p>
        )}
      </div>
    </BottomSheet>
  );
}

/** A labelled part of the sheet (the label is visible text, and names the group for screen readers). */
function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <p aria-hidden className="text-sm font-semibold text-slate-700">
        {title}
      </p>
      {children}
    </div>
  );
}
