'use client';

import { Ellipsis, GripVertical } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { memo } from 'react';
import type { Note } from '../../lib/note';
import { NOTE_COLOR_CLASSES } from '../board/noteColors';

/** A note's part in the vote round: 'cast' while a round it is in is open, 'total' once it closed. */
export type RowVoteMode = 'cast' | 'total' | null;

/** What a draggable row gets from dnd-kit (`DraggableNoteRow`, loaded only where dragging is offered). */
export interface RowDrag {
  setNodeRef(element: HTMLElement | null): void;
  transform: { x: number; y: number } | null;
  isDragging: boolean;
  /** The handle's attributes and listeners. */
  handle: object;
}

export interface NoteRowProps {
  note: Note;
  /** Offers the "⋯" sheet (none while the board is locked). */
  canChange: boolean;
  /** A drag handle, for mouse users on a wide screen (touch moves with the sheet's "Move to"); needs `drag`. */
  canDrag: boolean;
  voteMode: RowVoteMode;
  /** My dots on it (cast), or everyone's (total): plain values, so an unchanged row skips rendering. */
  voteCount: number;
  /** Stable callbacks: the row is memoised on its note record. */
  onOpen(noteId: string, opener: HTMLElement): void;
  onVote(noteId: string, delta: 1 | -1): void;
}

interface Props extends NoteRowProps {
  drag?: RowDrag;
}

const EXCERPT_CHARS = 60;

/** The note's text, cut short for a button's name ("More actions for note: …"). */
export function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > EXCERPT_CHARS ? `${line.slice(0, EXCERPT_CHARS - 1)}…` : line;
}

/**
 * One note as a compact row: its text, author and evidence mark, "+ Vote" while a round is
 * open, and one "⋯" button for everything else (a sheet). Memoised: the board store keeps an
 * unchanged note's record, so a remote edit re-renders only the row it touched.
 */
export const NoteRow = memo(function NoteRow({ note, canChange, canDrag, voteMode, voteCount, onOpen, onVote, drag }: Props) {
  const t = useTranslations('participant');
  const transform = drag?.transform;
  const isDragging = drag?.isDragging ?? false;
  const style = transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined;
  return (
    <li
      ref={drag?.setNodeRef}
      style={style}
      className={`flex min-w-0 items-start gap-1 rounded-lg border-2 py-1 ps-3 pe-1 ${NOTE_COLOR_CLASSES[note.color]} ${isDragging ? 'relative z-10 shadow-lg' : ''}`}
    >
      <div className="min-w-0 flex-1 py-1.5">
        <p dir="auto" className="text-base leading-snug break-words whitespace-pre-wrap text-slate-950">
          {note.text}
        </p>
        <p className="mt-1 flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-700">
          <bdi className="min-w-0 truncate">{note.authorName || t('anonymous')}</bdi>
          {note.evidence && <EvidenceMark evidence={note.evidence} />}
          {voteMode === 'total' && (
            <span aria-label={t('votes', { count: voteCount })} className="rounded-full bg-slate-900 px-2 text-sm font-bold text-white">
              {t('votes', { count: voteCount })}
            </span>
          )}
        </p>
        {/* Under the text, not beside it: the note keeps the row's width on a phone. */}
        {voteMode === 'cast' && <VoteButtons noteId={note.id} mine={voteCount} onVote={onVote} />}
      </div>
      {canDrag && drag && (
        <button
          type="button"
          aria-label={t('dragNote')}
          className="grid size-11 shrink-0 cursor-grab touch-none place-items-center rounded-md text-slate-800 hover:bg-slate-900/10"
          {...drag.handle}
        >
          <GripVertical aria-hidden size={18} />
        </button>
      )}
      {canChange && (
        <button
          type="button"
          aria-label={t('moreActions', { excerpt: excerpt(note.text) })}
          aria-haspopup="dialog"
          onClick={(event) => onOpen(note.id, event.currentTarget)}
          className="grid size-11 shrink-0 place-items-center rounded-md text-slate-900 hover:bg-slate-900/10"
        >
          <Ellipsis aria-hidden size={22} />
        </button>
      )}
    </li>
  );
});

function EvidenceMark({ evidence }: { evidence: 'observed' | 'assumed' }) {
  const t = useTranslations('participant');
  const isObserved = evidence === 'observed';
  return (
    <span
      className={`shrink-0 rounded-full border px-2 text-xs leading-5 font-semibold ${isObserved ? 'border-green-700 bg-green-50 text-green-900' : 'border-slate-500 bg-white/70 text-slate-700'}`}
    >
      {t(evidence)}
    </span>
  );
}

function VoteButtons({ noteId, mine, onVote }: { noteId: string; mine: number; onVote(noteId: string, delta: 1 | -1): void }) {
  const t = useTranslations('participant');
  return (
    <span className="mt-1 flex items-center justify-end gap-1">
      {mine > 0 && (
        <button
          type="button"
          aria-label={t('removeMyVote')}
          className="grid size-11 place-items-center rounded-md text-xl font-bold hover:bg-slate-900/10"
          onClick={() => onVote(noteId, -1)}
        >
          −
        </button>
      )}
      <span aria-label={t('myDots', { count: mine })} className="min-w-4 text-center font-bold text-blue-800">
        {'●'.repeat(mine)}
      </span>
      <button
        type="button"
        aria-label={t('voteForNote')}
        className="min-h-11 rounded-lg bg-blue-700 px-3 text-base font-bold text-white hover:bg-blue-800"
        onClick={() => onVote(noteId, 1)}
      >
        {t('vote')}
      </button>
    </span>
  );
}
