import { describe, expect, it } from 'vitest';
import { fitQuadrant, type FitHint, type LayoutGroup, type LayoutNote, type QuadrantFit } from '../../lib/projectorLayout';
import { seededRng } from '../helpers/prng';

/**
 * The projector passes each quadrant's last fit level as a hint (`FitHint`), so edits keep the
 * level on screen while it still fits instead of searching again. A hinted fit must still be a
 * real fit (every note drawn, stacked or counted), never bigger type than the hint's, and the
 * very fit a fresh search gives whenever the hint is where that search would land.
 */

const WORDS = ['queue', 'coffee', 'price', 'friend', 'podcast', 'parking', 'loyalty', 'card', 'at', 'the', 'shop', '排队买咖啡'];
const say = (rng: ReturnType<typeof seededRng>) => Array.from({ length: 1 + rng.int(25) }, () => rng.pick(WORDS)).join(' ');

function accountedFor(fit: QuadrantFit, notes: readonly LayoutNote[]): string[] {
  const ids = [...fit.hiddenNoteIds];
  for (const tile of fit.tiles) {
    if (tile.kind === 'note') ids.push(tile.id);
    else if (tile.kind === 'group') ids.push(...tile.noteIds);
    else ids.push(...notes.filter((note) => note.groupId === tile.groupId).map((note) => note.id));
  }
  return ids.sort();
}

describe('fitQuadrant with the last fit as a hint', () => {
  it.each([1, 2, 3, 4])('keeps a valid fit, never bigger type, through edits and adds (seed %i)', (seed) => {
    const rng = seededRng(seed);
    const groups: LayoutGroup[] = [{ id: 'g1', name: 'Waiting' }];
    const box = rng.pick([
      { width: 620, height: 300 },
      { width: 410, height: 520 },
      { width: 900, height: 180 },
    ]);
    const input = { box, maxFontPx: 32, questions: ['What do they see?', 'Who do they listen to?'], groups };
    let notes: LayoutNote[] = Array.from({ length: 5 + rng.int(300) }, (_, i) => ({
      id: `n${i}`,
      text: say(rng),
      groupId: rng.chance(0.15) ? 'g1' : null,
    }));
    let hint: FitHint = { level: fitQuadrant({ ...input, notes }).level };
    let fontPx = fitQuadrant({ ...input, notes }).metrics.fontPx;
    for (let step = 0; step < 40; step++) {
      notes = notes.slice();
      if (rng.chance(0.8)) {
        const index = rng.int(notes.length);
        notes[index] = { ...notes[index]!, text: say(rng) };
      } else notes.push({ id: `new${step}`, text: say(rng), groupId: null });
      const hinted = fitQuadrant({ ...input, notes }, hint);
      const fresh = fitQuadrant({ ...input, notes });
      expect(accountedFor(hinted, notes)).toEqual(notes.map((note) => note.id).sort());
      expect(hinted.metrics.fontPx).toBeLessThanOrEqual(fontPx);
      // Never denser than needed to keep the hint's level, and never less dense than a fresh search.
      expect(hinted.level).toBeGreaterThanOrEqual(fresh.level);
      if (hinted.level === fresh.level) expect(hinted).toEqual(fresh);
      hint = { level: hinted.level };
      fontPx = hinted.metrics.fontPx;
    }
  });

  it('goes denser when the hint’s level no longer fits', () => {
    const notes: LayoutNote[] = Array.from({ length: 4 }, (_, i) => ({ id: `n${i}`, text: 'short', groupId: null }));
    const input = { box: { width: 600, height: 400 }, maxFontPx: 32, questions: [], groups: [] };
    const roomy = fitQuadrant({ ...input, notes });
    const crowded = Array.from({ length: 120 }, (_, i) => ({ id: `m${i}`, text: 'a longer note about the queue', groupId: null }));
    const hinted = fitQuadrant({ ...input, notes: [...notes, ...crowded] }, { level: roomy.level });
    expect(hinted).toEqual(fitQuadrant({ ...input, notes: [...notes, ...crowded] }));
    expect(hinted.metrics.fontPx).toBeLessThan(roomy.metrics.fontPx);
  });
});
