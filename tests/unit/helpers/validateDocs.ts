import * as Y from 'yjs';
import { expect } from 'vitest';
import { addNote, notesMap, type NewNote } from '../../../lib/board';
import type { Note } from '../../../lib/note';
import type { Persona } from '../../../lib/persona';
import { validateUpdate, type ClientOwners, type UpdateAuthor, type Verdict } from '../../../server/yjs/validateUpdate';
import { ANN, newBoard, noteInput, syncedCopy } from './boardDocs';

export interface ServerAndClient {
  /** The room's doc, as the server holds it. */
  server: Y.Doc;
  /** A participant's doc, synced from the server before the test's changes. */
  client: Y.Doc;
  persona: Persona;
}

export function serverAndClient(): ServerAndClient {
  const { doc: server, persona } = newBoard();
  return { server, client: syncedCopy(server), persona };
}

export function check(server: Y.Doc, update: Uint8Array, author: UpdateAuthor | null = ANN, docBytes = 0, owners?: ClientOwners): Verdict {
  return validateUpdate(server, update, { author, docBytes, owners });
}

/** Client id bindings for a test: client id → participant id (null: the server). */
export function ownersOf(bindings: Record<number, string | null>): ClientOwners {
  return { ownerOf: (client) => (Object.hasOwn(bindings, client) ? bindings[client] : undefined) };
}

/** Byte equality without `toEqual`, which is slow on the 250 kB state of a full board. */
export function isSameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}

/** Asserts the verdict left the doc exactly as it was. */
function checkUntouched(server: Y.Doc, update: Uint8Array, author: UpdateAuthor | null, docBytes: number, owners?: ClientOwners) {
  const before = Y.encodeStateAsUpdate(server);
  const verdict = check(server, update, author, docBytes, owners);
  expect(isSameBytes(Y.encodeStateAsUpdate(server), before), 'validateUpdate changed the doc').toBe(true);
  return verdict;
}

/** Asserts the update is accepted, then applies it as the room would. */
export function expectAccepted(server: Y.Doc, update: Uint8Array, author: UpdateAuthor | null = ANN, owners?: ClientOwners): void {
  const verdict = checkUntouched(server, update, author, 0, owners);
  expect(verdict.ok ? 'accepted' : verdict.error).toBe('accepted');
  Y.applyUpdate(server, update);
  expect(server.store.pendingStructs, 'accepted update left pending structs').toBeNull();
  expect(server.store.pendingDs, 'accepted update left pending deletes').toBeNull();
}

export function expectRefused(
  server: Y.Doc,
  update: Uint8Array,
  error: string | RegExp,
  author: UpdateAuthor | null = ANN,
  docBytes = 0,
  owners?: ClientOwners,
): void {
  const verdict = checkUntouched(server, update, author, docBytes, owners);
  expect(verdict.ok, 'update was accepted').toBe(false);
  if (!verdict.ok) expect(verdict.error).toMatch(error);
}

export function addedNote(doc: Y.Doc, personaId: string, overrides: Partial<NewNote> = {}): Note {
  const result = addNote(doc, noteInput(personaId, overrides));
  if (!result.ok) throw new Error(`addNote failed: ${result.error}`);
  return result.value;
}

export function noteMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  const map = notesMap(doc).get(id);
  if (!(map instanceof Y.Map)) throw new Error(`no note ${id}`);
  return map;
}

/** Writes a note record field by field, bypassing `addNote`, as a hostile client could. */
export function writeRawNote(doc: Y.Doc, key: string, values: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    (notesMap(doc) as Y.Map<unknown>).set(key, map);
    for (const [field, value] of Object.entries(values)) map.set(field, value);
  });
  return map;
}

/** A complete, valid note record by Ann, for raw writes to start from. */
export function validNoteValues(id: string, personaId: string): Note {
  return {
    id,
    personaId,
    quadrant: 'says_does',
    text: 'Reads reviews before buying',
    color: 'pink',
    authorId: ANN.participantId,
    authorName: ANN.name,
    createdAt: 3_000,
  };
}
