import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addNote, deleteNote, notesMap } from '../../lib/board';
import { LIMITS } from '../../lib/limits';
import { RecordCounts } from '../../server/yjs/recordCounts';
import { validateUpdate } from '../../server/yjs/validateUpdate';
import { ANN, diff, newBoard, noteInput, syncedCopy } from './helpers/boardDocs';
import { seededRng, type Rng } from '../helpers/prng';

/**
 * The room's record counts replace `Y.Map.size` (a walk over every entry) in the validator's
 * caps, so they must equal it after anything Yjs can do to a root map: adds, deletes, a key
 * set again after its delete, a key set and deleted in one transaction, two clients setting the
 * same key concurrently (one value wins, the other is deleted on arrival), updates arriving out
 * of order and merged.
 */

const ROOTS = ['notes', 'groups'];
const KEYS = Array.from({ length: 6 }, (_, i) => `record${String(i).padStart(10, '0')}`);

function randomChange(doc: Y.Doc, rng: Rng): void {
  const map = doc.getMap(rng.pick(ROOTS));
  const key = rng.pick(KEYS);
  const roll = rng.next();
  if (roll < 0.45) map.set(key, new Y.Map());
  else if (roll < 0.75) map.delete(key);
  else if (roll < 0.85) map.set(key, 'a plain value');
  else
    doc.transact(() => {
      map.set(key, new Y.Map());
      if (rng.chance(0.5)) map.delete(key);
      map.set(rng.pick(KEYS), new Y.Map());
    });
}

function expectCounts(server: Y.Doc, counts: RecordCounts, context: string): void {
  for (const root of ROOTS) expect(counts.size(root), `${context}: ${root}`).toBe(server.getMap(root).size);
}

describe('RecordCounts', () => {
  it('equals Y.Map.size after random concurrent changes, over 40 seeds', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rng = seededRng(seed);
      const server = new Y.Doc();
      const counts = new RecordCounts(server);
      const clients = Array.from({ length: 2 + rng.int(2) }, () => new Y.Doc());
      const pending = clients.map(() => [] as Uint8Array[]);
      clients.forEach((doc, i) => doc.on('update', (update: Uint8Array) => pending[i]!.push(update)));
      for (let step = 0; step < 60; step++) {
        const i = rng.int(clients.length);
        if (rng.chance(0.6)) {
          randomChange(clients[i]!, rng);
          continue;
        }
        // Deliver this client's backlog to the server, merged or one by one, then sync it back.
        const backlog = pending[i]!.splice(0);
        if (rng.chance(0.5) && backlog.length > 0) Y.applyUpdate(server, Y.mergeUpdates(backlog));
        else for (const update of backlog) Y.applyUpdate(server, update);
        expectCounts(server, counts, `seed ${seed} step ${step}`);
        Y.applyUpdate(clients[i]!, diff(server, clients[i]!));
        pending[i]!.length = 0;
      }
    }
  });

  it('counts what the doc held before the first question', () => {
    const { doc, persona } = newBoard();
    for (let i = 0; i < 5; i++) addNote(doc, noteInput(persona.id, { now: i }));
    const counts = new RecordCounts(doc);
    expect(counts.size('notes')).toBe(5);
    const first = [...notesMap(doc).keys()][0]!;
    deleteNote(doc, first);
    expect(counts.size('notes')).toBe(4);
    expect(counts.size('groups')).toBe(0);
  });

  it('keeps the note cap exact when the validator reads the live counts', () => {
    const { doc: server, persona } = newBoard();
    const counts = new RecordCounts(server);
    expect(counts.size('notes')).toBe(0);
    const client = syncedCopy(server);
    const late = syncedCopy(server); // addNote itself refuses on a full board: this copy never saw it fill up
    server.transact(() => {
      for (let i = 0; i < LIMITS.notesPerWorkshop - 1; i++) notesMap(server).set(`filler${String(i).padStart(10, '0')}`, new Y.Map());
    });
    const check = (update: Uint8Array) => validateUpdate(server, update, { author: ANN, docBytes: 0, recordSizes: counts });
    addNote(client, noteInput(persona.id, { now: 1 }));
    const last = diff(client, server);
    addNote(client, noteInput(persona.id, { now: 2 }));
    expect(check(diff(client, server))).toMatchObject({ ok: false, error: 'board is full' });
    expect(check(last)).toMatchObject({ ok: true });
    Y.applyUpdate(server, last);
    expect(counts.size('notes')).toBe(LIMITS.notesPerWorkshop);
    addNote(late, noteInput(persona.id, { now: 3 }));
    expect(check(diff(late, server))).toMatchObject({ ok: false, error: 'board is full' });
  });
});
