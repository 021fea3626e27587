/**
 * Fit of the lobby's roster on the projector: name chips wrapped in rows inside a box. The
 * largest type at which every name fits, down to 14 px; past that the first names and a "+N
 * more" chip, so every person is on screen or counted. Pure; the view checks the DOM after.
 */

export const MIN_CHIP_FONT_PX = 14;
/** Names are mostly lower case and short words: DejaVu Sans, a wide face, draws them at about 0.5 em. */
const CHAR_EM = 0.52;
/** A chip never grows past this many characters' width: longer names are cut with an ellipsis. */
export const CHIP_MAX_CHARS = 18;

export interface ChipMetrics {
  fontPx: number;
  /** Chip height plus the gap under it. */
  rowPx: number;
  gapPx: number;
  padXPx: number;
  /** Room for the presence dot and, for the facilitator, the remove button. */
  extrasPx: number;
}

export interface RosterFit {
  metrics: ChipMetrics;
  /** How many names show, from the first; the rest are counted on a "+N more" chip. */
  shown: number;
}

export function chipMetrics(fontPx: number, hasRemove: boolean): ChipMetrics {
  const gapPx = Math.max(4, Math.round(fontPx * 0.35));
  const padXPx = Math.max(8, Math.round(fontPx * 0.6));
  const dotPx = Math.round(fontPx * 0.5) + Math.round(fontPx * 0.35);
  const removePx = hasRemove ? Math.round(fontPx * 1.5) + 4 : 0;
  return { fontPx, rowPx: Math.ceil(fontPx * 1.3 + 2 * Math.round(fontPx * 0.25) + 2 + gapPx), gapPx, padXPx, extrasPx: dotPx + removePx };
}

export function chipWidth(name: string, m: ChipMetrics): number {
  const chars = Math.min(Array.from(name).length, CHIP_MAX_CHARS);
  return Math.ceil(chars * CHAR_EM * m.fontPx + 2 * m.padXPx + m.extrasPx + 2 + m.gapPx);
}

/** Rows the chips take when wrapped into `width` (flex-wrap: a chip goes to the next row when it does not fit). */
export function chipRows(widths: readonly number[], width: number): number {
  let rows = widths.length > 0 ? 1 : 0;
  let used = 0;
  for (const chip of widths) {
    if (used > 0 && used + chip > width) {
      rows++;
      used = 0;
    }
    used += chip;
  }
  return rows;
}

export interface RosterFitInput {
  names: readonly string[];
  box: { width: number; height: number };
  maxFontPx: number;
  hasRemove: boolean;
}

const fits = (names: readonly string[], input: RosterFitInput, m: ChipMetrics, extraChip = 0) => {
  const widths = names.map((name) => chipWidth(name, m));
  if (extraChip > 0) widths.push(extraChip);
  return chipRows(widths, input.box.width) * m.rowPx <= input.box.height;
};

export function fitRoster(input: RosterFitInput): RosterFit {
  const top = Math.max(MIN_CHIP_FONT_PX, Math.round(input.maxFontPx));
  for (let fontPx = top; fontPx >= MIN_CHIP_FONT_PX; fontPx--) {
    const m = chipMetrics(fontPx, input.hasRemove);
    if (fits(input.names, input, m)) return { metrics: m, shown: input.names.length };
  }
  const m = chipMetrics(MIN_CHIP_FONT_PX, input.hasRemove);
  const more = chipWidth('+999 more', { ...m, extrasPx: 0 });
  let shown = input.names.length - 1;
  while (shown > 0 && !fits(input.names.slice(0, shown), input, m, more)) shown--;
  return { metrics: m, shown };
}
