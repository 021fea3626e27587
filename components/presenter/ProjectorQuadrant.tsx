'use client';

import { memo, useId, useMemo } from 'react';
import type { Group } from '../../lib/groups';
import type { Note } from '../../lib/note';
import type { FitMetrics, LayoutNote, QuadrantFit, Tile } from '../../lib/projectorLayout';
import type { Quadrant } from '../../lib/quadrants';
import { ProjectorNote } from './ProjectorNote';
import { useElementSize } from './useElementSize';
import { useQuadrantFit } from './useQuadrantFit';

export interface QuadrantHandlers {
  onOpenNote(noteId: string): void;
  onOpenGroup(groupId: string): void;
  /** The notes the "+N more" tile counts. */
  onOpenMore(quadrantId: string, noteIds: readonly string[]): void;
}

interface Props extends QuadrantHandlers {
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

/**
 * One quadrant on the projector: title, note count, guiding questions while there is room, and
 * its notes laid out by the fit (no scrolling: what does not fit is stacked or counted).
 */
export const ProjectorQuadrant = memo(function ProjectorQuadrant(props: Props) {
  const { quadrant, notes, groups, voteResults, maxFontPx, gridArea } = props;
  const titleId = useId();
  const [sectionRef, box] = useElementSize<HTMLElement>();
  const sorted = useMemo(() => sortByVotes(notes, voteResults), [notes, voteResults]);
  const layoutNotes = useMemo(
    () =>
      sorted.map((note): LayoutNote => ({
        id: note.id,
        text: note.text,
        groupId: note.groupId ?? null,
        hasEvidence: Boolean(note.evidence),
        votes: voteResults?.[note.id] ?? null,
      })),
    [sorted, voteResults],
  );
  const { fit, bodyRef, corrections } = useQuadrantFit(box, { maxFontPx, questions: quadrant.questions, groups, notes: layoutNotes });
  const m = fit?.metrics;
  return (
    <section
      ref={sectionRef}
      aria-labelledby={titleId}
      style={{ gridArea }}
      // What the fit chose, for tests and for anyone wondering why a quadrant looks as it does.
      data-fit={fit ? `${fit.metrics.fontPx}px ${fit.columns} columns ${fit.maxLines} lines; ${corrections} corrections` : undefined}
      className="flex min-h-0 min-w-0 flex-col overflow-hidden rounded-xl border border-slate-300 bg-white p-2 shadow-sm 2xl:p-3"
    >
      <header className="flex shrink-0 items-baseline gap-3" style={{ marginBottom: m?.headerGapPx }}>
        <h3 id={titleId} className="min-w-0 truncate leading-[1.2] font-black text-slate-950" style={{ fontSize: m?.titlePx }}>
          {quadrant.title}
        </h3>
        <span className="ml-auto shrink-0 rounded-full bg-slate-800 px-2.5 font-bold text-white" style={{ fontSize: m?.metaPx }}>
          {notes.length}
          <span className="sr-only"> {notes.length === 1 ? 'note' : 'notes'}</span>
        </span>
      </header>
      {fit && fit.questions !== 'none' && quadrant.questions.length > 0 && (
        // Paragraphs, not a list: the notes are the quadrant's only list items.
        <div className="-mt-1 shrink-0 text-slate-600" style={{ fontSize: m?.questionPx, marginBottom: m?.headerGapPx }}>
          {(fit.questions === 'all' ? quadrant.questions : quadrant.questions.slice(0, 1)).map((question) => (
            <p key={question} className="truncate leading-[1.35]">
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
        {fit && <Tiles fit={fit} {...props} />}
      </div>
    </section>
  );
});

function Tiles({ fit, quadrant, notes, groups, voteResults, arrivals, onOpenNote, onOpenGroup, onOpenMore }: Props & { fit: QuadrantFit }) {
  const byId = new Map(notes.map((note) => [note.id, note]));
  const note = (id: string) => {
    const shown = byId.get(id);
    return (
      shown && (
        <ProjectorNote
          key={id}
          note={shown}
          metrics={fit.metrics}
          maxLines={fit.maxLines}
          showAuthor={fit.showAuthors}
          votes={voteResults?.[id] ?? null}
          isNew={arrivals.has(id)}
          onOpen={onOpenNote}
        />
      )
    );
  };
  const loose = fit.tiles.filter((tile): tile is Extract<Tile, { kind: 'note' }> => tile.kind === 'note');
  const hidden = fit.hiddenNoteIds;
  return (
    <>
      {fit.tiles.map((tile) => {
        if (tile.kind === 'note') return null;
        const group = groups.find((g) => g.id === tile.groupId);
        if (!group) return null;
        const isNew = (tile.kind === 'group' ? tile.noteIds : notes.filter((n) => n.groupId === group.id).map((n) => n.id)).some((id) =>
          arrivals.has(id),
        );
        return tile.kind === 'stack' ? (
          <GroupStack key={group.id} group={group} count={tile.count} m={fit.metrics} isNew={isNew} onOpen={onOpenGroup} />
        ) : (
          <div
            key={group.id}
            role="group"
            aria-label={`Group: ${group.name}`}
            className="rounded-lg border-2 border-dashed border-slate-400 [box-decoration-break:clone]"
            style={{ padding: `0 ${fit.metrics.padXPx / 2}px`, marginBottom: fit.metrics.gapPx }}
          >
            <GroupHeading group={group} count={tile.noteIds.length} m={fit.metrics} onOpen={onOpenGroup} />
            <ul>{tile.noteIds.map(note)}</ul>
          </div>
        );
      })}
      {loose.length > 0 && <ul aria-label={`Notes in ${quadrant.title}`}>{loose.map((tile) => note(tile.id))}</ul>}
      {hidden.length > 0 && (
        <button
          type="button"
          onClick={() => onOpenMore(quadrant.id, hidden)}
          className={`block w-full break-inside-avoid rounded-md border border-slate-500 bg-slate-100 text-left font-bold text-slate-900 ${hidden.some((id) => arrivals.has(id)) ? 'note-arrived' : ''}`}
          style={{ padding: `${fit.metrics.padYPx}px ${fit.metrics.padXPx}px`, fontSize: fit.metrics.fontPx, lineHeight: 1.25 }}
        >
          +{hidden.length} more
          <span className="sr-only">
            {' '}
            {hidden.length === 1 ? 'note' : 'notes'} in {quadrant.title}
          </span>
        </button>
      )}
    </>
  );
}

function GroupHeading({ group, count, m, onOpen }: { group: Group; count: number; m: FitMetrics; onOpen(groupId: string): void }) {
  return (
    <button
      type="button"
      onClick={() => onOpen(group.id)}
      className="flex w-full items-baseline gap-2 text-left font-bold text-slate-800 [break-after:avoid]"
      style={{ fontSize: m.metaPx, lineHeight: 1.25, paddingTop: m.padYPx / 2, paddingBottom: m.padYPx / 2 }}
    >
      <span className="min-w-0 truncate">{group.name}</span>
      <span className="shrink-0 font-semibold text-slate-600">
        {count} <span className="sr-only">{count === 1 ? 'note' : 'notes'}, open the group</span>
      </span>
    </button>
  );
}

/** A collapsed group: one card standing for its notes, with its name and how many. */
function GroupStack({
  group,
  count,
  m,
  isNew,
  onOpen,
}: {
  group: Group;
  count: number;
  m: FitMetrics;
  isNew: boolean;
  onOpen(id: string): void;
}) {
  return (
    <div className="break-inside-avoid" style={{ paddingBottom: m.gapPx + 6 }}>
      <button
        type="button"
        onClick={() => onOpen(group.id)}
        aria-label={`Group: ${group.name}, ${count} ${count === 1 ? 'note' : 'notes'}`}
        className={`block w-full rounded-md border border-amber-500 bg-amber-100 text-left text-slate-950 shadow-[3px_3px_0_0_#fcd34d,6px_6px_0_0_#fde68a] ${isNew ? 'note-arrived' : ''}`}
        style={{ padding: `${m.padYPx}px ${m.padXPx}px`, lineHeight: 1.25 }}
      >
        <span className="block truncate font-bold" style={{ fontSize: m.fontPx }}>
          {group.name}
        </span>
        <span className="block font-semibold text-slate-700" style={{ fontSize: m.metaPx }}>
          {count} {count === 1 ? 'note' : 'notes'}
        </span>
      </button>
    </div>
  );
}

/** After a vote, the most-voted notes come first (ties keep the board's order). */
function sortByVotes(notes: readonly Note[], results: Readonly<Record<string, number>> | null): readonly Note[] {
  if (!results) return notes;
  return [...notes].sort((a, b) => (results[b.id] ?? 0) - (results[a.id] ?? 0));
}
