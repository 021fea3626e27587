import type { Evidence, Note, NoteColor } from '../../lib/note';
import type { ProfileFieldChoice } from '../../lib/profile';
import type { Quadrant, QuadrantId } from '../../lib/quadrants';
import type { Result } from '../../lib/result';
import type { ActionChanges } from '../../lib/actions';
import type { PersonaActions } from '../persona/types';

/** What a board view may do; the sync layer implements it over the shared doc. */
export interface BoardActions extends PersonaActions {
  addNote(personaId: string, quadrant: QuadrantId, text: string, color?: NoteColor): Result<unknown>;
  editNote(id: string, text: string): Result<unknown>;
  moveNote(id: string, quadrant: QuadrantId): Result<unknown>;
  setNoteColor(id: string, color: NoteColor): Result<unknown>;
  deleteNote(id: string): Result<unknown>;
  /** May this person change the note's text or delete it (its author or the facilitator)? */
  mayChangeNote(note: Note): boolean;
  /** May this person delete this journey step, question or action (whoever added it, or the facilitator)? */
  mayDelete(root: 'journeySteps' | 'questions' | 'actions', id: string): boolean;
  setNoteEvidence(id: string, evidence: Evidence | null): Result<unknown>;
  /** Copies the note's text into a profile field of its persona (or the quote). */
  promoteNote(id: string, field: string): Result<string>;
  createGroup(personaId: string, quadrant: QuadrantId, name: string, noteIds: readonly string[]): Result<unknown>;
  renameGroup(groupId: string, name: string): Result<unknown>;
  setNoteGroup(noteId: string, groupId: string | null): Result<unknown>;
  ungroup(groupId: string): Result<unknown>;
  setScenario(personaId: string, text: string): Result<unknown>;
  addJourneyStep(personaId: string, title: string): Result<unknown>;
  renameJourneyStep(stepId: string, title: string): Result<unknown>;
  /** Moves the step to `toIndex` within its persona's journey. */
  moveJourneyStep(stepId: string, toIndex: number): Result<unknown>;
  /** Deletes the step and the notes on it. */
  deleteJourneyStep(stepId: string): Result<unknown>;
  /** Moves a note on a journey step to another step of the same persona. */
  moveNoteToStep(id: string, stepId: string): Result<unknown>;
  addJourneyNote(personaId: string, stepId: string, text: string): Result<unknown>;
  addQuestion(personaId: string, text: string): Result<unknown>;
  editQuestion(id: string, text: string): Result<unknown>;
  deleteQuestion(id: string): Result<unknown>;
  addAction(personaId: string, text: string, changes?: ActionChanges): Result<unknown>;
  editAction(id: string, changes: ActionChanges): Result<unknown>;
  setActionDone(id: string, isDone: boolean): Result<unknown>;
  deleteAction(id: string): Result<unknown>;
}

/** `phone` stacks quadrants; `projector` fills a big screen with large type. */
export type BoardVariant = 'phone' | 'projector';

/** How a screen shows the board: what the page knows (its device, the lock, the vote round). */
export interface ScreenView {
  variant: BoardVariant;
  /** The board is locked for this person: show it, but offer no changes. */
  isReadOnly: boolean;
  voting?: NoteVoting;
  /** A private or anonymous step: a new note is a draft only its author sees until the reveal. */
  areNotesPrivate?: boolean;
}

/** A screen's view plus what the board itself says: its map and its profile fields. */
export interface BoardViewOptions extends ScreenView {
  /** The empathy map's quadrants (the board's template), in order. */
  quadrants: readonly Quadrant[];
  /** The profile fields a note can be promoted into (the quote first; hidden fields left out). */
  promoteTargets: readonly ProfileFieldChoice[];
}

/** Dot voting as a note sees it: its own dots while a round is open, totals once it closes. */
export interface NoteVoting {
  isOpen: boolean;
  /** Dots this participant put on each note (open round). */
  myDots: Record<string, number>;
  /** Totals per note once the round is closed (notes are then sorted by them). */
  results: Record<string, number> | null;
  isEligible(note: Note): boolean;
  cast(noteId: string, delta: 1 | -1): void;
}
