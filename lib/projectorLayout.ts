/**
 * Fit-to-screen layout of one empathy-map quadrant on the projector: from the quadrant's box and
 * its notes' count and text lengths, the type size, the number of columns, how many lines a note
 * may take, whether the guiding questions show, which groups collapse into stacks, and how many
 * notes only a "+N more" tile can count. Pure and deterministic: the same input gives the same
 * layout on every screen, and tests hold it to its promises (more notes never mean bigger type,
 * never under 14 px, every note either shown or counted).
 *
 * The estimate leans wide (text is assumed wider than most fonts draw it) and the browser view
 * checks the real DOM afterwards, shrinking the box it passes in when the estimate was off.
 */

import {
  MIN_NOTE_FONT_PX,
  TITLE_LINE_HEIGHT,
  columnsNeeded,
  measureNote,
  metricsFor,
  moreHeight,
  tileHeight,
  type FitMetrics,
  type LayoutNote,
  type MeasuredNote,
  type Shape,
  type Tile,
} from './projectorPieces';

export {
  LINE_HEIGHT,
  MIN_NOTE_FONT_PX,
  TITLE_LINE_HEIGHT,
  columnsNeeded,
  metricsFor,
  textLines,
  wordWidths,
  type FitMetrics,
  type LayoutNote,
  type Tile,
} from './projectorPieces';

/** Note type at 1080 px of viewport height with room to spare; scaled with the viewport. */
export const MAX_NOTE_FONT_PX_AT_1080 = 32;

export interface Size {
  width: number;
  height: number;
}

export interface LayoutGroup {
  id: string;
  name: string;
}

export interface QuadrantFitInput {
  /** The quadrant's content box (inside its padding), CSS px. */
  box: Size;
  /** The largest note type for this screen (e.g. 32 px at 1080 p; more when one quadrant is zoomed). */
  maxFontPx: number;
  questions: readonly string[];
  groups: readonly LayoutGroup[];
  /** In display order; grouped notes are drawn in their group, in this order. */
  notes: readonly LayoutNote[];
}

export type QuestionMode = 'all' | 'first' | 'none';

export interface QuadrantFit {
  metrics: FitMetrics;
  columns: number;
  /** Note text is clamped to this many lines (the full text is one click away). */
  maxLines: number;
  questions: QuestionMode;
  showAuthors: boolean;
  /** What the body shows, in order. */
  tiles: Tile[];
  /** Notes neither drawn nor inside a drawn stack: the "+N more" tile counts them. */
  hiddenNoteIds: string[];
  /** Where in `fitLevels` this fit stopped (its length: past the smallest type, stacks and "+N more"), for `FitHint`. */
  level: number;
}

/**
 * The fit a screen shows now, so the next change of the same quadrant (same box, same largest
 * type, no fewer notes) keeps its level while that still fits: an edit then re-lays out nothing
 * but its note, and type never jumps up and down as notes are edited longer and shorter. Only a
 * note going away (or a new box) may make the type bigger again.
 */
export interface FitHint {
  level: number;
}

interface Level {
  fontPx: number;
  maxLines: number;
  questions: QuestionMode;
}

/** Densest last; type never grows along the list, so more notes never mean bigger type. */
export function fitLevels(maxFontPx: number): Level[] {
  const top = Math.max(MIN_NOTE_FONT_PX, Math.round(maxFontPx));
  const levels: Level[] = [];
  for (let fontPx = top; fontPx >= MIN_NOTE_FONT_PX; fontPx--) {
    const maxLines = fontPx >= 20 ? 6 : 4;
    const modes: QuestionMode[] = fontPx === top ? ['all', 'first', 'none'] : ['none'];
    for (const questions of modes) levels.push({ fontPx, maxLines, questions });
  }
  // Past the smallest type, fewer lines a note: a note cut to its first line is still on screen.
  for (const maxLines of [3, 2, 1]) levels.push({ fontPx: MIN_NOTE_FONT_PX, maxLines, questions: 'none' });
  return levels;
}

