import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addNote, deleteNote, editNoteText, moveNote, notesMap, readBoard, readNote, setNoteEvidence } from '../../lib/board';
import { createGroup } from '../../lib/groups';
import { FACILITATOR_RESTORES_NOTES } from '../../lib/history';
import { NoteSchema } from '../../lib/note';
import { addPersona } from '../../lib/personaBoard';
import { setProfileField } from '../../lib/profileBoard';
import { BoardHistory } from '../../components/sync/BoardHistory';
import { validateUpdate, type UpdateAuthor } from '../../server/yjs/validateUpdate';
import { ANN, BOB, newBoard, noteInput } from './helpers/boardDocs';

/**
 * Undo/redo of one browser's own changes (`BoardHistory`) among peers that merge through a
 * server doc, the way y-websocket applies remote updates: with a non-null origin. Every update a
 * peer sends passes the server's validator as that peer's participant, so an undo that would be
 * refused fails the test.
 */

const FACILITATOR = { participantId: 'fac0000000000003', name: 'Fran', role: 'facilitator' as const };
/** What y-websocket's provider is to a doc: the origin of everything the server sends. */
const PROVIDER = { name: 'provider' };

interface Peer {
  doc: Y.Doc;
  history: BoardHistory;
  author: UpdateAuthor;
  isOnline: boolean;
  /** Local updates not yet sent (while offline). */
  outbox: Uint8Array[];
}

class Room {
  readonly server: Y.Doc;
  readonly personaId: string;
  readonly peers: Peer[] = [];
  /** Updates the server refused, with the reason: a test expects none. */
  readonly refused: string[] = [];

  constructor() {
    const { doc, persona } = newBoard();
    this.server = doc;
    this.personaId = persona.id;
  }

  join(author: UpdateAuthor, clientId: number): Peer {
    const doc = new Y.Doc();
    doc.clientID = clientId;
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.server), PROVIDER);
    const peer: Peer = { doc, history: new BoardHistory(doc, author), author, isOnline: true, outbox: [] };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === PROVIDER) return;
      if (peer.isOnline) this.send(peer, update);
      else peer.outbox.push(update);
    });
    this.peers.push(peer);
    return peer;
  }

  private send(from: Peer, update: Uint8Array): void {
    const verdict = validateUpdate(this.server, update, { author: from.author, docBytes: 0 });
    if (!verdict.ok) {
      this.refused.push(verdict.error);
      return;
    }
    Y.applyUpdate(this.server, update, from);
    for (const peer of this.peers) if (peer !== from && peer.isOnline) Y.applyUpdate(peer.doc, update, PROVIDER);
  }

  disconnect(peer: Peer): void {
    peer.isOnline = false;
  }

  /** Sync step 1/2 both ways, as y-websocket does on every (re)connect. */
  reconnect(peer: Peer): void {
    peer.isOnline = true;
    peer.outbox.length = 0;
    const missing = Y.encodeStateAsUpdate(peer.doc, Y.encodeStateVector(this.server));
    Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(this.server, Y.encodeStateVector(peer.doc)), PROVIDER);
    this.send(peer, missing);
  }
}

const texts = (doc: Y.Doc) => readBoard(doc).notes.map((note) => note.text);

