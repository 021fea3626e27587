import type { NoteExport, PersonaExport, ProfileFieldExport, QuadrantExport } from '../exportModel';

/** A4 in points, and the page's margins (top, sides, bottom above the footer). */
export const PAGE = { width: 595.28, height: 841.89, top: 36, side: 36, bottom: 46 };
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.side;
export const GRID_GAP = 10;
export const BOX_PADDING = 8;
export const CHIP_GAP = 5;
export const CHIP = { fontSize: 7.5, lineHeight: 1.3, paddingX: 5, paddingY: 4, edge: 2.5, groupSize: 6, markSize: 5.5 };
/** The persona's header: portrait, name and quote, and the summary column on the right. */
export const HEADER = {
  portrait: 78,
  gap: 14,
  summaryWidth: 132,
  nameSize: 24,
  nameLineHeight: 1.15,
  quoteSize: 10,
  quoteLineHeight: 1.35,
};
export const HEADER_TEXT_WIDTH = CONTENT_WIDTH - HEADER.portrait - HEADER.summaryWidth - 2 * HEADER.gap;
/** The profile box: fields in columns, a long value across two of them, a very long one across all. */
export const PROFILE = { padding: 9, columns: 3, columnGap: 12, rowGap: 7, labelSize: 6.5, valueSize: 8, valueLineHeight: 1.3 };
export const PROFILE_INNER_WIDTH = CONTENT_WIDTH - 2 * PROFILE.padding;
const PROFILE_COLUMN = (PROFILE_INNER_WIDTH - (PROFILE.columns - 1) * PROFILE.columnGap) / PROFILE.columns;
/** Notes longer than this take a full row in their quadrant. */
export const LONG_NOTE_CHARS = 90;
/** Notes up to this long never split across pages. */
export const UNSPLITTABLE_NOTE_CHARS = 320;
/** Profile values up to this long never split across pages. */
export const UNSPLITTABLE_FIELD_CHARS = 400;
/** Title, prompt and the box's borders; the evidence line under them when the quadrant has notes. */
const BOX_HEADER_HEIGHT = 39;
const EVIDENCE_LINE_HEIGHT = 12;
/** Estimates below may be a little off; the poster is only chosen when this much room is left. */
const SAFETY = 0.95;
/** Room the stretched poster grid leaves empty at the bottom of its page (see `planPersonaLayout`). */
const RESERVE_PT = 24;

/**
 * Poster: the quadrants two by two (an odd last one across the page), stretched to fill one
 * page. Flow: each quadrant a full-width band, for boards too big for one page (no stretched
 * boxes on continuation pages).
 */
export type PersonaLayout = 'poster' | 'flow';

export const boxWidth = (layout: PersonaLayout, isFullRow = false) =>
  layout === 'poster' && !isFullRow ? (CONTENT_WIDTH - GRID_GAP) / 2 : CONTENT_WIDTH;
const columns = (layout: PersonaLayout, isFullRow = false) => (layout === 'poster' && !isFullRow ? 2 : 3);

/** Width of a note's chip: a column of its quadrant, or the quadrant's full width for a long note. */
export function chipWidth(note: NoteExport, layout: PersonaLayout, isFullRow = false): number | '100%' {
  if (note.text.length > LONG_NOTE_CHARS) return '100%';
  const inner = boxWidth(layout, isFullRow) - 2 * BOX_PADDING;
  const slots = columns(layout, isFullRow);
  // Yoga rounds boxes to its pixel grid: chips that add up to exactly the row's width would
  // round over it and wrap one per row.
  return Math.floor((inner - (slots - 1) * CHIP_GAP) / slots) - 1;
}

/** Text width in ems, erring wide: Noto Sans averages ~0.5 em, CJK, Hangul and emoji take a full em or more. */
function textEms(text: string): number {
  let ems = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    ems += code >= 0x1f000 ? 1.25 : code >= 0x2e80 ? 1.02 : /[A-Z0-9@MW%&]/.test(char) ? 0.68 : 0.56;
  }
  return ems;
}

