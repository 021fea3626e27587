/**
 * Fit-to-screen layout of one empathy-map quadrant on the projector: from the quadrant's box and
 * its notes' count and text lengths, the type size, the number of columns, how many lines a note
 * may take, whether the guiding questions show, which groups collapse into stacks, and how many
 * notes only a "+N more" tile can count. Pure and deterministic: the same input gives the same
 * layout on every screen, and tests hold it to its promises (more notes never mean bigger type,
 * never under 14 px, every note either shown or counted).
 *
 * The estimate is conservative (text is assumed wider than most fonts draw it) and the browser
 * view checks the real DOM afterwards, shrinking the box it passes in when the estimate was off.
 */

export const MIN_NOTE_FONT_PX = 14;
/** Note type at 1080 px of viewport height with room to spare; scaled with the viewport. */
export const MAX_NOTE_FONT_PX_AT_1080 = 32;
export const LINE_HEIGHT = 1.25;
/** Average advance of a character in em, on the wide side (DejaVu Sans, Chromium's fallback on Linux, is a wide face). */
const CHAR_EM = 0.55;
const BORDER_PX = 1;
/** A group's dashed frame is drawn thicker, to read as a boundary from the back of the room. */
const GROUP_BORDER_PX = 2;

export interface Size {
  width: number;
  height: number;
}

/** What the fit needs to know about a note: its text and its marks (they ride along the text). */
export interface LayoutNote {
  id: string;
  text: string;
  /** The group it is shown in (one of `groups`), or null. */
  groupId: string | null;
  hasEvidence?: boolean;
  /** Closed-round vote total shown on the note, if any. */
  votes?: number | null;
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

/** Every size the view draws with, so what it draws is what was measured here. */
export interface FitMetrics {
  fontPx: number;
  titlePx: number;
  questionPx: number;
  /** Author line, group names and counts. */
  metaPx: number;
  padYPx: number;
  padXPx: number;
  gapPx: number;
  columnGapPx: number;
  headerGapPx: number;
}

export type Tile =
  { kind: 'note'; id: string } | { kind: 'group'; groupId: string; noteIds: string[] } | { kind: 'stack'; groupId: string; count: number };

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
}

interface Level {
  fontPx: number;
  maxLines: number;
  questions: QuestionMode;
}

/** Sizes that follow from the note type and the screen's largest type. */
export function metricsFor(fontPx: number, maxFontPx: number): FitMetrics {
  return {
    fontPx,
    titlePx: Math.max(20, Math.round(maxFontPx)),
    questionPx: Math.max(MIN_NOTE_FONT_PX, Math.round(maxFontPx * 0.55)),
    metaPx: Math.max(MIN_NOTE_FONT_PX, Math.round(fontPx * 0.6)),
    padYPx: Math.max(3, Math.round(fontPx * 0.2)),
    padXPx: Math.max(6, Math.round(fontPx * 0.35)),
    gapPx: Math.max(4, Math.round(fontPx * 0.25)),
    columnGapPx: Math.max(8, Math.round(fontPx * 0.45)),
    headerGapPx: Math.max(4, Math.round(maxFontPx * 0.25)),
  };
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
  return Math.ceil(m.titlePx * 1.2 + questionLines * m.questionPx * 1.35 + m.headerGapPx);
}

/** A text as word lengths per paragraph, measured once and wrapped at every candidate width. */
export type WordLengths = readonly (readonly number[])[];

export function wordLengths(text: string): WordLengths {
  return text.split('\n').map((paragraph) =>
    paragraph
      .split(/\s+/)
      .filter(Boolean)
      .map((word) => Array.from(word).length),
  );
}

/**
 * Lines a text takes in a column `widthPx` wide, at most `maxLines`: greedy word wrap, as the
 * browser does it, with a word longer than a line broken across lines (`overflow-wrap`).
 */
export function textLines(words: WordLengths, extraChars: number, widthPx: number, fontPx: number, maxLines: number): number {
  const perLine = Math.max(1, Math.floor(widthPx / (fontPx * CHAR_EM)));
  let lines = 0;
  words.forEach((paragraph, index) => {
    if (lines >= maxLines) return;
    const marks = index === 0 && extraChars > 0 ? [extraChars] : [];
    let used = 0;
    let paragraphLines = 1;
    for (const length of [...marks, ...paragraph]) {
      const needed = used === 0 ? length : used + 1 + length;
      if (needed <= perLine) used = needed;
      else if (length <= perLine) {
        paragraphLines++;
        used = length;
      } else {
        // Longer than a line: it starts on a line of its own and is broken across lines (`overflow-wrap`).
        if (used > 0) paragraphLines++;
        paragraphLines += Math.ceil(length / perLine) - 1;
        used = length % perLine || perLine;
      }
    }
    lines += paragraphLines;
  });
  return Math.min(Math.max(lines, 1), maxLines);
}

/** Marks drawn inline before the text (so a clamped text never hides them): the vote pill, the evidence icon. */
const extraChars = (note: LayoutNote) => (note.hasEvidence ? 2 : 0) + (note.votes ? 4 + String(note.votes).length : 0);

interface MeasuredNote {
  note: LayoutNote;
  words: WordLengths;
  extra: number;
}

interface Shape {
  level: Level;
  m: FitMetrics;
  showAuthors: boolean;
  columnWidth: number;
}

