import type { Role } from './api';
import { BOARD_ROOTS } from './roots';

/**
 * Who may change what on the board. The server enforces these rules on every Yjs update
 * (`server/yjs/validateUpdate.ts`, by where each struct and each deleted id lands); the browser
 * asks the same questions to offer only what the server will accept. The README's permission
 * table is this file in words.
 *
 * The spirit: the facilitator runs the workshop (its settings are theirs, and they may change or
 * delete anything); everyone builds the board together (sorting, grouping, profiles, journeys,
 * plans); what a person wrote stays theirs (a note's text, and deleting it); nobody erases what
 * someone else added, except the facilitator.
 */

export interface Actor {
  participantId: string;
  role: Role;
}

export const isFacilitator = (actor: Pick<Actor, 'role'>): boolean => actor.role === 'facilitator';

/** A note as far as the rules care: who wrote it (an empty name marks an anonymous note). */
export interface NoteAuthorship {
  authorId: string;
  authorName: string;
}

/**
 * Changing a note's text, or deleting it: its author or the facilitator. An anonymous note (empty
 * author name; its author id is random and belongs to nobody) is the facilitator's alone, so no
 * edit can tie it back to a person either.
 */
export function mayChangeNote(note: NoteAuthorship, actor: Actor): boolean {
  return isFacilitator(actor) || (note.authorName !== '' && note.authorId === actor.participantId);
}

/**
 * How a field may be written once its record exists:
 * - `immutable`: written once, when the record is created (and removed only with the record);
 * - `author`: by the note's author or the facilitator (`mayChangeNote`);
 * - `anyone`: by every participant (sorting, grouping, profiles, plans are collaborative).
 */
export type FieldRule = 'immutable' | 'author' | 'anyone';

/** Fields no record may change after it is created; `personaId` keeps a record with its persona. */
export const WRITE_ONCE_FIELDS: ReadonlySet<string> = new Set(['id', 'authorId', 'authorName', 'createdAt', 'personaId']);

export function fieldRule(root: string, key: string): FieldRule {
  if (WRITE_ONCE_FIELDS.has(key)) return 'immutable';
  if (root === BOARD_ROOTS.notes && key === 'text') return 'author';
  return 'anyone';
}

/** May `actor` write `key` of a record of `root` (whose note authorship is given for notes)? */
export function mayWriteField(root: string, key: string, actor: Actor, note: NoteAuthorship | null): boolean {
  const rule = fieldRule(root, key);
  if (rule === 'immutable') return false;
  if (rule === 'author') return note !== null && mayChangeNote(note, actor);
  return true;
}

/**
 * Deleting a whole record (erasing it; personas are normally hidden with `deletedAt`, which anyone
 * may set and clear):
 * - a note: its author or the facilitator (`mayChangeNote`);
 * - a group: anyone (ungrouping keeps every note);
 * - a persona, journey step, question or action: the person who added it or the facilitator.
 * `isCreator` says whether the record was added by `actor` (the server knows it from the Yjs
 * client id the record was written with).
 */
export function mayDeleteRecord(root: string, actor: Actor, record: { note: NoteAuthorship | null; isCreator: boolean }): boolean {
  if (isFacilitator(actor)) return true;
  if (root === BOARD_ROOTS.notes) return record.note !== null && mayChangeNote(record.note, actor);
  if (root === BOARD_ROOTS.groups) return true;
  return record.isCreator;
}

/** The workshop's own settings (`meta`): the facilitator's alone. */
export const mayChangeMeta = (actor: Pick<Actor, 'role'>): boolean => isFacilitator(actor);