export function lines(text: string, fontSize: number, width: number): number {
  // Word wrapping leaves ragged line ends: count a line as 85% full.
  return text.split('\n').reduce((sum, paragraph) => sum + Math.max(1, Math.ceil((textEms(paragraph) * fontSize) / (width * 0.85))), 0);
}

function chipHeight(note: NoteExport, layout: PersonaLayout, isFullRow: boolean): number {
  const width = chipWidth(note, layout, isFullRow);
  const outer = width === '100%' ? boxWidth(layout, isFullRow) - 2 * BOX_PADDING : width;
  const textWidth = outer - 2 * CHIP.paddingX - CHIP.edge;
  // Marks lead the text and the author follows it, in smaller type: count them as one paragraph.
  const marks = `${note.evidence ? 'OBSERVED ' : ''}${note.votes > 0 ? '2 VOTES ' : ''}`;
  const text = `${marks}${note.text}${note.authorName ? ` — ${note.authorName}` : ''}`;
  const group = note.groupName ? lines(note.groupName, CHIP.groupSize, textWidth) * CHIP.groupSize * 1.25 + 1.5 : 0;
  return group + lines(text, CHIP.fontSize, textWidth) * CHIP.fontSize * CHIP.lineHeight + 2 * CHIP.paddingY;
}

/**
 * The lines of chips of a quadrant, in order: a line holds up to `columns` short notes, a long
 * note takes a line of its own. The page draws these lines as rows (not one wrapping flex box):
 * react-pdf can break a page between two rows, but a wrapping box of unsplittable chips moves
 * to the next page whole, leaving the rest of the page empty.
 */
