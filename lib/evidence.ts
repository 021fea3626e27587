import { isMapNote } from './board';
import type { Note } from './note';
import type { Quadrant } from './quadrants';

/** How well a quadrant's notes are backed: heard from customers, assumed, or not labelled yet. */
export interface EvidenceBalance {
  quadrantId: string;
  title: string;
  observed: number;
  assumed: number;
  unlabelled: number;
}

/** A persona's evidence balance per quadrant of the map (its empathy-map notes only). */
export function evidenceBalance(notes: readonly Note[], personaId: string, quadrants: readonly Quadrant[]): EvidenceBalance[] {
  return quadrants.map((quadrant) => {
    const balance: EvidenceBalance = { quadrantId: quadrant.id, title: quadrant.title, observed: 0, assumed: 0, unlabelled: 0 };
    for (const note of notes) {
      if (note.personaId !== personaId || note.quadrant !== quadrant.id || !isMapNote(note)) continue;
      if (note.evidence === 'observed') balance.observed++;
      else if (note.evidence === 'assumed') balance.assumed++;
      else balance.unlabelled++;
    }
    return balance;
  });
}