const showsAuthors = (fontPx: number, maxFontPx: number) => fontPx >= 18 && fontPx >= Math.round(maxFontPx * 0.8);

function headerHeight(m: FitMetrics, questions: readonly string[], mode: QuestionMode): number {
  const questionLines = mode === 'all' ? questions.length : mode === 'first' ? Math.min(1, questions.length) : 0;
  return Math.ceil(m.titlePx * TITLE_LINE_HEIGHT + questionLines * m.questionPx * 1.35 + m.headerGapPx);
}

/**
 * Column counts to try, the ones nearest a sticky note's natural width (about 13 em) first.
 * Wrapped text needs about 7.5 em, or a column breaks ordinary words ("recomme|nd") and reads as
 * fragments; a single line cut with an ellipsis breaks none, and goes down to 6 em.
 */
function columnChoices(width: number, m: FitMetrics, maxLines: number): number[] {
  const widthFor = (columns: number) => (width - (columns - 1) * m.columnGapPx) / columns;
  const ideal = m.fontPx * 13;
  const narrowest = m.fontPx * (maxLines > 1 ? 7.5 : 6);
  const choices: number[] = [];
  for (let columns = 1; columns <= 12 && widthFor(columns) >= narrowest; columns++) choices.push(columns);
  if (choices.length === 0) choices.push(1);
  return choices.sort((a, b) => Math.abs(widthFor(a) - ideal) - Math.abs(widthFor(b) - ideal) || a - b);
}

interface Arrangement {
  level: Level;
  columns: number;
  shape: Shape;
}

/** The first column count at which every tile (and the "+N more" tile, if `withMore`) fits the body, or null. */
function arrange(
  input: QuadrantFitInput,
  level: Level,
  tiles: readonly Tile[],
  notesById: ReadonlyMap<string, MeasuredNote>,
  withMore = false,
) {
  const m = metricsFor(level.fontPx, input.maxFontPx);
  const bodyHeight = input.box.height - headerHeight(m, input.questions, level.questions);
  if (bodyHeight <= 0) return null;
  for (const columns of columnChoices(input.box.width, m, level.maxLines)) {
    const columnWidth = (input.box.width - (columns - 1) * m.columnGapPx) / columns;
    const shape: Shape = { m, maxLines: level.maxLines, showAuthors: showsAuthors(level.fontPx, input.maxFontPx), columnWidth };
    const atoms = tiles.map((tile) => tileHeight(tile, notesById, shape));
    if (withMore) atoms.push(moreHeight(m));
    if (columnsNeeded(atoms, bodyHeight) <= columns) return { level, columns, shape } satisfies Arrangement;
  }
  return null;
}

/** Groups first (in their order), then the notes in no group; a group with no notes here is left out. */
function initialTiles(input: QuadrantFitInput): Tile[] {
  const groupIds = new Set(input.groups.map((group) => group.id));
  const grouped = input.groups
    .map((group): Tile => ({
      kind: 'group',
      groupId: group.id,
      noteIds: input.notes.filter((n) => n.groupId === group.id).map((n) => n.id),
    }))
    .filter((tile) => tile.kind === 'group' && tile.noteIds.length > 0);
  const loose = input.notes
    .filter((note) => !note.groupId || !groupIds.has(note.groupId))
    .map((note): Tile => ({ kind: 'note', id: note.id }));
  return [...grouped, ...loose];
}

const noteIdsOf = (tile: Tile, groupNotes: ReadonlyMap<string, string[]>): string[] =>
  tile.kind === 'note' ? [tile.id] : tile.kind === 'group' ? tile.noteIds : (groupNotes.get(tile.groupId) ?? []);

function result(arrangement: Arrangement, tiles: Tile[], hiddenNoteIds: string[], at: number): QuadrantFit {
  const { shape, columns, level } = arrangement;
  return {
    level: at,
    metrics: shape.m,
    columns,
    maxLines: level.maxLines,
    questions: level.questions,
    showAuthors: shape.showAuthors,
    tiles,
    hiddenNoteIds,
  };
}