export function chipRows(notes: readonly NoteExport[], layout: PersonaLayout, isFullRow = false): NoteExport[][] {
  const rows: NoteExport[][] = [];
  let row: NoteExport[] = [];
  let rowSlots = 0;
  const slots = columns(layout, isFullRow);
  for (const note of notes) {
    const need = chipWidth(note, layout, isFullRow) === '100%' ? slots : 1;
    if (rowSlots + need > slots) {
      rows.push(row);
      row = [];
      rowSlots = 0;
    }
    row.push(note);
    rowSlots += need;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/** Heights of the rows a quadrant's chips wrap into. */
function chipRowHeights(quadrant: QuadrantExport, layout: PersonaLayout, isFullRow: boolean): number[] {
  return chipRows(quadrant.notes, layout, isFullRow).map((row) => Math.max(...row.map((note) => chipHeight(note, layout, isFullRow))));
}

/** Height of a quadrant's box, simulating how its chips wrap into rows. */
export function estimateBoxHeight(quadrant: QuadrantExport, layout: PersonaLayout, isFullRow = false): number {
  const rows = chipRowHeights(quadrant, layout, isFullRow);
  const chips = rows.reduce((sum, height) => sum + height, 0) + Math.max(0, rows.length - 1) * CHIP_GAP;
  return BOX_HEADER_HEIGHT + 2 * BOX_PADDING + chips + (rows.length === 0 ? 12 : EVIDENCE_LINE_HEIGHT);
}

/**
 * How much of a band must follow its heading on the same page: its first row of notes, at
 * most. react-pdf forbids a page break anywhere within that distance, so reaching past a short
 * band's end would also forbid the break before the next band, and a run of short bands would
 * move to the next page together, leaving half a page empty.
 */
export function headingPresenceAhead(quadrant: QuadrantExport): number {
  const first = chipRowHeights(quadrant, 'flow', false)[0] ?? 12;
  return Math.min(60, Math.floor(first * 0.8));
}

/** How many of the profile's columns a field takes: long text gets more room to flow. */
export function fieldSpan(field: ProfileFieldExport): number {
  if (field.value.length > 600) return PROFILE.columns;
  return field.size === 'long' && field.value.length > 160 ? 2 : 1;
}

export const fieldWidth = (span: number) => span * PROFILE_COLUMN + (span - 1) * PROFILE.columnGap - 0.5;

/** The profile's fields in rows of up to `PROFILE.columns` column spans (see `chipRows` for why rows). */
export function profileRows(profile: readonly ProfileFieldExport[]): ProfileFieldExport[][] {
  const rows: ProfileFieldExport[][] = [];
  let row: ProfileFieldExport[] = [];
  let rowSpan = 0;
  for (const field of profile) {
    const span = fieldSpan(field);
    if (rowSpan + span > PROFILE.columns) {
      rows.push(row);
      row = [];
      rowSpan = 0;
    }
    row.push(field);
    rowSpan += span;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

function fieldHeight(field: ProfileFieldExport): number {
  const width = fieldWidth(fieldSpan(field));
  const label = lines(field.label, PROFILE.labelSize, width) * PROFILE.labelSize * 1.3 + 2;
  return label + lines(field.value, PROFILE.valueSize, width) * PROFILE.valueSize * PROFILE.valueLineHeight;
}

/** Height of the profile box. */
export function estimateProfileHeight(profile: readonly ProfileFieldExport[]): number {
  if (profile.length === 0) return 0;
  const rows = profileRows(profile).map((row) => Math.max(...row.map(fieldHeight)));
  return rows.reduce((sum, height) => sum + height, 0) + (rows.length - 1) * PROFILE.rowGap + 2 * PROFILE.padding + 14 + GRID_GAP;
}

/** Height of the header: the taller of the portrait and the name with its quote. */
export function estimateHeaderHeight(persona: PersonaExport): number {
  const name = lines(persona.name, HEADER.nameSize, HEADER_TEXT_WIDTH) * HEADER.nameSize * HEADER.nameLineHeight;
  const quote = persona.quote
    ? lines(`“${persona.quote}”`, HEADER.quoteSize, HEADER_TEXT_WIDTH) * HEADER.quoteSize * HEADER.quoteLineHeight + 5
    : 0;
  return Math.max(HEADER.portrait, 14 + name + quote) + 12;
}

/** Rows of the poster grid: two quadrants each, an odd last one alone across the page. */
export function gridRows(quadrants: readonly QuadrantExport[]): QuadrantExport[][] {
  const rows: QuadrantExport[][] = [];
  for (let start = 0; start < quadrants.length; start += 2) rows.push(quadrants.slice(start, start + 2));
  return rows;
}

/**
 * The poster when the persona fits on one page, with each row's minimum height: its content
 * plus an equal share of the spare room, so the grid fills the page. `minHeight`, never
 * `height`: a row whose content was underestimated grows (and flows on) instead of clipping.
 */
export function planPersonaLayout(persona: PersonaExport): { layout: PersonaLayout; rowMinHeights: number[] } {
  const rows = gridRows(persona.quadrants).map((row) =>
    Math.max(...row.map((quadrant) => estimateBoxHeight(quadrant, 'poster', row.length === 1))),
  );
  const page = PAGE.height - PAGE.top - PAGE.bottom;
  const available = page - estimateHeaderHeight(persona) - estimateProfileHeight(persona.profile) - (rows.length - 1) * GRID_GAP;
  const needed = rows.reduce((sum, height) => sum + height, 0);
  if (needed > available * SAFETY) return { layout: 'flow', rowMinHeights: [] };
  // What is left over, less a reserve: the estimates are tight, and a grid that overshoots the
  // page by a point is split by react-pdf with every row's minimum height on both pages (a
  // Japanese poster, whose CJK lines are taller than Noto Sans's, lost two rows that way).
  const spare = (available - needed - RESERVE_PT) / rows.length;
  return { layout: 'poster', rowMinHeights: rows.map((height) => height + spare) };
}
