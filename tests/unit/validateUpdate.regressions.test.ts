import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addNote, deleteNote, initBoard, notesMap, readNotes } from '../../lib/board';
import { ANN, BOB, NOTE_ID, diff, noteInput, recordUpdates, syncedCopy } from './helpers/boardDocs';
import { craftUpdate } from './helpers/craftUpdate';
import { check, expectAccepted, expectRefused, serverAndClient, validNoteValues } from './helpers/validateDocs';

/**
 * Regressions: holes once found in `server/yjs/validateUpdate.ts` (each of these was accepted,
 * or threw, before the fix).
 */

describe('validateUpdate: keys named after Object.prototype members', () => {
  // `root in RECORD_FIELDS` is true for inherited names, so these roots pass as record roots.
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'refuses an unknown top-level key %j holding an empty record map',
    (root) => {
      const { server, client } = serverAndClient();
      client.getMap(root).set(NOTE_ID, new Y.Map());
      expectRefused(server, diff(client, server), /unknown top-level key/);
    },
  );

  // `fields[key]` finds Object.prototype members, and `schema.safeParse` is then not a function:
  // validateUpdate throws a TypeError instead of returning a refusal.
  it.each(['__proto__', 'constructor', 'toString'])('refuses (without throwing) the note field %j', (field) => {
    const { server, client, persona } = serverAndClient();
    const map = new Y.Map<unknown>();
    client.transact(() => {
      (notesMap(client) as Y.Map<unknown>).set(NOTE_ID, map);
      for (const [key, value] of Object.entries(validNoteValues(NOTE_ID, persona.id))) map.set(key, value);
      map.set(field, 'x');
    });
    expect(check(server, diff(client, server))).toMatchObject({ ok: false });
  });

  it('refuses (without throwing) the meta key "constructor"', () => {
    const { server, client } = serverAndClient();
    client.getMap('meta').set('constructor', 1);
    expect(check(server, diff(client, server))).toMatchObject({ ok: false });
  });
});

describe('validateUpdate: dependencies of a delete set', () => {
  // Only structs are checked; a delete set naming items the server lacks is accepted and then
  // kept by Yjs in `store.pendingDs`, in memory, until those items arrive (maybe never).
  it('refuses a delete of a note the server never received', () => {
    const { server, client, persona } = serverAndClient();
    const updates = recordUpdates(client);
    const added = addNote(client, noteInput(persona.id));
    if (!added.ok) throw new Error(added.error);
    deleteNote(client, added.value.id);
    expect(check(server, updates[1]!)).toMatchObject({ ok: false });
  });
});

describe('validateUpdate: immutable fields', () => {
  // The check "the record was created in this update" is `isInUpdate(holder)`: a client that
  // resends the record's already-stored struct alongside its write passes it.
  it('refuses rewriting the author and time of an existing note by resending the note map', () => {
    const server = new Y.Doc();
    const persona = initBoard(server, { title: 'T', now: 1 });
    const start = Y.encodeStateAsUpdate(server);
    // Ann writes the map and its fields in two transactions (as any raw client may).
    const ann = syncedCopy(server, 10);
    const annUpdates = recordUpdates(ann);
    const map = new Y.Map<unknown>();
    notesMap(ann).set(NOTE_ID, map);
    ann.transact(() => {
      for (const [key, value] of Object.entries(validNoteValues(NOTE_ID, persona.id))) map.set(key, value);
    });
    expectAccepted(server, Y.mergeUpdates(annUpdates), ANN);
    // Bob holds only the empty map, so his writes carry the map's id as an explicit parent.
    const bob = new Y.Doc();
    bob.clientID = 99;
    Y.applyUpdate(bob, start);
    Y.applyUpdate(bob, annUpdates[0]!);
    const bobsView = notesMap(bob).get(NOTE_ID)!;
    bob.transact(() => {
      bobsView.set('authorId', BOB.participantId);
      bobsView.set('authorName', BOB.name);
      bobsView.set('createdAt', 0);
    });
    expectRefused(server, diff(bob, server), /cannot change/, BOB); // the minimal diff is refused…
    const verdict = check(server, Y.encodeStateAsUpdate(bob), BOB); // …the full state is not
    if (verdict.ok) Y.applyUpdate(server, Y.encodeStateAsUpdate(bob));
    expect(readNotes(server)[0]?.authorId).toBe(ANN.participantId);
    expect(verdict.ok).toBe(false);
  });
});

describe('validateUpdate: references Yjs cannot resolve', () => {
  // `isKnown` accepts any id found in the update, but Yjs integrates one client's structs in
  // clock order and throws (after committing the earlier structs) when an item's parent or origin
  // is a later struct of the same client. An item that is its own parent is "located" as null and
  // skipped as if garbage-collected.
  const CLIENT = 777;

  it("refuses an item whose parent comes later in the same client's structs", () => {
    const { server } = serverAndClient();
    const update = craftUpdate([
      {
        client: CLIENT,
        clock: 0,
        items: [
          { parent: 'notes', parentSub: 'note00000000000a', content: { map: true } },
          { parent: { client: CLIENT, clock: 2 }, parentSub: 'text', content: { any: 'x' } },
          { parent: 'notes', parentSub: 'note00000000000b', content: { map: true } },
        ],
      },
    ]);
    const copy = syncedCopy(server);
    expect(() => Y.applyUpdate(copy, update)).toThrow(); // what the room would do after "ok"
    expect(check(server, update)).toMatchObject({ ok: false });
  });

  it('refuses an item that is its own parent', () => {
    const { server } = serverAndClient();
    const update = craftUpdate([
      { client: CLIENT, clock: 0, items: [{ parent: { client: CLIENT, clock: 0 }, parentSub: 'text', content: { any: 'x' } }] },
    ]);
    expect(check(server, update)).toMatchObject({ ok: false });
  });
});

describe('craftUpdate (the helper the tests above rely on)', () => {
  it('encodes a note that validates and reads back like one written through Y.Map', () => {
    const { server, persona } = serverAndClient();
    const values = validNoteValues(NOTE_ID, persona.id);
    const update = craftUpdate([
      {
        client: 4242,
        clock: 0,
        items: [
          { parent: 'notes', parentSub: NOTE_ID, content: { map: true } },
          ...Object.entries(values).map(([key, value]) => ({
            parent: { client: 4242, clock: 0 },
            parentSub: key,
            content: { any: value },
          })),
        ],
      },
    ]);
    expectAccepted(server, update);
    expect(readNotes(server)).toEqual([values]);
  });
});

describe('validateUpdate: who may change the workshop itself', () => {
  it('refuses a valid title change from a participant, accepts it from the facilitator', () => {
    const { server, client } = serverAndClient();
    client.getMap('meta').set('title', 'Renamed');
    expectRefused(server, diff(client, server), /only the facilitator/);
    expectAccepted(server, diff(client, server), { ...ANN, role: 'facilitator' });
  });
});
