import { LIMITS } from '../limits';
import type { NoteColor } from '../note';
import type { QuadrantId } from '../quadrants';

/**
 * What a participant can write privately in a private or anonymous step: a note on the empathy
 * map, a note on a journey step, an open question, an action. Each is a draft that only its
 * author sees until the facilitator reveals it (the server refuses these records from a
 * participant's Yjs socket during such a step).
 */
export const DRAFT_KINDS = ['note', 'journeyNote', 'question', 'action'] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

/**
 * In an anonymous step that is not private, notes are published as they come, but only in
 * batches holding notes of at least this many people (shuffled, with one time): so the room
 * cannot tell who wrote a note by watching who just tapped "Add". Fewer waiting wait for more,
 * or for the facilitator's reveal.
 */
export const ANONYMOUS_BATCH_AUTHORS = 3;

/** The longest text a draft of each kind may hold (what its record on the board takes). */
export const DRAFT_TEXT_CHARS: Record<DraftKind, number> = {
  note: LIMITS.noteTextChars,
  journeyNote: LIMITS.noteTextChars,
  question: LIMITS.questionTextChars,
  action: LIMITS.actionTextChars,
};

/** A private draft as its author sees it before the reveal. Only ever sent to its author. */
export interface DraftView {
  draftId: string;
  kind: DraftKind;
  personaId: string;
  /** The empathy-map quadrant (notes only). */
  quadrant: QuadrantId | null;
  /** The journey step (journey notes only). */
  journeyStepId: string | null;
  text: string;
  color: NoteColor;
  createdAt: number;
}

/** A new draft, as the browser asks for it: where it goes depends on its kind. */
export type DraftTarget =
  | { kind: 'note'; quadrant: QuadrantId; color?: NoteColor }
  | { kind: 'journeyNote'; journeyStepId: string }
  | { kind: 'question' | 'action'; personaId: string };

/** A participant's own dots in the open vote round. */
export interface MyVotes {
  roundId: string;
  dots: Record<string, number>;
  remaining: number;
}
