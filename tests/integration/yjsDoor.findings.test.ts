import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { BOARD_ROOTS, addNote, notesMap, readBoard, readMeta, readNotes, readPersonas } from '../../lib/board';
import type { SessionReply } from '../../lib/api';
import { BOARD_NOTICE_MESSAGE, readBoardNotice } from '../../lib/boardNotices';
import { craftUpdate, type CraftedId } from '../unit/helpers/craftUpdate';
import { Harness, synced } from './harness';
import { RawYjsClient } from '../../reliability/RawYjsClient';

/**
 * The findings of issue #10, each reproduced black-box: a participant's token, raw WebSocket
 * frames against the real server, and what a fresh client then gets from the server. Each of
 * these was accepted (and did its damage) before the validator resolved every struct and
 * deleted id to where it lands and bound Yjs client ids to participants.
 */

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.start();
});
afterEach(() => h.close());

const TITLE = 'Coffee shop personas';
let nextMalloryClient = 0x7000_0001;

interface Room {
  code: string;
  ann: SessionReply;
  annDoc: Y.Doc;
  annProvider: ReturnType<Harness['provider']>;
  annNoteId: string;
  personaId: string;
  mallory: SessionReply;
  bob: SessionReply;
}

async function room(): Promise<Room> {
  const created = await h.createWorkshop(TITLE);
  const [ann, mallory, bob] = [await h.join(created.code, 'Ann'), await h.join(created.code, 'Mallory'), await h.join(created.code, 'Bob')];
  const annDoc = new Y.Doc();
  const annProvider = h.provider(created.code, ann.token, annDoc);
  await synced(annProvider);
  const personaId = readPersonas(annDoc)[0]!.id;
  const added = addNote(annDoc, { personaId, quadrant: 'pains', text: 'Queues at nine', authorId: ann.participantId, authorName: 'Ann' });
  if (!added.ok) throw new Error(added.error);
  const r = { code: created.code, ann, annDoc, annProvider, annNoteId: added.value.id, personaId, mallory, bob };
  await vi.waitFor(async () => expect(readNotes(await freshDoc(r)).map((n) => n.id)).toEqual([added.value.id]));
  return r;
}

/** What a new client of the room gets from the server now. */
async function freshDoc(r: Room): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const provider = h.provider(r.code, r.bob.token, doc);
  await synced(provider);
  provider.destroy();
  return doc;
}

/** Sends `update` from Mallory's own raw socket and waits until the server has handled it. */
async function attack(r: Room, update: Uint8Array): Promise<RawYjsClient> {
  const url = `${h.server.url.replace('http', 'ws')}/yjs/${r.code}?token=${r.mallory.token}`;
  const raw = await RawYjsClient.open(url);
  h.onClose(() => raw.close());
  raw.sendUpdate(update);
  await raw.barrier();
  return raw;
}

/** A copy of the server's doc under Mallory's client id, recording each change as she would send it. */
function malloryCopy(r: Room): { doc: Y.Doc; change(edit: (doc: Y.Doc) => void): Uint8Array } {
  const doc = new Y.Doc();
  doc.clientID = nextMalloryClient++;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(r.annDoc));
  return {
    doc,
    change(edit) {
      const before = Y.encodeStateVector(doc);
      doc.transact(() => edit(doc));
      return Y.encodeStateAsUpdate(doc, before);
    },
  };
}

function itemId(map: Y.Map<unknown>, key: string): CraftedId {
  const item = (map as unknown as { _map: Map<string, Y.Item> })._map.get(key);
  if (!item) throw new Error(`no ${key}`);
  return { client: item.id.client, clock: item.id.clock };
}

function annNote(r: Room): Y.Map<unknown> {
  return notesMap(r.annDoc).get(r.annNoteId)!;
}

/** Ann's live client and a fresh client hold the same board as the server. */
async function expectConverged(r: Room): Promise<void> {
  const fresh = await freshDoc(r);
  await vi.waitFor(async () => expect(readBoard(r.annDoc)).toEqual(readBoard(fresh)));
}

describe('issue #10 finding 1: zero-length structs', () => {
  it('a zero-length value over meta.title leaves the title', async () => {
    const r = await room();
    const title = itemId(r.annDoc.getMap(BOARD_ROOTS.meta), 'title');
    await attack(
      r,
      craftUpdate([{ client: nextMalloryClient++, clock: 0, items: [{ origin: title, content: { any: [], isMany: true } }] }]),
    );
    expect(readMeta(await freshDoc(r))?.title).toBe(TITLE);
    await expectConverged(r);
  });

  it("a zero-length value over another participant's note's authorId leaves the note", async () => {
    const r = await room();
    const author = itemId(annNote(r), 'authorId');
    await attack(
      r,
      craftUpdate([{ client: nextMalloryClient++, clock: 0, items: [{ origin: author, content: { any: [], isMany: true } }] }]),
    );
    expect(readNotes(await freshDoc(r)).map((n) => [n.id, n.authorId])).toEqual([[r.annNoteId, r.ann.participantId]]);
    await expectConverged(r);
  });

  it('a zero-length item under an unknown root creates no root', async () => {
    const r = await room();
    await attack(
      r,
      craftUpdate([
        { client: nextMalloryClient++, clock: 0, items: [{ parent: 'evil', parentSub: 'x', content: { any: [], isMany: true } }] },
      ]),
    );
    const fresh = await freshDoc(r);
    expect([...fresh.share.keys()].filter((key) => !Object.values(BOARD_ROOTS).includes(key as never))).toEqual([]);
  });
});