/** Height of a note card plus the gap after it, at this shape, in a column `width` wide. */
function noteHeight(note: MeasuredNote, shape: Shape, width: number): number {
  const { m, level } = shape;
  const lines = textLines(note.words, note.extra, width - 2 * m.padXPx - 2 * BORDER_PX, m.fontPx, level.maxLines);
  const author = shape.showAuthors ? m.metaPx * LINE_HEIGHT + Math.round(m.fontPx * 0.15) : 0;
  return Math.ceil(2 * BORDER_PX + 2 * m.padYPx + lines * m.fontPx * LINE_HEIGHT + author + m.gapPx);
}

/** A group's frame: its name on top, its notes inside a dashed border. */
function groupFrame(m: FitMetrics) {
  const inset = m.padXPx / 2 + GROUP_BORDER_PX;
  return {
    inset,
    head: Math.ceil(m.metaPx * LINE_HEIGHT + m.padYPx + GROUP_BORDER_PX),
    foot: Math.ceil(m.padYPx + GROUP_BORDER_PX + m.gapPx),
  };
}

const stackHeight = (m: FitMetrics) =>
  Math.ceil(2 * BORDER_PX + 2 * m.padYPx + m.fontPx * LINE_HEIGHT + m.metaPx * LINE_HEIGHT + 6 + m.gapPx);
const moreHeight = (m: FitMetrics) => Math.ceil(2 * BORDER_PX + 2 * m.padYPx + m.fontPx * LINE_HEIGHT + m.gapPx);

/**
 * The pieces a tile puts into the columns, top to bottom; the browser breaks between pieces,
 * never inside one. A group's name and its frame's foot are pieces of their own, so a note
 * joining a group only ever adds a piece (which keeps the fit monotonic); the view keeps the
 * name with the first note, and checks the result.
 */
function tileAtoms(tile: Tile, notesById: ReadonlyMap<string, MeasuredNote>, shape: Shape): number[] {
  const { m, columnWidth } = shape;
  if (tile.kind === 'note') return [noteHeight(notesById.get(tile.id)!, shape, columnWidth)];
  if (tile.kind === 'stack') return [stackHeight(m)];
  const frame = groupFrame(m);
  const inner = columnWidth - 2 * frame.inset;
  return [frame.head, ...tile.noteIds.map((id) => noteHeight(notesById.get(id)!, shape, inner)), frame.foot];
}

/**
 * Columns needed when the browser fills each column to `height` before starting the next
 * (CSS columns with breaks avoided inside pieces). Balanced columns need no more than this.
 * Adding a piece anywhere never lowers the count, which keeps the fit monotonic.
 */
export function columnsNeeded(atoms: readonly number[], height: number): number {
  let columns = 1;
  let used = 0;
  for (const atom of atoms) {
    if (atom > height) return Infinity;
    if (used + atom > height) {
      columns++;
      used = 0;
    }
    used += atom;
  }
  return columns;
}

/** Column counts to try, the ones nearest a sticky note's natural width (about 13 em) first. */
function columnChoices(width: number, m: FitMetrics): number[] {
  const widthFor = (columns: number) => (width - (columns - 1) * m.columnGapPx) / columns;
  const ideal = m.fontPx * 13;
  const choices: number[] = [];
  for (let columns = 1; columns <= 12 && widthFor(columns) >= m.fontPx * 6; columns++) choices.push(columns);
  if (choices.length === 0) choices.push(1);
  return choices.sort((a, b) => Math.abs(widthFor(a) - ideal) - Math.abs(widthFor(b) - ideal) || a - b);
}

interface Arrangement {
  columns: number;
  shape: Shape;
  bodyHeight: number;
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
  for (const columns of columnChoices(input.box.width, m)) {
    const columnWidth = (input.box.width - (columns - 1) * m.columnGapPx) / columns;
    const shape: Shape = { level, m, showAuthors: showsAuthors(level.fontPx, input.maxFontPx), columnWidth };
    const atoms = tiles.flatMap((tile) => tileAtoms(tile, notesById, shape));
    if (withMore) atoms.push(moreHeight(m));
    if (columnsNeeded(atoms, bodyHeight) <= columns) return { columns, shape, bodyHeight } satisfies Arrangement;
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

function result(arrangement: Arrangement, tiles: Tile[], hiddenNoteIds: string[]): QuadrantFit {
  const { shape, columns } = arrangement;
  return {
    metrics: shape.m,
    columns,
    maxLines: shape.level.maxLines,
    questions: shape.level.questions,
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
export function fitQuadrant(input: QuadrantFitInput): QuadrantFit {
  const notesById = new Map(input.notes.map((note) => [note.id, { note, words: wordLengths(note.text), extra: extraChars(note) }]));
  const levels = fitLevels(input.maxFontPx);
  const tiles = initialTiles(input);
  // Fitting is monotonic along the levels (each is denser than the one before): search for the first that fits.
  let low = 0;
  let high = levels.length - 1;
  let found: Arrangement | null = null;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const arrangement = arrange(input, levels[mid]!, tiles, notesById);
    if (arrangement) {
      found = arrangement;
      high = mid - 1;
    } else low = mid + 1;
  }
  if (found) return result(found, tiles, []);
  return collapseOrCount(input, levels.at(-1)!, tiles, notesById);
}

function collapseOrCount(
  input: QuadrantFitInput,
  densest: Level,
  tiles: Tile[],
  notesById: ReadonlyMap<string, MeasuredNote>,
): QuadrantFit {
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
    const arrangement = arrange(input, densest, current, notesById);
    if (arrangement) return result(arrangement, current, []);
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
    columns: 1,
    bodyHeight: 0,
    shape: { level: densest, m, showAuthors: false, columnWidth: input.box.width },
  };
  return result(best.arrangement ?? fallback, shown, hidden);
}
