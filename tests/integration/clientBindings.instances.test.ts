import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, personasMap } from '../../lib/board';
import { createLogger } from '../../server/log';
import type { LoadedDoc } from '../../server/storage/ports';
import { SqliteStorage } from '../../server/storage/sqlite/SqliteStorage';
import { Workshops } from '../../server/Workshops';
import { BoardSizeWatch } from '../../server/yjs/BoardSizeWatch';
import { TokenBucket } from '../../server/tokenBucket';
import { AppliedSeqs } from '../../server/yjs/AppliedSeqs';
import { ClientBindings } from '../../server/yjs/ClientBindings';
import { RoomCatchUp } from '../../server/yjs/RoomCatchUp';
import { RecordCounts } from '../../server/yjs/recordCounts';
import type { RoomConnection } from '../../server/yjs/RoomConnection';
import { UpdateGate } from '../../server/yjs/UpdateGate';

/**
 * Two rooms of one workshop on two instances, one store: a participant's client id bound by the
 * room on instance A after the room on B loaded its bindings reaches B's doc through the
 * catch-up. When that participant reconnects to B, B must not take them for a squatter of
 * their own id ("belongs to nobody it can prove": the browser would rebuild its doc under a new
 * id, and do so again on every move between instances).
 */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The connection as the gate sees it: who sent the update, and what the gate answers. */
function connectionOf(identity: RoomConnection['identity']) {
  const answers: Uint8Array[] = [];
  const conn = {
    identity,
    connectionId: identity.name,
    syncBudget: new TokenBucket(1, 2),
    send: (m: Uint8Array) => answers.push(m),
    close: () => undefined,
  };
  return { conn: conn as unknown as RoomConnection, answers };
}

/** A replica of what the store held when it was read (another instance's room loading). */
function docOf(stored: LoadedDoc): Y.Doc {
  const doc = new Y.Doc();
  if (stored.state) Y.applyUpdate(doc, stored.state);
  for (const update of stored.updates) Y.applyUpdate(doc, update.data);
  return doc;
}

/** A workshop in a fresh store, with Ana and Ben in it. */
async function workshopOfTwo(title: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'pw-bindings-'));
  dirs.push(dir);
  const storage = SqliteStorage.open(dir);
  const workshops = new Workshops(storage);
  const { workshop } = await workshops.create(title);
  return { storage, workshop, ana: await workshops.join(workshop, 'Ana'), ben: await workshops.join(workshop, 'Ben') };
}

