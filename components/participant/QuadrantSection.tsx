'use client';

import { ChevronRight } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { ComponentType, ReactNode } from 'react';
import type { Group } from '../../lib/groups';
import type { Note } from '../../lib/note';
import type { Quadrant } from '../../lib/quadrants';
import { NoteGroup } from '../board/NoteGroup';
import type { BoardActions, NoteVoting } from '../board/types';
import type { NoteRowProps } from './NoteRow';
import { NoteRows } from './NoteRows';

/** What every row of the map shares; the callbacks are stable, so memoised rows skip rendering. */
export interface RowContext {
  canChange: boolean;
  canDrag: boolean;
  voting: NoteVoting | undefined;
  onOpen(noteId: string, opener: HTMLElement): void;
  onVote(noteId: string, delta: 1 | -1): void;
  /** `NoteRow`, or its draggable form where dragging is offered. */
  Row: ComponentType<NoteRowProps>;
}

export interface QuadrantSectionProps {
  quadrant: Quadrant;
  notes: Note[];
  /** This quadrant's groups. */
  groups: Group[];
  actions: BoardActions;
  rows: RowContext;
  isReadOnly: boolean;
  /** The facilitator's quadrant (spotlight or step), marked on a wide screen. */
  isCurrent: boolean;
  /** The "New note" box; none for the notes whose quadrant left the map. */
  composer: ReactNode;
  /** A line above the composer (e.g. "the facilitator moved on"). */
  notice?: ReactNode;
  headingId: string;
  /** A phone: the guiding questions fold away (the step's prompt already asks them). */
  isCompact: boolean;
  /** Where dragging is offered: the drop target's ref, and whether a note is over it. */
  drop?: { setNodeRef(element: HTMLElement | null): void; isOver: boolean };
}

/**
 * One quadrant as a region named by its title: the composer on top, then the notes as compact
 * rows (grouped ones under their group). Participants' tools rely on this shape.
 */
export function QuadrantSection({
  quadrant,
  notes,
  groups,
  actions,
  rows,
  isReadOnly,
  isCurrent,
  composer,
  notice,
  headingId,
  isCompact,
  drop,
}: QuadrantSectionProps) {
  const t = useTranslations('participant');
  const isOver = drop?.isOver ?? false;
  const groupIds = new Set(groups.map((group) => group.id));
  const list = (own: Note[], label?: string) => (
    <ul aria-label={label} className="flex flex-col gap-2">
      <NoteRows notes={sortByVotes(own, rows.voting)} rows={rows} />
    </ul>
  );
  const ungrouped = notes.filter((note) => !note.groupId || !groupIds.has(note.groupId));
  return (
    <section
      ref={drop?.setNodeRef}
      aria-labelledby={headingId}
      className={`flex min-w-0 flex-col gap-3 rounded-xl border-2 bg-white p-3 ${isOver ? 'border-blue-600 bg-blue-50' : isCurrent ? 'border-blue-600' : 'border-slate-200'}`}
    >
      <header className="flex items-baseline justify-between gap-2">
        <h3 id={headingId} dir="auto" tabIndex={-1} className="text-xl font-bold text-slate-950">
          {quadrant.title}
        </h3>
        <span className="shrink-0 text-sm text-slate-700">
          {isCurrent && !isCompact && (
            <span className="me-2 rounded-full bg-blue-700 px-2 py-0.5 font-semibold text-white">{t('now')}</span>
          )}
          {t('noteCount', { count: notes.length })}
        </span>
      </header>
      {/* Questions are paragraphs, not a list: the notes are the quadrant's only list items. */}
      {isCompact ? (
        <details className="group -mt-2 text-sm text-slate-700">
          <summary className="flex min-h-11 cursor-pointer items-center gap-1 font-medium text-slate-800 [&::-webkit-details-marker]:hidden">
            {/* Points along the reading direction (mirrored right to left), and down once open. */}
            <span aria-hidden className="inline-flex rtl:-scale-x-100">
              <ChevronRight size={16} className="transition-transform group-open:rotate-90" />
            </span>
            {t('questionsToThinkAbout')}
          </summary>
          <Questions questions={quadrant.questions} />
        </details>
      ) : (
        <div className="-mt-2 text-sm text-slate-700">
          <Questions questions={quadrant.questions} />
        </div>
      )}
      {notice}
      {composer}
      {groups.map((group) => (
        <NoteGroup key={group.id} group={group} actions={actions} isReadOnly={isReadOnly} isLarge={false} headingLevel="h4">
          {list(notes.filter((note) => note.groupId === group.id))}
        </NoteGroup>
      ))}
      {list(ungrouped, t('notesIn', { title: quadrant.title }))}
      {notes.length === 0 && <p className="text-slate-600">{t('noNotesYet')}</p>}
    </section>
  );
}

function Questions({ questions }: { questions: readonly string[] }) {
  return questions.map((question) => (
    <p key={question} dir="auto">
      {question}
    </p>
  ));
}

/** After a vote, the most-voted notes come first. */
function sortByVotes(notes: Note[], voting: NoteVoting | undefined): Note[] {
  const results = voting?.results;
  if (!results) return notes;
  return [...notes].sort((a, b) => (results[b.id] ?? 0) - (results[a.id] ?? 0));
}
