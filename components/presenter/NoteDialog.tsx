'use client';

import { Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import type { Group } from '../../lib/groups';
import { LIMITS } from '../../lib/limits';
import type { Note } from '../../lib/note';
import { quadrantTitle } from '../../lib/quadrants';
import { NoteMenu } from '../board/NoteMenu';
import { NoteSorting } from '../board/NoteSorting';
import type { BoardActions, BoardViewOptions } from '../board/types';
import { FormError } from '../ui/FormError';
import { Dialog } from './Dialog';

interface Props {
  /** Null once the note is gone (someone deleted it while this was open). */
  note: Note | null;
  /** The groups of the note's quadrant. */
  groups: readonly Group[];
  actions: BoardActions;
  view: BoardViewOptions;
  onClose(): void;
}

/** Everything a facilitator does to one note on the projector: edit, move, colour, evidence, group, promote, delete. */
export function NoteDialog({ note, groups, actions, view, onClose }: Props) {
  const t = useTranslations('note');
  if (!note) {
    return (
      <Dialog title={t('dialogTitle')} onClose={onClose}>
        <p role="status">{t('noteDeleted')}</p>
      </Dialog>
    );
  }
  const canChange = !view.isReadOnly;
  return (
    <Dialog title={t('noteIn', { quadrant: quadrantTitle(note.quadrant, view.quadrants) })} onClose={onClose}>
      {canChange ? (
        <TextForm key={note.id} note={note} onSave={(text) => actions.editNote(note.id, text)} />
      ) : (
        <p className="text-2xl break-words whitespace-pre-wrap">{note.text}</p>
      )}
      <p className="text-base text-slate-700">{note.authorName ? t('by', { author: note.authorName }) : t('byAnonymous')}</p>
      {canChange && (
        <>
          <NoteMenu
            color={note.color}
            moveTargets={view.quadrants.filter((q) => q.id !== note.quadrant)}
            onMove={(quadrant) => actions.moveNote(note.id, quadrant)}
            onColor={(color) => actions.setNoteColor(note.id, color)}
            promoteTargets={view.promoteTargets}
            onPromote={(field) => actions.promoteNote(note.id, field)}
          />
          <NoteSorting note={note} groups={[...groups]} actions={actions} />
          <button
            type="button"
            className="btn-secondary gap-2 self-start border-red-300 text-red-800 hover:bg-red-50"
            onClick={() => actions.deleteNote(note.id).ok && onClose()}
          >
            <Trash2 aria-hidden size={18} /> {t('deleteNote')}
          </button>
        </>
      )}
    </Dialog>
  );
}

function TextForm({ note, onSave }: { note: Note; onSave(text: string): { ok: boolean; error?: string } }) {
  const t = useTranslations('note');
  const [text, setText] = useState(note.text);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  function save(event?: FormEvent) {
    event?.preventDefault();
    const result = onSave(text);
    setMessage(result.ok ? { ok: true, text: t('saved') } : { ok: false, text: result.error ?? t('notSaved') });
  }

  return (
    <form onSubmit={save} className="flex flex-col gap-2">
      <textarea
        data-autofocus
        aria-label={t('noteText')}
        value={text}
        maxLength={LIMITS.noteTextChars}
        rows={3}
        onChange={(event) => {
          setText(event.target.value);
          setMessage(null);
        }}
        onKeyDown={(event) => event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing && save(event)}
        className="input text-xl"
      />
      <div className="flex items-center gap-3">
        <button type="submit" className="btn-primary" disabled={text === note.text}>
          {t('save')}
        </button>
        {message?.ok && (
          <p role="status" className="text-base font-medium text-green-800">
            {message.text}
          </p>
        )}
      </div>
      <FormError message={message && !message.ok ? message.text : null} className="text-base font-medium text-red-700" />
    </form>
  );
}
