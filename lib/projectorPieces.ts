/**
 * What each piece of a projected quadrant measures: the sizes a note type implies, how many lines
 * a text wraps to, and the heights of note cards, group frames, stacks and the "+N more" tile.
 * `projectorLayout` searches over these; the view draws with the same sizes.
 */

import { SPACE_EM, textEm } from './textWidth';

export const MIN_NOTE_FONT_PX = 14;
export const LINE_HEIGHT = 1.25;
export const TITLE_LINE_HEIGHT = 1.15;
const BORDER_PX = 1;
/** A group's dashed frame is drawn thicker, to read as a boundary from the back of the room. */
const GROUP_BORDER_PX = 2;

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

/** Sizes that follow from the note type and the screen's largest type. */
export function metricsFor(fontPx: number, maxFontPx: number): FitMetrics {
  return {
    fontPx,
    titlePx: Math.max(20, Math.round(maxFontPx)),
    questionPx: Math.max(MIN_NOTE_FONT_PX, Math.round(maxFontPx * 0.55)),
    metaPx: Math.max(MIN_NOTE_FONT_PX, Math.round(fontPx * 0.6)),
    padYPx: Math.max(2, Math.round(fontPx * 0.15)),
    padXPx: Math.max(6, Math.round(fontPx * 0.35)),
    gapPx: Math.max(4, Math.round(fontPx * 0.25)),
    columnGapPx: Math.max(8, Math.round(fontPx * 0.45)),
    headerGapPx: Math.max(4, Math.round(maxFontPx * 0.2)),
  };
}

/** A text as the widths (em) of its words, per paragraph: measured once, wrapped at every width tried. */
export type WordWidths = readonly (readonly number[])[];

export function wordWidths(text: string): WordWidths {
  return text.split('\n').map((paragraph) => paragraph.split(/\s+/).filter(Boolean).map(textEm));
}

/**
 * Lines a text takes in a column `widthPx` wide, at most `maxLines`: greedy word wrap, as the
 * browser does it, with a word longer than a line broken across lines (`overflow-wrap`; a
 * sentence in Chinese or Japanese, with no spaces, wraps the same way).
 */
export function textLines(words: WordWidths, marksEm: number, widthPx: number, fontPx: number, maxLines: number): number {
  const perLine = Math.max(1, widthPx / fontPx);
  let lines = 0;
  for (let index = 0; index < words.length && lines < maxLines; index++) {
    let used = 0;
    let paragraphLines = 1;
    const place = (width: number) => {
      const needed = used === 0 ? width : used + SPACE_EM + width;
      if (needed <= perLine) used = needed;
      else if (width <= perLine) {
        paragraphLines++;
        used = width;
      } else {
        // Longer than a line: it starts on a line of its own and is broken across lines.
        if (used > 0) paragraphLines++;
        paragraphLines += Math.ceil(width / perLine) - 1;
        used = width % perLine || perLine;
      }
    };
    if (index === 0 && marksEm > 0) place(marksEm);
    for (const width of words[index]!) place(width);
    lines += paragraphLines;
  }
  return Math.min(Math.max(lines, 1), maxLines);
}

/** Marks drawn inline before the text (so a clamped text never hides them): the vote pill, the evidence icon. */
const marksEm = (note: LayoutNote) => (note.hasEvidence ? 1.4 : 0) + (note.votes ? 0.6 * (3.5 + String(note.votes).length) : 0);

export interface MeasuredNote {
  note: LayoutNote;
  words: WordWidths;
  /** The width of the marks drawn before the text, in em. */
  marks: number;
  /** Lines at the widths, sizes and clamps tried so far (`textLines`), bounded. */
  lines: Map<number, number>;
}

/** A quadrant re-fits on every change; its unchanged notes (the same objects) are measured and wrapped once. */
const measured = new WeakMap<LayoutNote, MeasuredNote>();
/** Wraps remembered per note: more than one fit's search tries at one box. */
const MAX_REMEMBERED_WRAPS = 96;

/** Measured once per note (object), wrapped at every width tried. */
export function measureNote(note: LayoutNote): MeasuredNote {
  let measure = measured.get(note);
  if (!measure) {
    measure = { note, words: wordWidths(note.text), marks: marksEm(note), lines: new Map() };
    measured.set(note, measure);
  }
  return measure;
}

/** `textLines` of a measured note, remembered. */
function noteLines(note: MeasuredNote, widthPx: number, fontPx: number, maxLines: number): number {
  // One number (a string key cost as much as the wrap): width and size in hundredths of a pixel, then the clamp (≤ 6).
  const key = (Math.round(widthPx * 100) * 100_000 + Math.round(fontPx * 100)) * 16 + maxLines;
  let lines = note.lines.get(key);
  if (lines === undefined) {
    lines = textLines(note.words, note.marks, widthPx, fontPx, maxLines);
    if (note.lines.size >= MAX_REMEMBERED_WRAPS) note.lines.clear();
    note.lines.set(key, lines);
  }
  return lines;
}

/** How the notes are drawn at one step of the search. */
export interface Shape {
  m: FitMetrics;
  maxLines: number;
  showAuthors: boolean;
  columnWidth: number;
}

/** Height of a note card plus the gap after it, at this shape, in a column `width` wide. */
function noteHeight(note: MeasuredNote, shape: Shape, width: number): number {
  const { m } = shape;
  const lines = noteLines(note, width - 2 * m.padXPx - 2 * BORDER_PX, m.fontPx, shape.maxLines);
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
export const moreHeight = (m: FitMetrics) => Math.ceil(2 * BORDER_PX + 2 * m.padYPx + m.fontPx * LINE_HEIGHT + m.gapPx);

/**
 * The height a tile takes in a column; the browser never breaks a tile across columns. A group
 * stays whole in one column (a frame split over two columns reads as two groups): one that is
 * taller than a column does not fit, and so collapses into its stack. A note joining a group
 * only makes its tile taller, which keeps the fit monotonic.
 */
export function tileHeight(tile: Tile, notesById: ReadonlyMap<string, MeasuredNote>, shape: Shape): number {
  const { m, columnWidth } = shape;
  if (tile.kind === 'note') return noteHeight(notesById.get(tile.id)!, shape, columnWidth);
  if (tile.kind === 'stack') return stackHeight(m);
  const frame = groupFrame(m);
  const inner = columnWidth - 2 * frame.inset;
  return tile.noteIds.reduce((sum, id) => sum + noteHeight(notesById.get(id)!, shape, inner), frame.head + frame.foot);
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
