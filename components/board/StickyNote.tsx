'use client';

import { useDraggable } from '@dnd-kit/core';
import { GripVertical, Pencil, SlidersHorizontal, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { memo, useState } from 'react';
import { isMapNote } from '../../lib/board';
import type { Note } from '../../lib/note';
import { NoteEditor } from './NoteEditor';
import { NoteMenu, type MoveTarget } from './NoteMenu';
import { NoteSorting } from './NoteSorting';
import type { Group } from '../../lib/groups';
import { NOTE_COLOR_CLASSES, OFFSCREEN_SKIPPED } from './noteColors';
import type { BoardActions, BoardViewOptions, NoteVoting } from './types';

interface Props {
  note: Note;
  actions: BoardActions;
  view: BoardViewOptions;
  /** The groups of this note's quadrant, to pick from. */
  groups?: readonly Group[];
  /** Where the note moves instead of the map's quadrants: a journey note goes to another step. */
  move?: { targets: readonly MoveTarget[]; onMove(targetId: string): unknown };
}

const NO_GROUPS: readonly Group[] = [];

/**
 * One sticky note: its text and author, with edit, move, colour and delete. Memoised: it renders
 * again only when its record, the actions, the view, its groups or `move` is a new object.
 */
export const StickyNote = memo(function StickyNote({ note, actions, view, groups = NO_GROUPS, move }: Props) {
  const t = useTranslations('participant');
  const [mode, setMode] = useState<Mode>('view');
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: note.id, disabled: view.isReadOnly });
  const style = transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined;
  const isLarge = view.variant === 'projector';

  return (
    <li
      ref={setNodeRef}
      style={style}
      className={`group relative min-w-0 rounded-md border-2 p-3 shadow-sm ${OFFSCREEN_SKIPPED} ${NOTE_COLOR_CLASSES[note.color]} ${isDragging ? 'z-10 opacity-80 shadow-lg' : ''}`}
    >
      {mode === 'edit' ? (
        <NoteEditor initialText={note.text} onSave={(text) => actions.editNote(note.id, text)} onDone={() => setMode('view')} />
      ) : (
        <p className={`whitespace-pre-wrap break-words text-slate-900 ${isLarge ? 'text-xl leading-snug' : 'text-base'}`}>{note.text}</p>
      )}
      <div className="mt-2 flex items-center gap-1">
        <span className={`me-auto min-w-0 truncate text-slate-700 ${isLarge ? 'text-base' : 'text-sm'}`}>
          {note.authorName || t('anonymous')}
        </span>
        {note.evidence && <EvidenceBadge evidence={note.evidence} isLarge={isLarge} />}
        {view.voting && <VoteControls note={note} voting={view.voting} />}
        {!view.isReadOnly && (
          // On the projector the tools appear on hover or keyboard focus, so the room reads notes, not icons.
          <span
            className={`flex shrink-0 items-center gap-1 ${isLarge ? 'opacity-0 group-focus-within:opacity-100 group-hover:opacity-100' : ''}`}
          >
            <NoteTools note={note} mode={mode} setMode={setMode} actions={actions} dragProps={{ ...attributes, ...listeners }} />
          </span>
        )}
      </div>
      {mode === 'menu' && !view.isReadOnly && (
        <div className="mt-2 border-t border-slate-900/15 pt-2">
          <NoteMenu
            color={note.color}
            moveTargets={move?.targets ?? (isMapNote(note) ? view.quadrants.filter((q) => q.id !== note.quadrant) : [])}
            onMove={(target) => {
              if (move) move.onMove(target);
              else actions.moveNote(note.id, target);
              setMode('view');
            }}
            onColor={(color) => actions.setNoteColor(note.id, color)}
            promoteTargets={view.promoteTargets}
            onPromote={(field) => actions.promoteNote(note.id, field)}
          />
          <NoteSorting note={note} groups={groups} actions={actions} />
        </div>
      )}
    </li>
  );
});

type Mode = 'view' | 'edit' | 'menu';

function EvidenceBadge({ evidence, isLarge }: { evidence: 'observed' | 'assumed'; isLarge: boolean }) {
  const t = useTranslations('participant');
  return (
    <span
      className={`shrink-0 rounded-full border px-2 font-semibold ${isLarge ? 'text-sm' : 'text-xs'} ${evidence === 'observed' ? 'border-green-700 bg-green-50 text-green-900' : 'border-slate-500 bg-white/60 text-slate-700'}`}
    >
      {t(evidence)}
    </span>
  );
}

function VoteControls({ note, voting }: { note: Note; voting: NoteVoting }) {
  const t = useTranslations('participant');
  if (voting.results && !voting.isOpen) {
    const total = voting.results[note.id] ?? 0;
    return (
      <span
        className="absolute -top-3 -right-2 rounded-full bg-slate-900 px-2.5 py-0.5 text-base font-bold text-white shadow"
        aria-label={t('votes', { count: total })}
      >
        {t('votes', { count: total })}
      </span>
    );
  }
  if (!voting.isOpen || !voting.isEligible(note)) return null;
  const mine = voting.myDots[note.id] ?? 0;
  return (
    <span className="flex items-center gap-1">
      {mine > 0 && (
        <button type="button" aria-label={t('removeMyVote')} className="icon-btn" onClick={() => voting.cast(note.id, -1)}>
          −
        </button>
      )}
      <span aria-label={t('myDots', { count: mine })} className="min-w-5 text-center font-bold">
        {'●'.repeat(mine)}
      </span>
      <button
        type="button"
        aria-label={t('voteForNote')}
        className="rounded-md bg-blue-700 px-2 py-1 text-sm font-bold text-white"
        onClick={() => voting.cast(note.id, 1)}
      >
        {t('vote')}
      </button>
    </span>
  );
}

interface ToolsProps {
  note: Note;
  mode: Mode;
  setMode(mode: Mode): void;
  actions: BoardActions;
  dragProps: Record<string, unknown>;
}

function NoteTools({ note, mode, setMode, actions, dragProps }: ToolsProps) {
  // Anyone sorts a note; its text and deleting it are its author's and the facilitator's.
  const isMine = actions.mayChangeNote(note) === true;
  const t = useTranslations('participant');
  const tn = useTranslations('note');
  return (
    <>
      <button type="button" aria-label={t('dragNote')} className="icon-btn cursor-grab touch-none" {...dragProps}>
        <GripVertical aria-hidden size={18} />
      </button>
      {isMine && (
        <button type="button" aria-label={tn('editNote')} onClick={() => setMode('edit')} className="icon-btn">
          <Pencil aria-hidden size={18} />
        </button>
      )}
      <button
        type="button"
        aria-label={tn('moveOrColour')}
        aria-expanded={mode === 'menu'}
        onClick={() => setMode(mode === 'menu' ? 'view' : 'menu')}
        className="icon-btn"
      >
        <SlidersHorizontal aria-hidden size={18} />
      </button>
      {isMine && (
        <button type="button" aria-label={t('deleteNote')} onClick={() => actions.deleteNote(note.id)} className="icon-btn">
          <Trash2 aria-hidden size={18} />
        </button>
      )}
    </>
  );
}
