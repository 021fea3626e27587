import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_BOARD,
  addNote,
  metaMap,
  notesMap,
  personasMap,
  readBoard,
  readMeta,
  readNote,
  readNotes,
  readPersonas,
} from '../../lib/board';
import type { Note } from '../../lib/note';
import type { Persona } from '../../lib/persona';
import { ANN, newBoard, noteInput, syncedCopy } from './helpers/boardDocs';
import { seededRng } from '../helpers/prng';

const PERSONA_ID = 'persona000000001';

function note(id: string, createdAt: number, overrides: Partial<Note> = {}): Note {
  return {
    id,
    personaId: PERSONA_ID,
    quadrant: 'hears',
    text: `note ${id}`,
    color: 'yellow',
    authorId: ANN.participantId,
    authorName: ANN.name,
    createdAt,
    ...overrides,
  };
}

function persona(id: string, order: number): Persona {
  return { id, name: `Persona ${id}`, order, createdAt: 1 };
}

/** Writes a record the way a peer's doc might hold it, bypassing `addNote`'s checks. */
function putRecord(root: Y.Map<Y.Map<unknown>>, key: string, values: Record<string, unknown>): void {
  const map = new Y.Map<unknown>();
  root.set(key, map);
  for (const [field, value] of Object.entries(values)) map.set(field, value);
}

describe('readBoard', () => {
  it('reads an empty doc as an empty board', () => {
    expect(readBoard(new Y.Doc())).toEqual(EMPTY_BOARD);
  });

  it('returns plain snapshots that do not change with the doc', () => {
    const { doc, persona: first } = newBoard();
    addNote(doc, noteInput(first.id));
    const before = readBoard(doc);
    addNote(doc, noteInput(first.id, { now: 3000 }));
    expect(before.notes).toHaveLength(1);
    expect(readBoard(doc).notes).toHaveLength(2);
    expect(JSON.parse(JSON.stringify(before))).toEqual(before);
  });
});

describe('readMeta', () => {
  it.each([
    ['a missing field', { title: 'T', createdAt: 1 }],
    ['a wrong schema version', { title: 'T', createdAt: 1, schemaVersion: 2 }],
    ['a title over 120 characters', { title: 'x'.repeat(121), createdAt: 1, schemaVersion: 1 }],
    ['a fractional time', { title: 'T', createdAt: 1.5, schemaVersion: 1 }],
  ])('reads meta with %s as null', (_label, values) => {
    const doc = new Y.Doc();
    for (const [key, value] of Object.entries(values)) metaMap(doc).set(key, value);
    expect(readMeta(doc)).toBeNull();
  });
});

describe('readNotes', () => {
  it.each<[string, Record<string, unknown>]>([
    ['a missing field', { ...note('a000000000000001', 1), text: undefined }],
    ['numeric text', { ...note('a000000000000001', 1), text: 42 }],
    ['text over the limit', { ...note('a000000000000001', 1), text: 'x'.repeat(2001) }],
    ['a malformed quadrant id', { ...note('a000000000000001', 1), quadrant: 'Feels!' }],
    ['an unknown colour', { ...note('a000000000000001', 1), color: 'black' }],
    ['a malformed author id', { ...note('a000000000000001', 1), authorId: 'ANN' }],
    ['a negative time', { ...note('a000000000000001', 1), createdAt: -5 }],
    ['a malformed id', { ...note('a000000000000001', 1), id: 'A-1' }],
  ])('skips a note with %s and keeps the valid ones', (_label, bad) => {
    const doc = new Y.Doc();
    const good = note('b000000000000002', 2);
    const values = Object.fromEntries(Object.entries(bad).filter(([, value]) => value !== undefined));
    putRecord(notesMap(doc), 'a000000000000001', values);
    putRecord(notesMap(doc), good.id, good);
    expect(readNotes(doc)).toEqual([good]);
  });

  it('skips entries that are not maps', () => {
    const doc = new Y.Doc();
    const good = note('b000000000000002', 2);
    putRecord(notesMap(doc), good.id, good);
    const raw = notesMap(doc) as Y.Map<unknown>;
    raw.set('plain00000000000', 'text');
    raw.set('object0000000000', { ...note('object0000000000', 1) });
    raw.set('array00000000000', new Y.Array());
    raw.set('text000000000000', new Y.Text('hello'));
    expect(readNotes(doc)).toEqual([good]);
  });

  it('drops fields the schema does not know', () => {
    const doc = new Y.Doc();
    const good = note('b000000000000002', 2);
    putRecord(notesMap(doc), good.id, { ...good, votes: 3 });
    expect(readNotes(doc)).toEqual([good]);
  });

  it('sorts oldest first, breaking ties by id, whatever order the notes were written in', () => {
    const expected = [
      note('0000000000000009', 1),
      note('000000000000000a', 1),
      note('00000000000000zz', 1),
      note('a000000000000000', 1),
      note('0000000000000000', 2),
      note('zzzzzzzzzzzzzzzz', 2),
      note('5000000000000000', 10),
    ];
    const rng = seededRng(7);
    for (let round = 0; round < 20; round++) {
      const shuffled = [...expected].sort(() => rng.next() - 0.5);
      const doc = new Y.Doc();
      for (const item of shuffled) putRecord(notesMap(doc), item.id, item);
      expect(readNotes(doc)).toEqual(expected);
    }
  });

  it('reads the same order on two peers that received the notes in different orders', () => {
    const { doc: a, persona: first } = newBoard();
    const b = syncedCopy(a);
    for (let i = 0; i < 5; i++) addNote(a, noteInput(first.id, { now: 100 }));
    for (let i = 0; i < 5; i++) addNote(b, noteInput(first.id, { now: 100 }));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readNotes(a)).toHaveLength(10);
    expect(readNotes(b)).toEqual(readNotes(a));
  });
});

describe('readNote', () => {
  it('reads one valid note by id, and null for an unknown id or an invalid record', () => {
    const { doc, persona } = newBoard();
    const added = addNote(doc, noteInput(persona.id));
    if (!added.ok) throw new Error(added.error);
    expect(readNote(doc, added.value.id)).toEqual(added.value);
    expect(readNote(doc, 'zzzzzzzzzzzzzzzz')).toBeNull();
    notesMap(doc).get(added.value.id)!.set('quadrant', 'no where');
    expect(readNote(doc, added.value.id)).toBeNull();
  });
});

describe('readPersonas', () => {
  it('sorts by order, then id, and skips invalid personas', () => {
    const doc = new Y.Doc();
    const valid = [
      persona('p000000000000003', -1),
      persona('p000000000000001', 0.5),
      persona('p000000000000000', 2),
      persona('p000000000000002', 2),
    ];
    for (const item of [...valid].reverse()) putRecord(personasMap(doc), item.id, item);
    putRecord(personasMap(doc), 'p000000000000009', { ...persona('p000000000000009', 1), order: '1' });
    putRecord(personasMap(doc), 'p00000000000000a', { ...persona('p00000000000000a', 1), name: 'n'.repeat(81) });
    putRecord(personasMap(doc), 'p00000000000000b', { ...persona('p00000000000000b', 1), order: Infinity });
    (personasMap(doc) as Y.Map<unknown>).set('p00000000000000c', 'plain');
    expect(readPersonas(doc)).toEqual(valid);
  });
});
