import { describe, expect, it } from 'vitest';
import { fitQuadrant, type LayoutGroup, type LayoutNote } from '../../lib/projectorLayout';
import { measureNote } from '../../lib/projectorPieces';
import { seededRng } from '../helpers/prng';

/**
 * The projector re-fits a quadrant on every change, and remembers each unchanged note's
 * measure and wraps (the same object) to keep that cheap at 1,000 notes. What is remembered must
 * never change a fit: after any sequence of edits, a fit over remembered notes equals a fit of
 * fresh copies, which remember nothing.
 */

/** A seeded PRNG, so a failure replays. */
const random = (seed: number): (() => number) => seededRng(seed).next;

const WORDS = [
  'queue',
  'coffee',
  'price',
  'friend',
  'podcast',
  'parking',
  'loyalty',
  'card',
  'at',
  'the',
  'shop',
  '排队买咖啡',
  'recommendation',
];
const say = (rand: () => number) =>
  Array.from({ length: 1 + Math.floor(rand() * 30) }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');

describe('fitQuadrant with remembered measures', () => {
  it('measures a note object once', () => {
    const note: LayoutNote = { id: 'a', text: 'Long queue at the till', groupId: null, hasEvidence: true, votes: 2 };
    expect(measureNote(note)).toBe(measureNote(note));
    expect(measureNote({ ...note })).not.toBe(measureNote(note));
  });

  it.each([1, 2, 3])('equals a fresh fit after every edit, add and delete (seed %i)', (seed) => {
    const rand = random(seed);
    const groups: LayoutGroup[] = [
      { id: 'g1', name: 'Waiting' },
      { id: 'g2', name: 'Prices' },
    ];
    let notes: LayoutNote[] = Array.from({ length: 40 + Math.floor(rand() * 400) }, (_, i) => ({
      id: `n${i}`,
      text: say(rand),
      groupId: rand() < 0.2 ? (rand() < 0.5 ? 'g1' : 'g2') : null,
      hasEvidence: rand() < 0.3,
      votes: rand() < 0.2 ? Math.floor(rand() * 9) : null,
    }));
    const boxes = [
      { width: 620, height: 300 },
      { width: 410, height: 520 },
      { width: 900, height: 180 },
    ];
    for (let step = 0; step < 30; step++) {
      const index = Math.floor(rand() * notes.length);
      const roll = rand();
      notes = notes.slice();
      if (roll < 0.6) notes[index] = { ...notes[index]!, text: say(rand) };
      else if (roll < 0.8) notes.push({ id: `new${step}`, text: say(rand), groupId: null, hasEvidence: false, votes: null });
      else notes.splice(index, 1);
      const box = boxes[step % boxes.length]!;
      const input = { box, maxFontPx: 32, questions: ['What do they see?'], groups };
      const remembered = fitQuadrant({ ...input, notes });
      expect(remembered).toEqual(fitQuadrant({ ...input, notes: notes.map((note) => ({ ...note })) }));
    }
  });
});
