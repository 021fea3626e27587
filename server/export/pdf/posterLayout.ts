import type { Note } from '../../../lib/note';
import type { PersonaExport, QuadrantExport } from '../exportModel';

/** A4 in points, and the page's margins (top, sides, bottom above the footer). */
export const PAGE = { width: 595.28, height: 841.89, top: 36, side: 36, bottom: 46 };
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.side;
export const GRID_GAP = 10;
export const BOX_PADDING = 8;
export const CHIP_GAP = 5;
export const CHIP = { fontSize: 7.5, lineHeight: 1.3, paddingX: 5, paddingY: 4, edge: 2.5 };
/** Notes longer than this take a full row in their quadrant. */
export const LONG_NOTE_CHARS = 90;
/** Notes up to this long never split across pages. */
export const UNSPLITTABLE_NOTE_CHARS = 320;
/** Title, prompt and the box's borders. */
const BOX_HEADER_HEIGHT = 39;
const PAGE_HEADER_HEIGHT = 66;
const NAME_LINE_HEIGHT = 34.5;
const NAME_MAX_WIDTH = 380;
/** Estimates below may be a little off; the poster is only chosen when this much room is left. */
const SAFETY = 0.88;

/**
 * Poster: the six quadrants two by two, stretched to fill one page. Flow: each quadrant a
 * full-width band, for boards too big for one page (no stretched boxes on continuation pages).
 */
export type PersonaLayout = 'poster' | 'flow';

export const boxWidth = (layout: PersonaLayout) => (layout === 'poster' ? (CONTENT_WIDTH - GRID_GAP) / 2 : CONTENT_WIDTH);
const columns = (layout: PersonaLayout) => (layout === 'poster' ? 2 : 3);

/** Width of a note's chip: a column of its quadrant, or the quadrant's full width for a long note. */
export function chipWidth(note: Note, layout: PersonaLayout): number | '100%' {
  if (note.text.length > LONG_NOTE_CHARS) return '100%';
  const inner = boxWidth(layout) - 2 * BOX_PADDING;
  // Yoga rounds boxes to its pixel grid: chips that add up to exactly the row's width would
  // round over it and wrap one per row.
  return Math.floor((inner - (columns(layout) - 1) * CHIP_GAP) / columns(layout)) - 1;
}

/** Text width in ems, erring wide: Noto Sans averages ~0.5 em, CJK and emoji take a full em or more. */
function textEms(text: string): number {
  let ems = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    ems += code >= 0x1f000 ? 1.25 : code >= 0x2e80 ? 1.02 : /[A-Z0-9@MW%&]/.test(char) ? 0.68 : 0.56;
  }
  return ems;
}

function lines(text: string, fontSize: number, width: number): number {
  // Word wrapping leaves ragged line ends: count a line as 85% full.
  return text.split('\n').reduce((sum, paragraph) => sum + Math.max(1, Math.ceil((textEms(paragraph) * fontSize) / (width * 0.85))), 0);
}

function chipHeight(note: Note, layout: PersonaLayout): number {
  const width = chipWidth(note, layout);
  const outer = width === '100%' ? boxWidth(layout) - 2 * BOX_PADDING : width;
  const textWidth = outer - 2 * CHIP.paddingX - CHIP.edge;
  // The author follows the text in a smaller type: count them as one paragraph.
  const text = `${note.text}  — ${note.authorName} · ${note.evidence ?? ''}`;
  return lines(text, CHIP.fontSize, textWidth) * CHIP.fontSize * CHIP.lineHeight + 2 * CHIP.paddingY;
}

/** Height of a quadrant's box, simulating how its chips wrap into rows. */
export function estimateBoxHeight(quadrant: QuadrantExport, layout: PersonaLayout): number {
  let total = 0;
  let rowHeight = 0;
  let rowSlots = 0;
  const slots = columns(layout);
  for (const note of quadrant.notes) {
    const need = chipWidth(note, layout) === '100%' ? slots : 1;
    if (rowSlots + need > slots) {
      total += rowHeight + CHIP_GAP;
      rowHeight = 0;
      rowSlots = 0;
    }
    rowHeight = Math.max(rowHeight, chipHeight(note, layout));
    rowSlots += need;
  }
  total += rowHeight + (quadrant.notes.length === 0 ? 12 : 0);
  return BOX_HEADER_HEIGHT + 2 * BOX_PADDING + total;
}

/** Space the poster grid may use on the page, below the persona's name. */
export function gridHeight(persona: PersonaExport): number {
  const nameLines = lines(persona.name, 30, NAME_MAX_WIDTH);
  return PAGE.height - PAGE.top - PAGE.bottom - PAGE_HEADER_HEIGHT - (nameLines - 1) * NAME_LINE_HEIGHT;
}

/**
 * The poster when the persona fits on one page, with each row's minimum height: its content
 * plus an equal share of the spare room, so the grid fills the page. `minHeight`, never
 * `height`: a row whose content was underestimated grows (and flows on) instead of clipping.
 */
export function planPersonaLayout(persona: PersonaExport): { layout: PersonaLayout; rowMinHeights: number[] } {
  const rows = [0, 2, 4].map((start) =>
    Math.max(...persona.quadrants.slice(start, start + 2).map((quadrant) => estimateBoxHeight(quadrant, 'poster'))),
  );
  const available = gridHeight(persona) - 2 * GRID_GAP;
  const needed = rows.reduce((sum, height) => sum + height, 0);
  if (needed > available * SAFETY) return { layout: 'flow', rowMinHeights: [] };
  const spare = (available - needed - 6) / rows.length;
  return { layout: 'poster', rowMinHeights: rows.map((height) => height + spare) };
}
