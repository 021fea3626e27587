import * as Y from 'yjs';
import { initBoard, type NewNote } from '../../../lib/board';
import type { Persona } from '../../../lib/persona';

/** Participant ids follow `AuthorIdSchema`: 16 characters of [0-9a-z]. */
export const ANN = { participantId: 'ann0000000000001', name: 'Ann', role: 'participant' as const };
export const BOB = { participantId: 'bob0000000000002', name: 'Bob', role: 'participant' as const };

/** A record key that passes `ID_PATTERN` and is easy to spot in a failure message. */
export const NOTE_ID = 'note000000000001';

export interface TestBoard {
  doc: Y.Doc;
  persona: Persona;
}

export function newBoard(now = 1_000): TestBoard {
  const doc = new Y.Doc();
  const persona = initBoard(doc, { title: 'Checkout redesign', now });
  return { doc, persona };
}

/** A fresh doc holding everything `source` has, as a client has after its first sync. */
export function syncedCopy(source: Y.Doc, clientId?: number): Y.Doc {
  const copy = new Y.Doc();
  if (clientId !== undefined) copy.clientID = clientId;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
  return copy;
}

/** What `from` has that `to` lacks: the message a client sends after its changes. */
export function diff(from: Y.Doc, to: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(from, Y.encodeStateVector(to));
}

/** Exchanges what each side lacks, both ways. */
export function syncBoth(a: Y.Doc, b: Y.Doc): void {
  const toB = diff(a, b);
  const toA = diff(b, a);
  Y.applyUpdate(b, toB);
  Y.applyUpdate(a, toA);
}

export function noteInput(personaId: string, overrides: Partial<NewNote> = {}): NewNote {
  return {
    personaId,
    quadrant: 'pains',
    text: 'Checkout asks for the card number twice',
    authorId: ANN.participantId,
    authorName: ANN.name,
    now: 2_000,
    ...overrides,
  };
}

/** Collects the updates a doc emits, to assert how many transactions an operation made. */
export function recordUpdates(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return updates;
}
