import { describe, expect, it } from 'vitest';
import {
  MIN_NOTE_FONT_PX,
  columnsNeeded,
  fitLevels,
  fitQuadrant,
  textLines,
  wordWidths,
  type LayoutGroup,
  type LayoutNote,
  type QuadrantFit,
  type Size,
} from '../../lib/projectorLayout';
import { seededRng } from '../helpers/prng';

/** A seeded PRNG, so a failure replays. */
const random = (seed: number): (() => number) => seededRng(seed).next;

const WORDS = ['queue', 'coffee', 'price', 'friend', 'podcast', 'parking', 'loyalty', 'card', 'at', 'the', 'shop', 'every', 'morning'];
function text(rand: () => number, chars: number): string {
  let result = '';
  while (result.length < chars) result += (result ? ' ' : '') + WORDS[Math.floor(rand() * WORDS.length)]!;
  return result.slice(0, Math.max(1, chars));
}

const QUESTIONS = ['What do they see every day?', 'Who are their friends and colleagues?', 'Which offers are they exposed to?'];

/**
 * Quadrant boxes (inside their padding) of a map of `count` quadrants, as the projector lays
 * them out: the board under the facilitator bar and step strip, split like the canvas does.
 */
function boxesFor(count: number, viewport: 1080 | 720): Size[] {
  const board = viewport === 1080 ? { width: 1896, height: 860 } : { width: 1260, height: 540 };
  const band = viewport === 1080 ? 110 : 76;
  const pad = viewport === 1080 ? 26 : 18;
  if (count === 6) {
    const r = (board.height - band) / 3.1;
    const side = (board.width * 5) / 22;
    return [
      { width: side, height: 2 * r + band },
      { width: side, height: 2 * r + band },
      { width: board.width - 2 * side, height: r },
      { width: board.width - 2 * side, height: r },
      { width: board.width / 2, height: 1.1 * r },
      { width: board.width / 2, height: 1.1 * r },
    ].map((box) => ({ width: box.width - pad, height: box.height - pad }));
  }
  const rows = count <= 2 || count === 4 ? (count === 4 ? 2 : 1) : 2;
  const perRow = Math.ceil(count / rows);
  const usable =
    count <= 2 || count === 4 ? { width: board.width - 260, height: board.height } : { width: board.width, height: board.height - band };
  return Array.from({ length: count }, () => ({ width: usable.width / perRow - pad, height: usable.height / rows - pad }));
}

function notes(rand: () => number, count: number, chars: () => number, groups: readonly LayoutGroup[] = []): LayoutNote[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `n${index}`,
    text: text(rand, chars()),
    groupId: groups.length > 0 && rand() < 0.5 ? groups[Math.floor(rand() * groups.length)]!.id : null,
    hasEvidence: rand() < 0.3,
    votes: rand() < 0.2 ? Math.floor(rand() * 12) : null,
  }));
}

/** Every note id the fit accounts for, once each: drawn, in a drawn stack, or counted as hidden. */
function accountedFor(fit: QuadrantFit, input: readonly LayoutNote[]): string[] {
  const ids: string[] = [...fit.hiddenNoteIds];
  for (const tile of fit.tiles) {
    if (tile.kind === 'note') ids.push(tile.id);
    else if (tile.kind === 'group') ids.push(...tile.noteIds);
    else ids.push(...input.filter((note) => note.groupId === tile.groupId).map((note) => note.id));
  }
  return ids;
}