/**
 * Lays out one quadrant. Denser type first (down to 14 px, fewer lines a note); past that the
 * largest groups collapse into stacks (name and count), one by one; past that the last tiles give
 * way to a "+N more" tile. Every note is drawn, inside a drawn stack, or in `hiddenNoteIds`.
 */
export function fitQuadrant(input: QuadrantFitInput, hint: FitHint | null = null): QuadrantFit {
  const notesById = new Map(input.notes.map((note) => [note.id, measureNote(note)]));
  const levels = fitLevels(input.maxFontPx);
  const tiles = initialTiles(input);
  // Fitting is monotonic along the levels (each is denser than the one before): search for the
  // first that fits, from the hint's level when there is one (a level before it is not wanted).
  let low = 0;
  if (hint) {
    const kept = hint.level < levels.length ? arrange(input, levels[hint.level]!, tiles, notesById) : null;
    if (kept) return result(kept, tiles, [], hint.level);
    low = Math.min(hint.level + 1, levels.length);
  }
  let high = levels.length - 1;
  let found: { arrangement: Arrangement; at: number } | null = null;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const arrangement = arrange(input, levels[mid]!, tiles, notesById);
    if (arrangement) {
      found = { arrangement, at: mid };
      high = mid - 1;
    } else low = mid + 1;
  }
  if (found) return result(found.arrangement, tiles, [], found.at);
  const smallest = levels.filter((level) => level.fontPx === MIN_NOTE_FONT_PX);
  return collapseOrCount(input, smallest, tiles, notesById, levels.length);
}

/**
 * At the smallest type: collapse the biggest groups one by one, each time with as many lines a
 * note as then fit; then count what still does not fit on "+N more". The type stays at its
 * smallest here, so collapsing never makes it grow.
 */
function collapseOrCount(
  input: QuadrantFitInput,
  smallest: readonly Level[],
  tiles: Tile[],
  notesById: ReadonlyMap<string, MeasuredNote>,
  /** The level this stage counts as (past every one of `fitLevels`). */
  at: number,
): QuadrantFit {
  const densest = smallest.at(-1)!;
  const groupNotes = new Map(tiles.flatMap((t) => (t.kind === 'group' ? [[t.groupId, t.noteIds] as const] : [])));
  // The biggest groups free the most room; ties keep the board's order.
  const bySize = tiles
    .filter((tile): tile is Extract<Tile, { kind: 'group' }> => tile.kind === 'group')
    .sort((a, b) => b.noteIds.length - a.noteIds.length);
  let current = tiles;
  for (const group of bySize) {
    current = current.map((tile) =>
      tile.kind === 'group' && tile.groupId === group.groupId
        ? { kind: 'stack', groupId: group.groupId, count: group.noteIds.length }
        : tile,
    );
    for (const level of smallest) {
      const arrangement = arrange(input, level, current, notesById);
      if (arrangement) return result(arrangement, current, [], at);
    }
  }
  // Still too many: keep the longest run of tiles that fits above a "+N more" tile.
  const m = metricsFor(densest.fontPx, input.maxFontPx);
  let best: { arrangement: Arrangement | null; shown: number } = { arrangement: null, shown: 0 };
  let low = 0;
  let high = current.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const arrangement = arrange(input, densest, current.slice(0, mid), notesById, true);
    if (arrangement) {
      best = { arrangement, shown: mid };
      low = mid + 1;
    } else high = mid - 1;
  }
  const shown = current.slice(0, best.shown);
  const hidden = current.slice(best.shown).flatMap((tile) => noteIdsOf(tile, groupNotes));
  const fallback: Arrangement = {
    level: densest,
    columns: 1,
    shape: { m, maxLines: densest.maxLines, showAuthors: false, columnWidth: input.box.width },
  };
  return result(best.arrangement ?? fallback, shown, hidden, at);
}
