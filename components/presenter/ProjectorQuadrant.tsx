'use client';

import { memo, useId, useMemo } from 'react';
import type { Group } from '../../lib/groups';
import type { Note } from '../../lib/note';
import { TITLE_LINE_HEIGHT, type LayoutNote } from '../../lib/projectorLayout';
import type { Quadrant } from '../../lib/quadrants';
import { QuadrantTiles } from './QuadrantTiles';
import { useElementSize } from './useElementSize';
import { useQuadrantFit } from './useQuadrantFit';

export interface QuadrantHandlers {
  onOpenNote(noteId: string): void;
  onOpenGroup(groupId: string): void;
  /** The notes the "+N more" tile counts. */
  onOpenMore(quadrantId: string, noteIds: readonly string[]): void;
}

export interface QuadrantProps extends QuadrantHandlers {
  quadrant: Quadrant;
  /** This quadrant's notes, in board order. */
  notes: readonly Note[];
  /** This quadrant's groups. */
  groups: readonly Group[];
  /** Closed-round totals: notes are then shown most-voted first. */
  voteResults: Readonly<Record<string, number>> | null;
  maxFontPx: number;
  arrivals: ReadonlySet<string>;
  gridArea: string;
}

/** An unchanged note keeps its layout record, so the fit measures and wraps it once (`measureNote`). */
const layoutRecords = new WeakMap<Note, LayoutNote>();

function layoutNote(note: Note, votes: number | null): LayoutNote {
  const known = layoutRecords.get(note);
  if (known?.votes === votes) return known;
  const made: LayoutNote = { id: note.id, text: note.text, groupId: note.groupId ?? null, hasEvidence: Boolean(note.evidence), votes };
  layoutRecords.set(note, made);
  return made;
}

/**
 * One quadrant on the projector: title, note count, guiding questions while there is room, and
 * its notes laid out by the fit (no scrolling: what does not fit is stacked or counted).
 */
export const ProjectorQuadrant = memo(function ProjectorQuadrant(props: QuadrantProps) {
  const { quadrant, notes, groups, voteResults, maxFontPx, gridArea } = props;
  const titleId = useId();
  const [sectionRef, box] = useElementSize<HTMLElement>();
  const sorted = useMemo(() => sortByVotes(notes, voteResults), [notes, voteResults]);
  const layoutNotes = useMemo(() => sorted.map((note) => layoutNote(note, voteResults?.[note.id] ?? null)), [sorted, voteResults]);
  const { fit, bodyRef, corrections } = useQuadrantFit(box, { maxFontPx, questions: quadrant.questions, groups, notes: layoutNotes });
  const m = fit?.metrics;
  return (
    <section
      ref={sectionRef}
      aria-labelledby={titleId}
      style={{ gridArea }}
      // What the fit chose, for tests and for anyone wondering why a quadrant looks as it does.
      data-fit={fit ? `${fit.metrics.fontPx}px ${fit.columns} columns ${fit.maxLines} lines; ${corrections} corrections` : undefined}
      className="flex min-h-0 min-w-0 flex-col overflow-hidden rounded-xl border border-slate-300 bg-white p-2 shadow-sm"
    >
      <header
        className="flex shrink-0 items-center gap-3"
        style={m && { height: Math.ceil(m.titlePx * TITLE_LINE_HEIGHT), marginBottom: m.headerGapPx }}
      >
        <h3
          id={titleId}
          dir="auto"
          className="min-w-0 truncate font-black text-slate-950"
          style={{ fontSize: m?.titlePx, lineHeight: TITLE_LINE_HEIGHT }}
        >
          {quadrant.title}
        </h3>
        <span className="ms-auto shrink-0 rounded-full bg-slate-800 px-2.5 font-bold text-white" style={{ fontSize: m?.metaPx }}>
          {notes.length}
          <span className="sr-only"> {notes.length === 1 ? 'note' : 'notes'}</span>
        </span>
      </header>
      {fit && fit.questions !== 'none' && quadrant.questions.length > 0 && (
        // Paragraphs, not a list: the notes are the quadrant's only list items.
        <div className="-mt-1 shrink-0 text-slate-600" style={{ fontSize: m?.questionPx, marginBottom: m?.headerGapPx }}>
          {(fit.questions === 'all' ? quadrant.questions : quadrant.questions.slice(0, 1)).map((question) => (
            <p key={question} dir="auto" className="truncate leading-[1.35]">
              {question}
            </p>
          ))}
        </div>
      )}
      <div
        ref={bodyRef}
        className="min-h-0 flex-1 overflow-hidden"
        style={fit ? { columnCount: fit.columns, columnGap: fit.metrics.columnGapPx } : undefined}
      >
        {fit && <QuadrantTiles fit={fit} {...props} />}
      </div>
    </section>
  );
}, sameQuadrantProps);

/**
 * Props equal for rendering: the arrivals set changes whenever any note arrives, but only the
 * quadrant whose notes it concerns needs to draw again.
 */
function sameQuadrantProps(before: QuadrantProps, after: QuadrantProps): boolean {
  for (const key of Object.keys(after) as (keyof QuadrantProps)[]) {
    if (key !== 'arrivals' && before[key] !== after[key]) return false;
  }
  return after.notes.every((note) => before.arrivals.has(note.id) === after.arrivals.has(note.id));
}

/** After a vote, the most-voted notes come first (ties keep the board's order). */
function sortByVotes(notes: readonly Note[], results: Readonly<Record<string, number>> | null): readonly Note[] {
  if (!results) return notes;
  return [...notes].sort((a, b) => (results[b.id] ?? 0) - (results[a.id] ?? 0));
}
