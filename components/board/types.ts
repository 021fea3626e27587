import type { NoteColor } from '../../lib/note';
import type { QuadrantId } from '../../lib/quadrants';
import type { Result } from '../../lib/result';

/** What a board view may do; the sync layer implements it over the shared doc. */
export interface BoardActions {
  addNote(personaId: string, quadrant: QuadrantId, text: string, color?: NoteColor): Result<unknown>;
  editNote(id: string, text: string): Result<unknown>;
  moveNote(id: string, quadrant: QuadrantId): Result<unknown>;
  setNoteColor(id: string, color: NoteColor): Result<unknown>;
  deleteNote(id: string): Result<unknown>;
}

/** `phone` stacks quadrants; `projector` fills a big screen with large type. */
export type BoardVariant = 'phone' | 'projector';

export interface BoardViewOptions {
  variant: BoardVariant;
  /** The board is locked for this person: show it, but offer no changes. */
  isReadOnly: boolean;
}