describe('fitQuadrant', () => {
  it('never goes under 14 px and accounts for every note, for 1–8 quadrants and any count or length', () => {
    const rand = random(7);
    const lengths: Record<string, () => number> = {
      short: () => 8 + Math.floor(rand() * 12),
      typical: () => 15 + Math.floor(rand() * 45),
      long: () => 100 + Math.floor(rand() * 200),
      huge: () => 2000,
    };
    const groups = [
      { id: 'g1', name: 'Getting there' },
      { id: 'g2', name: 'Price' },
    ];
    for (const viewport of [1080, 720] as const) {
      for (let count = 1; count <= 8; count++) {
        for (const box of boxesFor(count, viewport)) {
          for (const [kind, chars] of Object.entries(lengths)) {
            for (const noteCount of kind === 'huge' ? [1, 8, 25] : [0, 1, 8, 15, 25, 150]) {
              const input = notes(rand, noteCount, chars, groups);
              const fit = fitQuadrant({ box, maxFontPx: viewport === 1080 ? 32 : 21, questions: QUESTIONS, groups, notes: input });
              expect(fit.metrics.fontPx).toBeGreaterThanOrEqual(MIN_NOTE_FONT_PX);
              expect(fit.metrics.metaPx).toBeGreaterThanOrEqual(MIN_NOTE_FONT_PX);
              expect(fit.metrics.questionPx).toBeGreaterThanOrEqual(MIN_NOTE_FONT_PX);
              const ids = accountedFor(fit, input);
              expect(new Set(ids).size).toBe(ids.length);
              expect(ids.sort()).toEqual(input.map((note) => note.id).sort());
            }
          }
        }
      }
    }
  }, 60_000);

  it('never makes type bigger when a note is added, wherever it lands', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const rand = random(seed);
      const quadrants = 1 + (seed % 8);
      const viewport = seed % 2 === 0 ? 1080 : 720;
      const box = boxesFor(quadrants, viewport)[0]!;
      const groups = seed % 3 === 0 ? [{ id: 'g1', name: 'Cluster' }] : [];
      const input: LayoutNote[] = [];
      let lastFont = Infinity;
      let lastShown = 0;
      for (let step = 0; step < 70; step++) {
        const [added] = notes(rand, 1, () => 5 + Math.floor(rand() * (rand() < 0.1 ? 400 : 70)), groups);
        input.splice(Math.floor(rand() * (input.length + 1)), 0, { ...added!, id: `s${step}` });
        const fit = fitQuadrant({ box, maxFontPx: viewport === 1080 ? 32 : 21, questions: QUESTIONS, groups, notes: input });
        expect(fit.metrics.fontPx, `seed ${seed}, step ${step}`).toBeLessThanOrEqual(lastFont);
        lastFont = fit.metrics.fontPx;
        // Type only shrinks once: a quadrant that fits everything keeps showing everything as it fills.
        if (fit.hiddenNoteIds.length === 0) lastShown = input.length;
      }
      expect(lastShown).toBeGreaterThan(0);
    }
  });

  it('keeps 24 px type with up to 8 notes a quadrant on the six-quadrant map at 1080p', () => {
    // Sticky notes as a room writes them: a few words each.
    const written = [
      'Queues at lunch time',
      'Parking is hard',
      'No bike racks near the door',
      'Coffee ready when I arrive',
      'Billboards for energy drinks',
      'Podcasts on the way to work',
      'Asks friends before buying',
      'Wants to feel like a regular',
    ];
    for (const box of boxesFor(6, 1080)) {
      for (let count = 1; count <= 8; count++) {
        const input = written
          .slice(0, count)
          .map((text, index) => ({ id: `n${index}`, text, groupId: null, hasEvidence: index % 3 === 0 }));
        const fit = fitQuadrant({ box, maxFontPx: 32, questions: QUESTIONS, groups: [], notes: input });
        expect(fit.metrics.fontPx, `${count} notes in ${Math.round(box.width)}×${Math.round(box.height)}`).toBeGreaterThanOrEqual(24);
        expect(fit.hiddenNoteIds).toEqual([]);
      }
    }
  });

  it('shows the guiding questions on an empty quadrant and drops them before shrinking the notes', () => {
    const box = boxesFor(6, 1080)[0]!;
    expect(fitQuadrant({ box, maxFontPx: 32, questions: QUESTIONS, groups: [], notes: [] }).questions).toBe('all');
    const crowded = fitQuadrant({ box, maxFontPx: 32, questions: QUESTIONS, groups: [], notes: notes(random(1), 20, () => 40) });
    expect(crowded.questions).toBe('none');
    expect(crowded.metrics.fontPx).toBeLessThan(32);
  });

  it('gets denser as a quadrant fills: smaller type, fewer lines a note or more columns', () => {
    const box = boxesFor(6, 1080)[4]!;
    const rand = random(11);
    const all = notes(rand, 40, () => 30);
    const sizes = [2, 8, 16, 24, 40].map((count) =>
      fitQuadrant({ box, maxFontPx: 32, questions: [], groups: [], notes: all.slice(0, count) }),
    );
    for (let i = 1; i < sizes.length; i++) {
      const [before, after] = [sizes[i - 1]!, sizes[i]!];
      const isDenser = after.metrics.fontPx < before.metrics.fontPx || after.maxLines < before.maxLines || after.columns >= before.columns;
      expect(isDenser).toBe(true);
    }
    expect(sizes.at(-1)!.columns).toBeGreaterThan(sizes[0]!.columns);
  });

  it('collapses the biggest groups into stacks before it hides anything, then counts the rest', () => {
    const groups = [
      { id: 'small', name: 'Small' },
      { id: 'big', name: 'Big' },
    ];
    const box = { width: 400, height: 200 };
    const input: LayoutNote[] = [
      ...Array.from({ length: 14 }, (_, i) => ({ id: `b${i}`, text: 'Too many coffee shops to choose from here', groupId: 'big' })),
      ...Array.from({ length: 3 }, (_, i) => ({ id: `s${i}`, text: 'Parking', groupId: 'small' })),
      ...Array.from({ length: 6 }, (_, i) => ({ id: `l${i}`, text: 'Loose note', groupId: null })),
    ];
    const fit = fitQuadrant({ box, maxFontPx: 21, questions: [], groups, notes: input });
    expect(fit.tiles).toContainEqual({ kind: 'stack', groupId: 'big', count: 14 });
    expect(fit.tiles.find((tile) => tile.kind !== 'note' && tile.groupId === 'small')?.kind).toBe('group');
    expect(fit.hiddenNoteIds).toEqual([]);
    expect(fit.metrics.fontPx).toBe(MIN_NOTE_FONT_PX);

    const tiny = fitQuadrant({ box: { width: 240, height: 100 }, maxFontPx: 21, questions: [], groups, notes: input });
    expect(tiny.tiles.filter((tile) => tile.kind === 'group')).toEqual([]);
    expect(tiny.hiddenNoteIds.length).toBeGreaterThan(0);
    // The notes cut are the last ones: the board's order stays, the end gives way.
    expect(tiny.hiddenNoteIds.at(-1)).toBe('l5');
  });

  it('counts everything on a "+N more" tile when even one note does not fit', () => {
    const input = notes(random(5), 5, () => 30);
    const fit = fitQuadrant({ box: { width: 200, height: 30 }, maxFontPx: 21, questions: QUESTIONS, groups: [], notes: input });
    expect(fit.tiles).toEqual([]);
    expect(fit.hiddenNoteIds).toHaveLength(5);
  });
});

