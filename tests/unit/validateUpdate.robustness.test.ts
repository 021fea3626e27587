import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { editNoteText, moveNote, notesMap, readBoard, readNotes } from '../../lib/board';
import { LIMITS } from '../../lib/limits';
import { BOB, diff, recordUpdates, syncedCopy } from './helpers/boardDocs';
import { seededRng } from '../helpers/prng';
import { addedNote, check, expectAccepted, expectRefused, serverAndClient } from './helpers/validateDocs';

const BOARD_ROOT_NAMES = ['meta', 'personas', 'notes'];

describe('validateUpdate refuses updates whose dependencies the server lacks', () => {
  it('the second of two client updates sent without the first', () => {
    const { server, client, persona } = serverAndClient();
    const updates = recordUpdates(client);
    const note = addedNote(client, persona.id);
    editNoteText(client, note.id, 'second thoughts');
    const [first, second] = updates;
    expectRefused(server, second!, /skips ahead of the document/);
    expectAccepted(server, first!);
    expectAccepted(server, second!);
    expect(readNotes(server)[0]?.text).toBe('second thoughts');
  });

  it('an edit by one participant of a note the server has not received from another', () => {
    const { server, client: ann, persona } = serverAndClient();
    const note = addedNote(ann, persona.id);
    const bob = syncedCopy(ann);
    const bobsUpdates = recordUpdates(bob);
    moveNote(bob, note.id, 'gains');
    expect(bobsUpdates).toHaveLength(1);
    expectRefused(server, bobsUpdates[0]!, /depends on content the server does not have/, BOB);
    expectAccepted(server, diff(ann, server));
    expectAccepted(server, bobsUpdates[0]!, BOB);
  });
});

describe('validateUpdate never touches the doc', () => {
  it('emits no update and changes no state, whether it accepts or refuses', () => {
    const { server, client, persona } = serverAndClient();
    addedNote(client, persona.id);
    const legit = diff(client, server);
    const forger = syncedCopy(server);
    addedNote(forger, persona.id, { authorId: BOB.participantId, authorName: BOB.name });
    const forged = diff(forger, server);
    const events = recordUpdates(server);
    const board = readBoard(server);
    const stateVector = Y.encodeStateVector(server);
    expect(check(server, forged).ok).toBe(false);
    expect(check(server, legit).ok).toBe(true);
    expect(events).toHaveLength(0);
    expect(readBoard(server)).toEqual(board);
    expect(Y.encodeStateVector(server)).toEqual(stateVector);
  });
});

describe('validateUpdate on bytes that are not a valid update', () => {
  function realUpdate() {
    const { server, client, persona } = serverAndClient();
    for (let i = 0; i < 3; i++) addedNote(client, persona.id, { text: `note ${i}`, now: 10 + i });
    return { server, update: diff(client, server) };
  }

  it('refuses the empty byte string and every truncation of a real update', () => {
    const { server, update } = realUpdate();
    for (let length = 0; length < update.length; length++) {
      const verdict = check(server, update.slice(0, length));
      expect(verdict.ok, `truncated to ${length} of ${update.length} bytes`).toBe(false);
    }
    expectAccepted(server, update);
  });

  it('never throws or changes the doc on random bytes, and what it accepts applies cleanly', () => {
    const { server } = realUpdate();
    const before = Y.encodeStateAsUpdate(server);
    const rng = seededRng(2024);
    let refused = 0;
    for (let run = 0; run < 400; run++) {
      const bytes = Uint8Array.from({ length: 1 + rng.int(96) }, () => rng.int(256));
      const verdict = check(server, bytes);
      if (!verdict.ok) {
        refused++;
        continue;
      }
      const copy = syncedCopy(server);
      Y.applyUpdate(copy, bytes);
      expect(
        [...copy.share.keys()].every((key) => BOARD_ROOT_NAMES.includes(key)),
        `run ${run}`,
      ).toBe(true);
    }
    expect(refused).toBeGreaterThan(390);
    expect(Y.encodeStateAsUpdate(server)).toEqual(before);
  });

  it('never throws or changes the doc when bytes of a real update are corrupted', () => {
    const { server, update } = realUpdate();
    const before = Y.encodeStateAsUpdate(server);
    const rng = seededRng(7);
    for (let run = 0; run < 400; run++) {
      const bytes = update.slice();
      for (let flips = 1 + rng.int(3); flips > 0; flips--) bytes[rng.int(bytes.length)] = rng.int(256);
      expect(() => check(server, bytes), `run ${run}`).not.toThrow();
    }
    expect(Y.encodeStateAsUpdate(server)).toEqual(before);
  });
});

describe('validateUpdate enforces the size limits', () => {
  it('refuses an update that would take the doc over 8 MiB, and accepts one that reaches it exactly', () => {
    const { server, client, persona } = serverAndClient();
    addedNote(client, persona.id);
    const update = diff(client, server);
    expect(LIMITS.docBytes).toBe(8 * 1024 * 1024);
    expectRefused(server, update, /over its size limit/, undefined, LIMITS.docBytes);
    expectRefused(server, update, /over its size limit/, undefined, LIMITS.docBytes - update.byteLength + 1);
    expect(check(server, update, undefined, LIMITS.docBytes - update.byteLength)).toMatchObject({ ok: true });
  });

  it('checks the size before decoding, so a huge blob costs nothing', () => {
    const { server } = serverAndClient();
    const blob = new Uint8Array(LIMITS.docBytes + 1);
    expectRefused(server, blob, /over its size limit/);
  });

  it('refuses notes beyond the limit, but still accepts the last one and later edits', () => {
    const { server, client, persona } = serverAndClient();
    const other = syncedCopy(server);
    const late = syncedCopy(server);
    // Empty maps are enough: the limit counts entries, and they keep this fast.
    server.transact(() => {
      for (let i = 0; i < LIMITS.notesPerWorkshop - 1; i++) notesMap(server).set(`filler${String(i).padStart(10, '0')}`, new Y.Map());
    });
    addedNote(other, persona.id, { now: 1 });
    addedNote(other, persona.id, { now: 2 });
    expectRefused(server, diff(other, server), /board is full/);
    const last = addedNote(client, persona.id);
    expectAccepted(server, diff(client, server));
    expect(notesMap(server).size).toBe(LIMITS.notesPerWorkshop);
    addedNote(late, persona.id);
    expectRefused(server, diff(late, server), /board is full/);
    editNoteText(client, last.id, 'edited on a full board');
    expectAccepted(server, diff(client, server));
  });
});