describe('issue #10 finding 2: deletes are authorized', () => {
  it("a participant's meta.delete('schemaVersion') is refused", async () => {
    const r = await room();
    const mallory = malloryCopy(r);
    await attack(
      r,
      mallory.change((doc) => doc.getMap(BOARD_ROOTS.meta).delete('schemaVersion')),
    );
    expect((await freshDoc(r)).getMap(BOARD_ROOTS.meta).get('schemaVersion')).toBe(1);
    await expectConverged(r);
  });
});

describe('issue #10 finding 3: another participant’s note', () => {
  it("deleting Ann's note's authorId is refused: the note stays on every screen", async () => {
    const r = await room();
    const mallory = malloryCopy(r);
    await attack(
      r,
      mallory.change((doc) => notesMap(doc).get(r.annNoteId)!.delete('authorId')),
    );
    expect(readNotes(await freshDoc(r)).map((n) => n.id)).toEqual([r.annNoteId]);
    await expectConverged(r);
  });
});

describe('issue #10 finding 4: clock squatting', () => {
  it("a GC at Ann's next clock does not swallow the notes she types offline", async () => {
    const r = await room();
    const client = r.annDoc.clientID;
    const clock = Y.getState(r.annDoc.store, client);
    await attack(r, craftUpdate([{ client, clock, items: [{ gc: 20 }] }]));
    r.annProvider.disconnect();
    const offline = ['Pays by phone', 'Hates loyalty cards'].map((text) => {
      const added = addNote(r.annDoc, {
        personaId: r.personaId,
        quadrant: 'gains',
        text,
        authorId: r.ann.participantId,
        authorName: 'Ann',
      });
      if (!added.ok) throw new Error(added.error);
      return added.value.id;
    });
    r.annProvider.connect();
    await synced(r.annProvider);
    await vi.waitFor(async () => expect(readNotes(await freshDoc(r)).map((n) => n.id)).toEqual(expect.arrayContaining(offline)), {
      timeout: 5_000,
    });
    await expectConverged(r);
  });
});

describe('issue #10 finding 5: what the struct fuzzer found', () => {
  it('a zero-length delete range is refused, and every honest client keeps applying updates', async () => {
    const r = await room();
    const client = r.annDoc.clientID;
    await attack(r, craftUpdate([], [{ client, ranges: [[0, 0]] }]));
    // A later honest change still reaches a stock client that was connected all along.
    const added = addNote(r.annDoc, {
      personaId: r.personaId,
      quadrant: 'sees',
      text: 'After',
      authorId: r.ann.participantId,
      authorName: 'Ann',
    });
    expect(added.ok).toBe(true);
    await expectConverged(r);
    expect(readNotes(await freshDoc(r))).toHaveLength(2);
  });

  it('a zero-length ContentDeleted item is refused: stock clients never get a delete they throw on', async () => {
    const r = await room();
    await attack(
      r,
      craftUpdate([
        { client: nextMalloryClient++, clock: 0, items: [{ parent: BOARD_ROOTS.notes, parentSub: 'x', content: { deleted: 0 } }] },
      ]),
    );
    const added = addNote(r.annDoc, {
      personaId: r.personaId,
      quadrant: 'sees',
      text: 'After',
      authorId: r.ann.participantId,
      authorName: 'Ann',
    });
    expect(added.ok).toBe(true);
    await vi.waitFor(async () => expect(readNotes(await freshDoc(r))).toHaveLength(2));
    await expectConverged(r);
  });

  it("a ContentDeleted item over another participant's note text does not erase it", async () => {
    const r = await room();
    const text = itemId(annNote(r), 'text');
    await attack(r, craftUpdate([{ client: nextMalloryClient++, clock: 0, items: [{ origin: text, content: { deleted: 1 } }] }]));
    expect(readNotes(await freshDoc(r)).map((n) => n.text)).toEqual(['Queues at nine']);
    await expectConverged(r);
  });

  it('a struct written under the server’s own client id is refused', async () => {
    const r = await room();
    const serverClient = itemId(r.annDoc.getMap(BOARD_ROOTS.meta), 'title').client;
    const clock = Y.getState(r.annDoc.store, serverClient);
    const title = itemId(r.annDoc.getMap(BOARD_ROOTS.meta), 'title');
    await attack(r, craftUpdate([{ client: serverClient, clock, items: [{ origin: title, content: { any: 'Owned' } }] }]));
    expect(readMeta(await freshDoc(r))?.title).toBe(TITLE);
  });

  it("Mallory cannot write through Ann's client id (here: Ann's note text)", async () => {
    const r = await room();
    const client = r.annDoc.clientID;
    const clock = Y.getState(r.annDoc.store, client);
    const created = itemId(annNote(r), 'text');
    await attack(r, craftUpdate([{ client, clock, items: [{ origin: created, content: { any: 'Mallory was here' } }] }]));
    expect(readNotes(await freshDoc(r)).map((n) => n.text)).toEqual(['Queues at nine']);
  });
});

describe('what a connection learns on connect', () => {
  it('the client ids bound to its participant, for every connection of theirs', async () => {
    const r = await room();
    const url = `${h.server.url.replace('http', 'ws')}/yjs/${r.code}?token=${r.ann.token}`;
    const raw = await RawYjsClient.open(url);
    h.onClose(() => raw.close());
    await raw.barrier();
    const notices = raw.messagesOfType(BOARD_NOTICE_MESSAGE).map((m) => {
      const decoder = decoding.createDecoder(m.payload);
      decoding.readVarUint(decoder);
      return readBoardNotice(decoder);
    });
    expect(notices).toContainEqual({ kind: 'clients', clientIds: [r.annDoc.clientID] });
  });
});
