import { describe, expect, it } from 'vitest';
import { chipRows, chipWidth, chipMetrics, fitRoster } from '../../lib/lobbyLayout';
import { projectorCanvas } from '../../lib/projectorCanvas';
import { CLASSIC_QUADRANTS, SIX_QUADRANTS } from '../../lib/quadrants';

/** Each named area of a `grid-template-areas` must be one filled rectangle, or the browser drops the whole template. */
function expectValidAreas(areas: readonly string[]): Map<string, { rows: number; columns: number }> {
  const cells = areas.map((row) => row.split(' '));
  const width = cells[0]!.length;
  for (const row of cells) expect(row).toHaveLength(width);
  const spans = new Map<string, { rows: number; columns: number }>();
  for (const name of new Set(cells.flat())) {
    const hits = cells.flatMap((row, r) => row.flatMap((cell, c) => (cell === name ? [[r, c] as const] : [])));
    const rows = hits.map(([r]) => r);
    const columns = hits.map(([, c]) => c);
    const [top, bottom, left, right] = [Math.min(...rows), Math.max(...rows), Math.min(...columns), Math.max(...columns)];
    expect(hits.length, `${name} is a rectangle`).toBe((bottom - top + 1) * (right - left + 1));
    spans.set(name, { rows: bottom - top + 1, columns: right - left + 1 });
  }
  return spans;
}

describe('projectorCanvas', () => {
  it('lays out the six-quadrant map as the classic canvas, Pains and Gains across the bottom', () => {
    const canvas = projectorCanvas(SIX_QUADRANTS.map((q) => q.id));
    expect(canvas.areas).toEqual([
      'hears thinks thinks sees',
      'hears persona persona sees',
      'hears says says sees',
      'pains pains gains gains',
    ]);
    expect(canvas.persona).toBe('band');
    expectValidAreas(canvas.areas);
    for (const q of SIX_QUADRANTS) expect(canvas.areas.join(' ')).toContain(canvas.areaOf[q.id]!);
  });

  it('puts the persona between the classic four, and every other map in valid areas with each quadrant once', () => {
    const classic = projectorCanvas(CLASSIC_QUADRANTS.map((q) => q.id));
    expect(classic.areas).toEqual(['q0 persona q1', 'q2 persona q3']);
    expect(classic.persona).toBe('column');
    for (let count = 1; count <= 9; count++) {
      const ids = Array.from({ length: count }, (_, i) => `c_${i}`);
      const canvas = projectorCanvas(ids);
      const spans = expectValidAreas(canvas.areas);
      expect(spans.has('persona')).toBe(true);
      for (const id of ids) expect(spans.has(canvas.areaOf[id]!), `${count}: ${id}`).toBe(true);
      expect(spans.size).toBe(count + 1);
      expect(canvas.rows.split(/ (?![^(]*\))/)).toHaveLength(canvas.areas.length);
    }
  });

  it('zooms to the spotlighted quadrant under a persona band', () => {
    const canvas = projectorCanvas(
      SIX_QUADRANTS.map((q) => q.id),
      'gains',
    );
    expect(canvas.areas).toEqual(['persona', 'q0']);
    expect(canvas.areaOf).toEqual({ gains: 'q0' });
    // A spotlight on a quadrant the map lacks shows the whole map.
    expect(projectorCanvas(['says', 'thinks'], 'gains').areaOf).toEqual({ says: 'q0', thinks: 'q1' });
  });
});

describe('fitRoster', () => {
  // First names and an initial, as people type them on a phone.
  const FIRST = ['Ana', 'Ben', 'Cleo', 'Dmitri', 'Eve', 'Farida', 'Gus', 'Hanna', 'Ines', 'Jonathan'];
  const names = Array.from({ length: 60 }, (_, i) => `${FIRST[i % FIRST.length]} ${String.fromCharCode(65 + (i % 26))}.`);

  it('fits 60 names at 1280×720 and at 1920×1080 roster sizes', () => {
    for (const [box, maxFontPx] of [
      [{ width: 760, height: 300 }, 19],
      [{ width: 1150, height: 480 }, 28],
    ] as const) {
      const fit = fitRoster({ names, box, maxFontPx, hasRemove: false });
      expect(fit.shown).toBe(60);
      expect(fit.metrics.fontPx).toBeGreaterThanOrEqual(14);
      const widths = names.map((name) => chipWidth(name, fit.metrics));
      expect(chipRows(widths, box.width) * fit.metrics.rowPx).toBeLessThanOrEqual(box.height);
    }
  });

  it('shows the first names and counts the rest when they cannot all fit at 14 px', () => {
    const fit = fitRoster({ names, box: { width: 400, height: 120 }, maxFontPx: 20, hasRemove: false });
    expect(fit.metrics.fontPx).toBe(14);
    expect(fit.shown).toBeGreaterThan(0);
    expect(fit.shown).toBeLessThan(60);
    const widths = [
      ...names.slice(0, fit.shown).map((name) => chipWidth(name, fit.metrics)),
      chipWidth('+999 more', { ...fit.metrics, extrasPx: 0 }),
    ];
    expect(chipRows(widths, 400) * fit.metrics.rowPx).toBeLessThanOrEqual(120);
  });

  it('never gives bigger type to a longer roster', () => {
    let last = Infinity;
    for (let count = 1; count <= 120; count++) {
      const fit = fitRoster({
        names: names.concat(names).slice(0, count),
        box: { width: 900, height: 400 },
        maxFontPx: 28,
        hasRemove: true,
      });
      expect(fit.metrics.fontPx).toBeLessThanOrEqual(last);
      last = fit.metrics.fontPx;
      expect(chipMetrics(fit.metrics.fontPx, true).extrasPx).toBeGreaterThan(chipMetrics(fit.metrics.fontPx, false).extrasPx);
    }
  });
});
