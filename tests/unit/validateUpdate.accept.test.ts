import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  deleteNote,
  editNoteText,
  moveNote,
  notesMap,
  personasMap,
  readBoard,
  readNotes,
  setNoteColor,
  setNoteEvidence,
} from '../../lib/board';
import { LIMITS } from '../../lib/limits';
import { BOB, NOTE_ID, diff, recordUpdates, syncedCopy } from './helpers/boardDocs';
import { addedNote, expectAccepted, noteMap, serverAndClient, validNoteValues, writeRawNote } from './helpers/validateDocs';

describe('validateUpdate accepts what a participant legitimately sends', () => {
  it('a note added by that participant', () => {
    const { server, client, persona } = serverAndClient();
    const note = addedNote(client, persona.id);
    expectAccepted(server, diff(client, server));
    expect(readNotes(server)).toEqual([note]);
  });

  it('a note written field by field through raw Y.Map writes', () => {
    const { server, client, persona } = serverAndClient();
    writeRawNote(client, NOTE_ID, validNoteValues(NOTE_ID, persona.id));
    expectAccepted(server, diff(client, server));
    expect(readNotes(server)).toEqual([validNoteValues(NOTE_ID, persona.id)]);
  });

  it('text of exactly the length limit', () => {
    const { server, client, persona } = serverAndClient();
    addedNote(client, persona.id, { text: 'x'.repeat(LIMITS.noteTextChars) });
    expectAccepted(server, diff(client, server));
  });

  it('updates captured from doc.on("update"), one by one, in order', () => {
    const { server, client, persona } = serverAndClient();
    const updates = recordUpdates(client);
    const note = addedNote(client, persona.id);
    editNoteText(client, note.id, 'Compares prices on two phones');
    moveNote(client, note.id, 'thinks_feels');
    setNoteColor(client, note.id, 'orange');
    expect(updates).toHaveLength(4);
    for (const update of updates) expectAccepted(server, update);
    expect(readBoard(server)).toEqual(readBoard(client));
  });

  describe('changes to a note someone else wrote', () => {
    function setup() {
      const { server, client: ann, persona } = serverAndClient();
      const note = addedNote(ann, persona.id);
      expectAccepted(server, diff(ann, server));
      return { server, bob: syncedCopy(server), note };
    }
    const FACILITATOR = { participantId: 'fac0000000000009', name: 'Facilitator', role: 'facilitator' as const };

    it.each([
      ['a move', (doc: Y.Doc, id: string) => moveNote(doc, id, 'gains')],
      ['a colour change', (doc: Y.Doc, id: string) => setNoteColor(doc, id, 'purple')],
      ['an evidence label', (doc: Y.Doc, id: string) => setNoteEvidence(doc, id, 'observed')],
    ])('%s, by another participant (sorting is collaborative)', (_label, change) => {
      const { server, bob, note } = setup();
      expect(change(bob, note.id).ok).toBe(true);
      expectAccepted(server, diff(bob, server), BOB);
      expect(readBoard(server)).toEqual(readBoard(bob));
    });

    it.each([
      ['an edit of the text', (doc: Y.Doc, id: string) => editNoteText(doc, id, 'The facilitator rewrote this')],
      ['a delete', (doc: Y.Doc, id: string) => deleteNote(doc, id)],
    ])('%s, by the facilitator', (_label, change) => {
      const { server, bob: facilitator, note } = setup();
      expect(change(facilitator, note.id).ok).toBe(true);
      expectAccepted(server, diff(facilitator, server), FACILITATOR);
      expect(readBoard(server)).toEqual(readBoard(facilitator));
    });

    it('a move and a colour change in one update', () => {
      const { server, bob, note } = setup();
      bob.transact(() => {
        moveNote(bob, note.id, 'sees');
        setNoteColor(bob, note.id, 'green');
      });
      expectAccepted(server, diff(bob, server), BOB);
      expect(readNotes(server)).toEqual([{ ...note, quadrant: 'sees', color: 'green' }]);
    });

    it('the same field overwritten twice before syncing', () => {
      const { server, bob, note } = setup();
      moveNote(bob, note.id, 'hears');
      moveNote(bob, note.id, 'gains');
      setNoteColor(bob, note.id, 'blue');
      setNoteColor(bob, note.id, 'blue');
      expectAccepted(server, diff(bob, server), BOB);
      expect(readNotes(server)).toEqual([{ ...note, quadrant: 'gains', color: 'blue' }]);
    });

    it('a raw overwrite of the same field twice inside one transaction', () => {
      const { server, bob, note } = setup();
      bob.transact(() => {
        noteMap(bob, note.id).set('color', 'green');
        noteMap(bob, note.id).set('color', 'orange');
      });
      expectAccepted(server, diff(bob, server), BOB);
      expect(readNotes(server)[0]?.color).toBe('orange');
    });

    it('a move of a note the facilitator deleted meanwhile (it changes nothing)', () => {
      const { server, bob, note } = setup();
      const facilitator = syncedCopy(server);
      deleteNote(facilitator, note.id);
      expectAccepted(server, diff(facilitator, server), FACILITATOR);
      moveNote(bob, note.id, 'sees');
      expectAccepted(server, diff(bob, server), BOB);
      expect(readNotes(server)).toEqual([]);
    });
  });

  it('a new note edited, moved and recoloured before the first sync', () => {
    const { server, client, persona } = serverAndClient();
    const note = addedNote(client, persona.id);
    editNoteText(client, note.id, 'v2');
    editNoteText(client, note.id, 'v3');
    moveNote(client, note.id, 'sees');
    setNoteColor(client, note.id, 'green');
    expectAccepted(server, diff(client, server));
    expect(readNotes(server)).toEqual([{ ...note, text: 'v3', quadrant: 'sees', color: 'green' }]);
  });

  it('a note added and deleted before the first sync', () => {
    const { server, client, persona } = serverAndClient();
    const note = addedNote(client, persona.id);
    deleteNote(client, note.id);
    expectAccepted(server, diff(client, server));
    expect(notesMap(server).has(note.id)).toBe(false);
  });

  it('several notes from one participant in one update', () => {
    const { server, client, persona } = serverAndClient();
    for (let i = 0; i < 20; i++) addedNote(client, persona.id, { text: `idea ${i}`, now: 5_000 + i });
    expectAccepted(server, diff(client, server));
    expect(readNotes(server)).toHaveLength(20);
  });

  it('a resend of content the server already has, and an empty update', () => {
    const { server, client, persona } = serverAndClient();
    addedNote(client, persona.id);
    expectAccepted(server, diff(client, server));
    const before = Y.encodeStateAsUpdate(server);
    expectAccepted(server, Y.encodeStateAsUpdate(client));
    expectAccepted(server, diff(client, server));
    expect(Y.encodeStateAsUpdate(server)).toEqual(before);
  });

  it('any author when the caller passes no author (server-side writes)', () => {
    const { server, client, persona } = serverAndClient();
    addedNote(client, persona.id, { authorId: BOB.participantId, authorName: BOB.name });
    expectAccepted(server, diff(client, server), null);
  });

  it('a valid persona record and a persona rename', () => {
    const { server, client, persona } = serverAndClient();
    const map = new Y.Map<unknown>();
    client.transact(() => {
      personasMap(client).set('persona000000002', map);
      for (const [key, value] of Object.entries({ id: 'persona000000002', name: 'Student', order: 2, createdAt: 9 })) {
        map.set(key, value);
      }
      personasMap(client).get(persona.id)?.set('name', 'Commuter');
    });
    expectAccepted(server, diff(client, server));
    expect(readBoard(server).personas.map((p) => p.name)).toEqual(['Commuter', 'Student']);
  });
});