describe('the fit’s pieces', () => {
  it('wraps words the way a browser does, breaking only words longer than a line', () => {
    expect(textLines(wordWidths('Queues at lunch time'), 0, 1000, 20, 6)).toBe(1);
    // About 6 em a line at 20 px in 121 px: "Queues at" | "lunch time".
    expect(textLines(wordWidths('Queues at lunch time'), 0, 121, 20, 6)).toBe(2);
    expect(textLines(wordWidths('a\nb\nc'), 0, 1000, 20, 6)).toBe(3);
    expect(textLines(wordWidths('x'.repeat(30)), 0, 121, 20, 6)).toBe(3);
    expect(textLines(wordWidths(`ab ${'x'.repeat(30)}`), 0, 121, 20, 6)).toBe(4);
    expect(textLines(wordWidths('word '.repeat(200)), 0, 121, 20, 4)).toBe(4);
    expect(textLines(wordWidths(''), 0, 121, 20, 4)).toBe(1);
  });

  it('measures Chinese, Japanese and emoji a full em a character, and wraps text with no spaces', () => {
    // 19 ideographs are about 20 em; 10.5 em a line at 20 px in 210 px: two lines, where 20 narrow letters take one.
    expect(textLines(wordWidths('顾客在午餐时间排队太久了所以他们去了别的咖啡店'.slice(0, 19)), 0, 210, 20, 6)).toBe(2);
    expect(textLines(wordWidths('queuesatlunchtimeabc'), 0, 210, 20, 6)).toBe(2);
    expect(textLines(wordWidths('iiiiiiiiiiiiiiiiiiii'), 0, 210, 20, 6)).toBe(1);
    expect(textLines(wordWidths('😀😀😀😀😀😀😀😀😀'), 0, 210, 20, 6)).toBe(1);
    expect(textLines(wordWidths('😀😀😀😀😀😀😀😀😀😀😀'), 0, 210, 20, 6)).toBe(2);
  });

  it('counts the columns a run of pieces needs, never fewer when one is added', () => {
    expect(columnsNeeded([50, 50, 50], 100)).toBe(2);
    expect(columnsNeeded([60, 50, 50], 100)).toBe(2);
    expect(columnsNeeded([60, 50, 60], 100)).toBe(3);
    expect(columnsNeeded([120], 100)).toBe(Infinity);
    const rand = random(9);
    for (let run = 0; run < 200; run++) {
      const atoms = Array.from({ length: 1 + Math.floor(rand() * 20) }, () => 10 + Math.floor(rand() * 90));
      const before = columnsNeeded(atoms, 100);
      atoms.splice(Math.floor(rand() * atoms.length), 0, 10 + Math.floor(rand() * 90));
      expect(columnsNeeded(atoms, 100)).toBeGreaterThanOrEqual(before);
    }
  });

  it('orders its levels densest last, type never growing', () => {
    const levels = fitLevels(32);
    expect(levels[0]).toEqual({ fontPx: 32, maxLines: 6, questions: 'all' });
    for (let i = 1; i < levels.length; i++) expect(levels[i]!.fontPx).toBeLessThanOrEqual(levels[i - 1]!.fontPx);
    expect(levels.at(-1)).toEqual({ fontPx: MIN_NOTE_FONT_PX, maxLines: 1, questions: 'none' });
  });
});
