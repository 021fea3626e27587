import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addNote, deleteNote, initBoard, notesMap, personasMap, readNotes } from '../../lib/board';
import { addPersona } from '../../lib/personaBoard';
import { ANN, BOB, NOTE_ID, diff, noteInput, recordUpdates, syncedCopy } from './helpers/boardDocs';
import { craftUpdate } from './helpers/craftUpdate';
import { check, expectAccepted, expectRefused, ownersOf, serverAndClient, validNoteValues } from './helpers/validateDocs';

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

describe('validateUpdate: found by the yjs-structs fuzzer', () => {
  const MALLORY = { participantId: 'mal0000000000003', name: 'Mallory', role: 'participant' as const };

  // Only new structs were checked for dependencies. Yjs asks every item of an update for its
  // dependencies, one it already has too, and parks it (with the rest of that client's structs)
  // in `store.pendingStructs` when one is missing: there forever, and `encodeStateAsUpdate` merges
  // it into every join, so each new client got a bogus struct at a known clock and could never
  // integrate that client's content (fresh clients and the long-lived ones diverged).
  it('refuses a resent struct the server has, carrying an origin the server lacks', () => {
    const { server } = serverAndClient();
    const first = craftUpdate([{ client: 3_000_000_001, clock: 0, items: [{ gc: 2 }] }]);
    expectAccepted(server, first, MALLORY);
    const resend = craftUpdate([
      {
        client: 3_000_000_001,
        clock: 0,
        items: [{ origin: { client: server.clientID, clock: 42 }, content: { any: 'x' } }, { gc: 1 }, { gc: 3 }],
      },
    ]);
    const copy = syncedCopy(server);
    Y.applyUpdate(copy, resend);
    expect(copy.store.pendingStructs, 'what Yjs does with it').not.toBeNull();
    expectRefused(server, resend, /depends on content the server does not have/, MALLORY);
  });
});

describe('validateUpdate: the last persona (found by the yjs-structs fuzzer)', () => {
  // Anyone may hide a persona (`deletedAt`); the lib refuses to hide the last one, but the server
  // did not: a participant's raw write left a board with no persona (nothing could be added to
  // it) and an export.json that no longer imported ("The export has no personas").
  it('refuses hiding or erasing the last persona on the board, from anyone', () => {
    const { server, persona } = serverAndClient();
    const hide = syncedCopy(server);
    personasMap(hide).get(persona.id)!.set('deletedAt', 5);
    expectRefused(server, diff(hide, server), /at least one persona/);
    const erase = syncedCopy(server);
    personasMap(erase).delete(persona.id);
    expectRefused(server, diff(erase, server), /at least one persona/, { ...ANN, role: 'facilitator' });
  });

  it('accepts hiding one of two personas, and hiding one while adding another', () => {
    const { server, persona } = serverAndClient();
    const client = syncedCopy(server);
    const added = addPersona(client, { name: 'Second' });
    personasMap(client).get(persona.id)!.set('deletedAt', 5);
    expect(added.ok).toBe(true);
    expectAccepted(server, diff(client, server));
  });
});

describe('validateUpdate: a struct straddling the server state (found by the yjs-structs fuzzer)', () => {
  // A struct that starts below the server's state for its client and ends above it passed as
  // new, checked where it says it lands. Yjs integrates only its unknown tail, re-anchored right
  // after that client's last struct: here a deleted placeholder "under notes.zzz…" landed on the
  // sender's own note's createdAt, removed it, and left an invalid note nobody could see or delete.
  it("refuses it (honest clients start exactly at the server's state)", () => {
    const { server, persona } = serverAndClient();
    const mallory = syncedCopy(server);
    mallory.clientID = 3_000_000_001;
    const owners = ownersOf({ 3_000_000_001: 'mal0000000000003' });
    addNote(mallory, noteInput(persona.id, { authorId: 'mal0000000000003', authorName: 'Mallory' }));
    const MALLORY = { participantId: 'mal0000000000003', name: 'Mallory', role: 'participant' as const };
    expectAccepted(server, diff(mallory, server), MALLORY, owners);
    Y.applyUpdate(server, diff(mallory, server));
    const state = Y.getState(server.store, 3_000_000_001);
    const straddling = craftUpdate([
      { client: 3_000_000_001, clock: state - 1, items: [{ parent: 'notes', parentSub: 'zzzzzzzzzzzzzzzz', content: { deleted: 2 } }] },
    ]);
    const copy = syncedCopy(server);
    Y.applyUpdate(copy, straddling);
    expect(readNotes(copy), 'what Yjs does with it').toEqual([]);
    expectRefused(server, straddling, /straddles/, MALLORY, 0, owners);
  });
});
