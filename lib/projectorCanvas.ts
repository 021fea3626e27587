/**
 * Where the persona and each quadrant sit on the projected empathy map, as a CSS grid: the
 * classic canvas for the six-quadrant map (Thinks & Feels above the persona, Says & Does below,
 * Hears and Sees either side, Pains and Gains across the bottom), the persona between two
 * columns for the classic four, and for other maps the quadrants in two rows around a persona
 * band. Areas are sized so every quadrant gets about the same room.
 */

export interface Canvas {
  columns: string;
  rows: string;
  /** `grid-template-areas` rows; `persona` and `q0`…`qN` name the cells. */
  areas: string[];
  /** The grid area of each quadrant, by id. */
  areaOf: Record<string, string>;
  /** A horizontal band (picture beside the name) or a column (picture above it). */
  persona: 'band' | 'column';
}

const SIX_AREAS = {
  hears: 'hears',
  thinks_feels: 'thinks',
  sees: 'sees',
  says_does: 'says',
  pains: 'pains',
  gains: 'gains',
} as const;

function isSixMap(ids: readonly string[]): boolean {
  return ids.length === 6 && Object.keys(SIX_AREAS).every((id) => ids.includes(id));
}

const row = (cells: readonly string[]) => cells.join(' ');

/** `count` cells, each spanning `span` grid columns. */
const spread = (names: readonly string[], span: number) => names.flatMap((name) => Array<string>(span).fill(name));

/**
 * The canvas for the quadrants shown (in map order; the "Not on this map" panel counts as one).
 * With `zoomedId`, one quadrant fills the board under a persona band (the spotlight).
 */
export function projectorCanvas(ids: readonly string[], zoomedId: string | null = null): Canvas {
  if (zoomedId !== null && ids.includes(zoomedId)) {
    return { columns: '1fr', rows: 'auto minmax(0, 1fr)', areas: ['persona', 'q0'], areaOf: { [zoomedId]: 'q0' }, persona: 'band' };
  }
  if (isSixMap(ids)) {
    // Hears and Sees span the persona's row too, so they are narrower than the middle; wide,
    // short boxes lose a larger share to their title, so Pains and Gains get a taller row.
    return {
      columns: 'minmax(0, 3fr) minmax(0, 4fr) minmax(0, 4fr) minmax(0, 3fr)',
      rows: 'minmax(0, 11fr) auto minmax(0, 11fr) minmax(0, 12fr)',
      areas: ['hears thinks thinks sees', 'hears persona persona sees', 'hears says says sees', 'pains pains gains gains'],
      areaOf: { ...SIX_AREAS },
      persona: 'band',
    };
  }
  const names = ids.map((_, index) => `q${index}`);
  const areaOf = Object.fromEntries(ids.map((id, index) => [id, names[index]!]));
  if (ids.length <= 2 || ids.length === 4) {
    const top = ids.length === 1 ? ['persona', 'q0'] : ['q0', 'persona', 'q1'];
    const areas = ids.length === 4 ? [row(top), row(['q2', 'persona', 'q3'])] : [row(top)];
    const columns = ids.length === 1 ? 'auto minmax(0, 1fr)' : 'minmax(0, 1fr) auto minmax(0, 1fr)';
    return { columns, rows: areas.map(() => 'minmax(0, 1fr)').join(' '), areas, areaOf, persona: 'column' };
  }
  // Two rows of quadrants around a persona band: the top row takes the odd one out.
  const topCount = Math.ceil(ids.length / 2);
  const bottomCount = ids.length - topCount;
  const width = topCount * bottomCount;
  const top = spread(names.slice(0, topCount), width / topCount);
  const bottom = spread(names.slice(topCount), width / bottomCount);
  return {
    columns: `repeat(${width}, minmax(0, 1fr))`,
    rows: 'minmax(0, 1fr) auto minmax(0, 1fr)',
    areas: [row(top), row(Array<string>(width).fill('persona')), row(bottom)],
    areaOf,
    persona: 'band',
  };
}
