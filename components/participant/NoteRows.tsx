'use client';

import { memo, useEffect, useState } from 'react';
import type { Note } from '../../lib/note';
import type { NoteVoting } from '../board/types';
import type { RowContext } from './QuadrantSection';

/**
 * The first slice: more rows than a phone's first screen holds (at 375×812 the rows start below
 * the step, the list of quadrants and the composer, so few or none show before a scroll), with
 * room to scroll; the first screen after a join waits for these, not for a whole slice.
 */
export const FIRST_SLICE_ROWS = 16;
/** Rows per later slice: small enough for one idle moment of a slow phone. */
export const ROWS_PER_SLICE = 40;

/** Where slice `index` starts: the first one is shorter than the rest. */
const sliceStart = (index: number) => (index === 0 ? 0 : FIRST_SLICE_ROWS + (index - 1) * ROWS_PER_SLICE);

/**
 * A list's note rows, mounted a slice at a time: the first (short) slice at once, the
 * next ones one per idle moment until every row is there; from then on the whole list renders
 * directly. A phone opening a 1,000-note quadrant paints its first screen without first building
 * 1,000 rows, and every note is still a list item soon after (the accessible contract). Each
 * slice is memoised on its notes, so a change from the room re-renders one slice, not the list.
 */
export function NoteRows({ notes, rows }: { notes: readonly Note[]; rows: RowContext }) {
  const [slices, setSlices] = useState(1);
  const [isComplete, setIsComplete] = useState(false);
  const shown = isComplete ? Infinity : slices;
  const needed = notes.length <= FIRST_SLICE_ROWS ? 1 : 1 + Math.ceil((notes.length - FIRST_SLICE_ROWS) / ROWS_PER_SLICE);
  useEffect(() => {
    if (isComplete) return;
    if (slices >= needed) {
      setIsComplete(true);
      return;
    }
    return whenIdle(() => setSlices(slices + 1));
  }, [isComplete, slices, needed]);
  const parts = [];
  for (let index = 0; sliceStart(index) < notes.length && index < shown; index++) {
    parts.push(<RowSlice key={index} notes={notes.slice(sliceStart(index), sliceStart(index + 1))} rows={rows} />);
  }
  return parts;
}

/** Runs `task` when the main thread is idle (soon, at the latest); returns the cancel. */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: 500 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(task, 16);
  return () => clearTimeout(handle);
}

const RowSlice = memo(
  function RowSlice({ notes, rows }: { notes: readonly Note[]; rows: RowContext }) {
    const { Row } = rows;
    return notes.map((note) => (
      <Row
        key={note.id}
        note={note}
        canChange={rows.canChange}
        canDrag={rows.canDrag}
        {...voteOf(note, rows.voting)}
        onOpen={rows.onOpen}
        onVote={rows.onVote}
      />
    ));
  },
  (before, after) =>
    sameItems(before.notes, after.notes) &&
    before.rows.canChange === after.rows.canChange &&
    before.rows.canDrag === after.rows.canDrag &&
    before.rows.voting === after.rows.voting &&
    before.rows.onOpen === after.rows.onOpen &&
    before.rows.onVote === after.rows.onVote &&
    before.rows.Row === after.rows.Row,
);

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function voteOf(note: Note, voting: NoteVoting | undefined) {
  if (voting?.results && !voting.isOpen) return { voteMode: 'total' as const, voteCount: voting.results[note.id] ?? 0 };
  if (voting?.isOpen && voting.isEligible(note)) return { voteMode: 'cast' as const, voteCount: voting.myDots[note.id] ?? 0 };
  return { voteMode: null, voteCount: 0 };
}
