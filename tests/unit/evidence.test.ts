import { describe, expect, it } from 'vitest';
import { evidenceBalance } from '../../lib/evidence';
import type { Note } from '../../lib/note';
import { CLASSIC_QUADRANTS } from '../../lib/quadrants';

const P = 'p000000000000001';
let n = 0;
const note = (quadrant: string, evidence: Note['evidence'], extra: Partial<Note> = {}): Note => ({
  id: `n${String(++n).padStart(15, '0')}`,
  personaId: P,
  quadrant,
  text: 't',
  color: 'yellow',
  authorId: 'a000000000000001',
  authorName: 'Ana',
  createdAt: n,
  evidence,
  ...extra,
});

describe('evidence balance per quadrant', () => {
  it('counts observed, assumed and unlabelled map notes of the persona, per quadrant of the map', () => {
    const notes = [
      note('says', 'observed'),
      note('says', 'observed'),
      note('says', 'assumed'),
      note('feels', null),
      note('feels', undefined),
      note('feels', 'assumed'),
      note('says', 'observed', { personaId: 'p000000000000002' }), // another persona
      note('says', 'observed', { journeyStepId: 'j000000000000001' }), // a journey note
      note('hears', 'observed'), // not on this map
    ];
    expect(evidenceBalance(notes, P, CLASSIC_QUADRANTS)).toEqual([
      { quadrantId: 'says', title: 'Says', observed: 2, assumed: 1, unlabelled: 0 },
      { quadrantId: 'thinks', title: 'Thinks', observed: 0, assumed: 0, unlabelled: 0 },
      { quadrantId: 'does', title: 'Does', observed: 0, assumed: 0, unlabelled: 0 },
      { quadrantId: 'feels', title: 'Feels', observed: 0, assumed: 1, unlabelled: 2 },
    ]);
  });
});
