import type { NoteColor } from '../note';
import type { QuadrantId } from '../quadrants';

/** A private note as its author sees it before the reveal. Only ever sent to its author. */
export interface DraftView {
  draftId: string;
  personaId: string;
  quadrant: QuadrantId;
  text: string;
  color: NoteColor;
  createdAt: number;
}

/** A participant's own dots in the open vote round. */
export interface MyVotes {
  roundId: string;
  dots: Record<string, number>;
  remaining: number;
}
