import * as Y from 'yjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addNote, editNoteText, moveNote, notesMap, readBoard } from '../../lib/board';
import { BoardStore } from '../../lib/boardStore';
import { NoteSchema, type Note } from '../../lib/note';
import { addPersona, deletePersona, renamePersona, restorePersona } from '../../lib/personaBoard';
import { ANN, newBoard, noteInput, syncedCopy } from './helpers/boardDocs';

/** The identity rules views rely on to skip rendering: what changed is new, the rest is the same object. */

afterEach(() => vi.restoreAllMocks());

function boardWithNotes(count: number) {
  const { doc, persona } = newBoard();
  const quadrants = ['sees', 'hears', 'pains'];
  doc.transact(() => {
    for (let i = 0; i < count; i++) addNote(doc, noteInput(persona.id, { quadrant: quadrants[i % 3]!, text: `note ${i}`, now: 2_000 + i }));
  });
  return { doc, persona, store: new BoardStore(doc) };
}

const panel = (store: BoardStore, personaId: string, quadrant: string) =>
  store.lists.quadrantNotes(personaId).find((p) => p.quadrant.id === quadrant)!;

describe('BoardStore identity', () => {
  it('an edit replaces that note only, re-reading one record, and only its quadrant’s list changes', () => {
    const { doc, persona, store } = boardWithNotes(300);
    const before = store.board;
    const [pains, sees] = [panel(store, persona.id, 'pains'), panel(store, persona.id, 'sees')];
    const target = pains.notes[10]!;
    const parse = vi.spyOn(NoteSchema, 'safeParse');
    editNoteText(doc, target.id, 'Card number asked twice');
    expect(store.flush()).toBe(true);
    expect(parse).toHaveBeenCalledTimes(1);
    const after = store.board;
    expect(after.notes.find((n) => n.id === target.id)?.text).toBe('Card number asked twice');
    after.notes.forEach((note, i) => (note.id === target.id ? expect(note).not.toBe(before.notes[i]) : expect(note).toBe(before.notes[i])));
    for (const key of ['meta', 'personas', 'groups', 'journeySteps', 'questions', 'actions'] as const) expect(after[key]).toBe(before[key]);
    expect(panel(store, persona.id, 'pains')).not.toBe(pains);
    expect(panel(store, persona.id, 'sees')).toBe(sees);
    expect(after).toEqual(readBoard(doc));
  });

  it('a write of the same value changes nothing: the board is the same object', () => {
    const { doc, store } = boardWithNotes(5);
    const before = store.board;
    const note = before.notes[2]!;
    notesMap(doc).get(note.id)!.set('text', note.text);
    expect(store.flush()).toBe(false);
    expect(store.board).toBe(before);
  });

  it('a move changes the lists of the two quadrants involved, no other', () => {
    const { doc, persona, store } = boardWithNotes(30);
    const lists = Object.fromEntries(store.lists.quadrantNotes(persona.id).map((p) => [p.quadrant.id, p]));
    moveNote(doc, panel(store, persona.id, 'sees').notes[0]!.id, 'gains');
    store.flush();
    const after = Object.fromEntries(store.lists.quadrantNotes(persona.id).map((p) => [p.quadrant.id, p]));
    expect(after.sees).not.toBe(lists.sees);
    expect(after.gains).not.toBe(lists.gains);
    for (const id of ['hears', 'thinks_feels', 'says_does', 'pains']) expect(after[id]).toBe(lists[id]);
  });

  it('another persona’s notes and a rename leave this persona’s lists alone', () => {
    const { doc, persona, store } = boardWithNotes(12);
    const other = addPersona(doc, { now: 5_000 });
    if (!other.ok) throw new Error(other.error);
    store.flush();
    const mine = store.lists.quadrantNotes(persona.id);
    const notes = store.board.notes;
    addNote(doc, noteInput(other.value.id, { text: 'elsewhere', now: 9_000 }));
    store.flush();
    expect(store.lists.quadrantNotes(persona.id)).toBe(mine);
    renamePersona(doc, persona.id, 'Busy parent');
    store.flush();
    expect(store.lists.quadrantNotes(persona.id)).toBe(mine);
    expect(store.board.notes).not.toBe(notes);
    expect(store.board.personas[0]!.name).toBe('Busy parent');
  });

  it('a deleted persona’s notes are hidden, and come back as the same objects on restore', () => {
    const { doc, persona, store } = boardWithNotes(6);
    const other = addPersona(doc, { now: 5_000 });
    if (!other.ok) throw new Error(other.error);
    store.flush();
    const notes = store.board.notes;
    deletePersona(doc, persona.id, { now: 6_000 });
    store.flush();
    expect(store.board.notes).toEqual([]);
    expect(store.board).toEqual(readBoard(doc));
    restorePersona(doc, persona.id);
    store.flush();
    expect(store.board.notes).toHaveLength(notes.length);
    store.board.notes.forEach((note, i) => expect(note).toBe(notes[i]));
  });
});

describe('BoardStore changes', () => {
  it('tells its owner once per transaction, local or remote, and a 200-note reveal is one change', () => {
    const { doc, persona } = newBoard();
    const peer = syncedCopy(doc);
    const store = new BoardStore(peer);
    const calls: boolean[] = [];
    store.onChange((isLocal) => calls.push(isLocal));
    doc.transact(() => {
      for (let i = 0; i < 200; i++) addNote(doc, noteInput(persona.id, { text: `revealed ${i}`, now: 3_000 + i }));
    });
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(peer)), 'server');
    expect(calls).toEqual([false]);
    expect(store.isStale).toBe(true);
    store.flush();
    expect(store.board.notes).toHaveLength(200);
    addNote(peer, noteInput(persona.id, { authorId: ANN.participantId, text: 'mine', now: 9_000 }));
    expect(calls).toEqual([false, true]);
    peer.getMap('unrelated').set('x', 1);
    expect(calls).toHaveLength(2);
  });

  it('skips a value that is not a record map, as readBoard does', () => {
    const { doc, store } = boardWithNotes(3);
    (notesMap(doc) as unknown as Y.Map<unknown>).set('junk000000000001', 'not a record');
    store.flush();
    expect(store.board).toEqual(readBoard(doc));
    expect(store.board.notes).toHaveLength(3);
  });

  it('stops following the doc once destroyed', () => {
    const { doc, persona, store } = boardWithNotes(1);
    const listener = vi.fn();
    store.onChange(listener);
    store.destroy();
    addNote(doc, noteInput(persona.id, { now: 9_999 }));
    expect(listener).not.toHaveBeenCalled();
    expect(store.flush()).toBe(false);
    expect(store.board.notes as Note[]).toHaveLength(1);
  });
});