describe('client ids bound on another instance', () => {
  it("are looked up before an update is refused as someone else's, once per id", async () => {
    const { storage, workshop, ana, ben } = await workshopOfTwo('Two rooms');
    const identity = (who: typeof ana) => ({
      workshopId: workshop.id,
      participantId: who.participantId,
      name: who.name,
      role: 'participant' as const,
    });

    // B's room loads first (doc and bindings); then Ana writes through A, which binds her id.
    const stored = await storage.docs.load(workshop.id);
    const loaded = () => docOf(stored);
    const docOnB = loaded();
    const bindingsOnB = await ClientBindings.load(storage.clientIds, workshop.id);
    const bindingsOnA = await ClientBindings.load(storage.clientIds, workshop.id);
    const anasDoc = loaded();
    const personaId = [...personasMap(anasDoc).keys()][0]!;
    const write = (text: string) => {
      const before = Y.encodeStateVector(anasDoc);
      addNote(anasDoc, { personaId, quadrant: 'sees', text, authorId: ana.participantId, authorName: ana.name });
      return Y.encodeStateAsUpdate(anasDoc, before);
    };
    const first = write('Written through A');
    expect(await bindingsOnA.bind([anasDoc.clientID], ana.participantId)).toBe(true);
    Y.applyUpdate(docOnB, first); // B catches up with what A stored

    const gate = new UpdateGate(
      docOnB,
      bindingsOnB,
      { canWrite: () => true },
      createLogger('silent'),
      new RecordCounts(docOnB),
      new BoardSizeWatch(0),
    );
    // Ana, reconnected to B, writes on: admitted after one look-up, no refusal sent.
    const fromAna = connectionOf(identity(ana));
    const second = write('Written through B');
    expect(await gate.admit(fromAna.conn, second)).toBe(true);
    expect(fromAna.answers).toEqual([]);
    expect(bindingsOnB.ownerOf(anasDoc.clientID)).toBe(ana.participantId);

    // Ben sending structs under Ana's id is still refused, at once (her id is known now).
    const fromBen = connectionOf(identity(ben));
    const third = write('Forged by Ben');
    expect(gate.admit(fromBen.conn, third)).toBe(false);
    expect(fromBen.answers).toHaveLength(1);
    // An id nobody ever bound is looked up once; after that it is refused without a query.
    const unbound = loaded();
    addNote(unbound, { personaId, quadrant: 'sees', text: 'Nobody bound me', authorId: ana.participantId, authorName: ana.name });
    Y.applyUpdate(docOnB, Y.encodeStateAsUpdate(unbound)); // as if on a board from before the bindings
    const again = () => {
      const before = Y.encodeStateVector(unbound);
      addNote(unbound, { personaId, quadrant: 'sees', text: 'Again', authorId: ana.participantId, authorName: ana.name });
      return Y.encodeStateAsUpdate(unbound, before);
    };
    expect(await gate.admit(fromAna.conn, again())).toBe(false);
    expect(gate.admit(fromAna.conn, again())).toBe(false); // synchronous: no second look-up
    await storage.close();
  });

  it("takes others' committed notes an honest client relays to a lagging replica as theirs, after catching up", async () => {
    const { storage, workshop, ana, ben } = await workshopOfTwo('Lagging replica');
    const stored = await storage.docs.load(workshop.id);
    const loaded = () => docOf(stored);
    // The replica on B, with its catch-up reading the shared store.
    const docOnB = loaded();
    const seqs = new AppliedSeqs(stored.lastSeq);
    const log = createLogger('silent');
    const target = { workshopId: workshop.id, doc: docOnB, seqs, isLive: () => true, hasClients: () => true, onRead: () => undefined };
    const catchUp = new RoomCatchUp(storage.docs, target);
    const bindings = await ClientBindings.load(storage.clientIds, workshop.id);
    const gate = new UpdateGate(
      docOnB,
      bindings,
      { canWrite: () => true },
      log,
      new RecordCounts(docOnB),
      new BoardSizeWatch(0),
      async () => void (await catchUp.run()),
    );
    const personaId = [...personasMap(docOnB).keys()][0]!;
    // Ben writes through A: bound and stored there; B has not read it yet. Ana (on A too) got it.
    const bensDoc = loaded();
    addNote(bensDoc, { personaId, quadrant: 'sees', text: 'Ben on A', authorId: ben.participantId, authorName: ben.name });
    const bensNote = Y.encodeStateAsUpdate(bensDoc, Y.encodeStateVector(docOnB));
    await storage.clientIds.bind(workshop.id, [bensDoc.clientID], ben.participantId, Date.now());
    await storage.docs.append([{ workshopId: workshop.id, update: bensNote }]);
    const anasDoc = loaded();
    Y.applyUpdate(anasDoc, bensNote);
    addNote(anasDoc, { personaId, quadrant: 'sees', text: 'Ana, offline', authorId: ana.participantId, authorName: ana.name });
    // Ana connects to B: her sync step 2 holds what B lacks, Ben's note included.
    const fromAna = connectionOf({ workshopId: workshop.id, participantId: ana.participantId, name: ana.name, role: 'participant' });
    const step2 = Y.encodeStateAsUpdate(anasDoc, Y.encodeStateVector(docOnB));
    expect(await gate.admit(fromAna.conn, step2)).toBe(true);
    expect(fromAna.answers).toEqual([]);
    expect(Y.getState(docOnB.store, bensDoc.clientID)).toBeGreaterThan(0); // read from storage, as Ben's
    // A forger gets no storage read per message: one recheck per sync-request token, then refused at once.
    const fromBen = connectionOf({ workshopId: workshop.id, participantId: ben.participantId, name: ben.name, role: 'participant' });
    const forged = () => {
      const before = Y.encodeStateVector(anasDoc);
      addNote(anasDoc, { personaId, quadrant: 'sees', text: 'Forged', authorId: ana.participantId, authorName: ana.name });
      return Y.encodeStateAsUpdate(anasDoc, before);
    };
    expect(await gate.admit(fromBen.conn, forged())).toBe(false);
    expect(await gate.admit(fromBen.conn, forged())).toBe(false);
    expect(gate.admit(fromBen.conn, forged())).toBe(false); // budget spent: synchronous refusal
    await storage.close();
  });
});