function add(peer: Peer, room: Room, text: string) {
  const result = addNote(peer.doc, noteInput(room.personaId, { text, authorId: peer.author.participantId, authorName: peer.author.name }));
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('BoardHistory: undo and redo of this browser’s own changes', () => {
  it('undo removes only my note; the other person’s stays; redo brings mine back, valid and unchanged', () => {
    const room = new Room();
    const ann = room.join(ANN, 1);
    const bob = room.join(BOB, 2);
    const mine = add(ann, room, 'Mine');
    add(bob, room, 'Bob’s');
    expect(texts(ann.doc).sort()).toEqual(['Bob’s', 'Mine']);

    expect(ann.history.undo()).toEqual({ ok: true, value: undefined });
    for (const doc of [ann.doc, bob.doc, room.server]) expect(texts(doc)).toEqual(['Bob’s']);
    expect(bob.history.getState().canUndo).toBe(true); // Bob's own add, untouched by Ann's undo

    expect(ann.history.redo().ok).toBe(true);
    for (const doc of [ann.doc, bob.doc, room.server]) {
      expect(readNote(doc, mine.id)).toEqual(mine);
      expect(NoteSchema.safeParse(notesMap(doc).get(mine.id)?.toJSON()).success).toBe(true);
    }
    expect(room.refused).toEqual([]);
  });

  it('never tracks remote changes: a peer that only received has nothing to undo', () => {
    const room = new Room();
    const ann = room.join(ANN, 1);
    const bob = room.join(BOB, 2);
    const note = add(bob, room, 'Bob’s');
    editNoteText(bob.doc, note.id, 'Bob’s, edited');
    expect(ann.history.getState()).toMatchObject({ canUndo: false, canRedo: false });
    expect(ann.history.undo()).toEqual({ ok: false, error: 'Nothing to undo.' });
    expect(texts(ann.doc)).toEqual(['Bob’s, edited']);
  });

  it('undoing my edit keeps a later edit by someone else (the facilitator: only they edit another’s note)', () => {
    const room = new Room();
    const ann = room.join(ANN, 1);
    const fran = room.join(FACILITATOR, 3);
    // Ann wrote the note on her phone; her laptop's history holds only the edit.
    const note = add(room.join(ANN, 4), room, 'Original');
    editNoteText(ann.doc, note.id, 'Ann’s wording');
    editNoteText(fran.doc, note.id, 'Fran’s wording');
    ann.history.undo();
    for (const doc of [ann.doc, fran.doc, room.server]) expect(readNote(doc, note.id)?.text).toBe('Fran’s wording');
    expect(room.refused).toEqual([]);
  });

  it('undoing my edit restores the text before it, on every peer', () => {
    const room = new Room();
    const ann = room.join(ANN, 1);
    const bob = room.join(BOB, 2);
    const note = add(ann, room, 'Original');
    moveNote(ann.doc, note.id, 'gains');
    editNoteText(ann.doc, note.id, 'Ann’s wording');
    ann.history.undo();
    expect(readNote(bob.doc, note.id)).toMatchObject({ text: 'Original', quadrant: 'gains' });
    ann.history.undo();
    expect(readNote(bob.doc, note.id)).toMatchObject({ text: 'Original', quadrant: 'pains' });
    ann.history.redo();
    expect(readNote(bob.doc, note.id)).toMatchObject({ quadrant: 'gains' });
    expect(room.refused).toEqual([]);
  });

  it('a concurrent edit that lost to mine is not left without a value when I undo', () => {
    const room = new Room();
    const ann = room.join(ANN, 9); // the higher client id wins a concurrent write of one field
    const fran = room.join(FACILITATOR, 3);
    const note = add(room.join(ANN, 4), room, 'Original'); // from Ann's phone
    room.disconnect(ann);
    room.disconnect(fran);
    editNoteText(ann.doc, note.id, 'Ann’s wording');
    editNoteText(fran.doc, note.id, 'Fran’s wording');
    room.reconnect(fran);
    room.reconnect(ann);
    expect(readNote(fran.doc, note.id)?.text).toBe('Ann’s wording');
    ann.history.undo();
    // Yjs cannot put 'Original' back over Fran's concurrent value; the field keeps a value.
    for (const doc of [ann.doc, fran.doc, room.server]) expect(readNote(doc, note.id)?.text).toBe('Ann’s wording');
    expect(room.refused).toEqual([]);
  });

  it('undoing the first write of an optional field clears it as the app does, never unsets it', () => {
    const room = new Room();
    const ann = room.join(ANN, 1);
    const note = add(ann, room, 'Parking');
    const personaId = room.personaId;
    setNoteEvidence(ann.doc, note.id, 'observed');
    setProfileField(ann.doc, personaId, 'quote', 'I never have time');
    const deletesWithoutWrite: number[] = [];
    ann.doc.on('update', (update: Uint8Array) => {
      const { structs, ds } = Y.decodeUpdate(update);
      if (structs.length === 0 && ds.clients.size > 0) deletesWithoutWrite.push(update.byteLength);
    });
    ann.history.undo();
    ann.history.undo();
    expect(notesMap(room.server).get(note.id)?.get('evidence')).toBeNull();
    expect(room.server.getMap('personas').get(personaId)).toBeInstanceOf(Y.Map);
    expect((room.server.getMap('personas').get(personaId) as Y.Map<unknown>).get('quote')).toBe('');
    expect(deletesWithoutWrite).toEqual([]);
    ann.history.redo();
    ann.history.redo();
    expect(readNote(room.server, note.id)?.evidence).toBe('observed');
    expect(readBoard(room.server).personas[0]?.quote).toBe('I never have time');
    expect(room.refused).toEqual([]);
  });

  it('a participant can undo deleting their own note: re-created with the same id and fields, accepted by the server', () => {
    const room = new Room();
    const ann = room.join(ANN, 1);
    const fran = room.join(FACILITATOR, 3);
    const mine = add(ann, room, 'Mine');
    editNoteText(fran.doc, mine.id, 'Mine, as Fran put it');
    deleteNote(ann.doc, mine.id);
    expect(readNote(fran.doc, mine.id)).toBeNull();
    expect(ann.history.getState().canUndo).toBe(true);
    expect(ann.history.undo().ok).toBe(true);
    for (const doc of [ann.doc, fran.doc, room.server]) expect(readNote(doc, mine.id)).toEqual({ ...mine, text: 'Mine, as Fran put it' });
    expect(room.refused).toEqual([]);
  });

  it('a note someone edited while I deleted it is not brought back half-filled: explained instead', () => {
    const room = new Room();
    const ann = room.join(ANN, 1);
    const bob = room.join(BOB, 2);
    const mine = add(ann, room, 'Mine');
    room.disconnect(bob);
    editNoteText(bob.doc, mine.id, 'Edited while it was being deleted');
    deleteNote(ann.doc, mine.id);
    room.reconnect(bob);
    expect(ann.history.undo()).toEqual({ ok: false, error: expect.stringContaining('changed that record') });
    for (const doc of [ann.doc, bob.doc, room.server]) expect(notesMap(doc).has(mine.id)).toBe(false);
  });

  it('a participant cannot undo deleting someone else’s note (a stale browser’s delete): explained, nothing sent, and the server would refuse it', () => {
    const room = new Room();
    const ann = room.join(ANN, 1);
    const bob = room.join(BOB, 2);
    const note = add(bob, room, 'Bob’s');
    add(ann, room, 'Mine');
    const beforeDelete = Y.encodeStateAsUpdate(room.server);
    deleteNote(ann.doc, note.id); // the app offers no Delete on another's note; the server refuses it
    expect(room.refused).toEqual([expect.stringContaining('may not delete')]);
    expect(readNote(room.server, note.id)).toEqual(note);
    expect(ann.history.getState()).toMatchObject({ canUndo: false, undoBlockedBy: expect.stringContaining('someone else') });
    expect(ann.history.undo()).toEqual({ ok: false, error: expect.stringContaining('someone else') });
    expect(room.refused).toHaveLength(1); // the undo sent nothing

    // What a plain Y.UndoManager would send instead: the server refuses it as a forged author.
    const server = new Y.Doc();
    const plain = new Y.Doc();
    for (const doc of [server, plain]) Y.applyUpdate(doc, beforeDelete, PROVIDER);
    const manager = new Y.UndoManager(notesMap(plain));
    const sent: Uint8Array[] = [];
    plain.on('update', (update: Uint8Array) => sent.push(update));
    deleteNote(plain, note.id);
    Y.applyUpdate(server, sent[0]!);
    manager.undo();
    expect(sent).toHaveLength(2);
    expect(validateUpdate(server, sent[1]!, { author: ANN, docBytes: 0 })).toMatchObject({ ok: false, error: 'forged author' });
  });

  it('the facilitator is offered undoing the delete of a participant’s note exactly when the server accepts it', () => {
    const room = new Room();
    const bob = room.join(BOB, 2);
    const fran = room.join(FACILITATOR, 3);
    const note = add(bob, room, 'Bob’s');
    const beforeDelete = Y.encodeStateAsUpdate(room.server);
    deleteNote(fran.doc, note.id);
    expect(room.refused).toEqual([]); // the facilitator may delete anyone's note

    // What restoring it sends (a plain UndoManager's undo), and the validator's verdict on it.
    const server = new Y.Doc();
    const plain = new Y.Doc();
    for (const doc of [server, plain]) Y.applyUpdate(doc, beforeDelete, PROVIDER);
    const manager = new Y.UndoManager(notesMap(plain));
    const sent: Uint8Array[] = [];
    plain.on('update', (update: Uint8Array) => sent.push(update));
    deleteNote(plain, note.id);
    Y.applyUpdate(server, sent[0]!);
    manager.undo();
    const isAccepted = validateUpdate(server, sent[1]!, { author: FACILITATOR, docBytes: 0 }).ok;

    expect(FACILITATOR_RESTORES_NOTES, 'FACILITATOR_RESTORES_NOTES must say what the validator does').toBe(isAccepted);
    expect(fran.history.getState().canUndo).toBe(isAccepted);
    fran.history.undo();
    expect(readNote(room.server, note.id)).toEqual(isAccepted ? note : null);
    expect(room.refused).toEqual([]);
  });

  it('adding a persona is not undone by erasing it: explained instead', () => {
    const room = new Room();
    const ann = room.join(ANN, 1);
    addPersona(ann.doc);
    expect(ann.history.getState()).toMatchObject({ canUndo: false, undoBlockedBy: expect.stringContaining('persona') });
    expect(readBoard(ann.doc).personas).toHaveLength(2);
  });

  it('a group made and undone and redone comes back with its notes', () => {
    const room = new Room();
    const ann = room.join(ANN, 1);
    const bob = room.join(BOB, 2);
    const a = add(ann, room, 'Parking');
    const b = add(bob, room, 'No bike racks');
    const group = createGroup(ann.doc, { personaId: room.personaId, quadrant: 'pains', name: 'Getting there', noteIds: [a.id, b.id] });
    expect(group.ok).toBe(true);
    ann.history.undo();
    expect(readBoard(bob.doc).groups).toEqual([]);
    expect(readBoard(bob.doc).notes.map((note) => note.groupId ?? null)).toEqual([null, null]);
    ann.history.redo();
    expect(readBoard(bob.doc).groups.map((g) => g.name)).toEqual(['Getting there']);
    expect(new Set(readBoard(bob.doc).notes.map((note) => note.groupId))).toEqual(new Set([group.ok && group.value.id]));
    expect(room.refused).toEqual([]);
  });

  it('keeps working across a reconnect: changes made offline undo after the merge, others’ stay', () => {
    const room = new Room();
    const ann = room.join(ANN, 1);
    const bob = room.join(BOB, 2);
    const before = add(ann, room, 'Before');
    room.disconnect(ann);
    add(ann, room, 'Offline');
    add(bob, room, 'Bob while Ann was away');
    room.reconnect(ann);
    expect(texts(bob.doc).sort()).toEqual(['Before', 'Bob while Ann was away', 'Offline']);
    ann.history.undo();
    ann.history.undo();
    for (const doc of [ann.doc, bob.doc, room.server]) expect(texts(doc)).toEqual(['Bob while Ann was away']);
    ann.history.redo();
    expect(readNote(bob.doc, before.id)).toEqual(before);
    expect(room.refused).toEqual([]);
  });

  it('a note deleted by its author while I had moved it is not brought back by my undo', () => {
    const room = new Room();
    const ann = room.join(ANN, 1);
    const bob = room.join(BOB, 2);
    const note = add(bob, room, 'Bob’s');
    moveNote(ann.doc, note.id, 'gains');
    deleteNote(bob.doc, note.id);
    expect(ann.history.undo()).toEqual({ ok: false, error: 'Nothing to undo.' });
    for (const doc of [ann.doc, bob.doc, room.server]) expect(readNote(doc, note.id)).toBeNull();
  });

  it('three peers: undoing all of mine leaves every note the others wrote, with their last text', () => {
    const room = new Room();
    const [ann, bob, cat] = [
      room.join(ANN, 1),
      room.join(BOB, 2),
      room.join({ ...BOB, participantId: 'cat0000000000004', name: 'Cat' }, 3),
    ];
    const others = [add(bob, room, 'b1'), add(cat, room, 'c1')];
    const mine = [add(ann, room, 'a1'), add(ann, room, 'a2')];
    room.disconnect(cat);
    moveNote(ann.doc, others[0]!.id, 'gains'); // sorting another's note: anyone may
    moveNote(ann.doc, others[1]!.id, 'sees');
    editNoteText(cat.doc, others[1]!.id, 'c1 by Cat, offline');
    deleteNote(ann.doc, mine[0]!.id);
    room.reconnect(cat);
    while (ann.history.getState().canUndo) ann.history.undo();
    for (const doc of [ann.doc, bob.doc, cat.doc, room.server]) {
      expect(readNote(doc, others[0]!.id)).toEqual(others[0]);
      expect(readNote(doc, others[1]!.id)).toEqual({ ...others[1], text: 'c1 by Cat, offline' });
      expect(readBoard(doc).notes).toHaveLength(2);
    }
    expect(room.refused).toEqual([]);
  });
});
