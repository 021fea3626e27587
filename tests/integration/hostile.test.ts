import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addNote, readNotes, readPersonas } from '../../lib/board';
import { BOARD_NOTICE_MESSAGE, readBoardNotice, type BoardNotice } from '../../lib/boardNotices';
import { CLOSE_CODES } from '../../lib/closeCodes';
import { Harness, synced } from './harness';
import { RawYjsClient } from '../../reliability/RawYjsClient';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.start();
});
afterEach(() => h.close());

/** A raw socket that records how the server closed it. */
function rawClient(url: string): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const closed = new Promise<number>((done) => ws.on('close', (code) => done(code)));
    ws.on('error', () => undefined);
    ws.on('open', () => resolve({ ws, closed }));
    ws.on('unexpected-response', () => reject(new Error('refused')));
  });
}

/** The refusal notices a raw socket received, parsed as the browser parses them. */
function noticesOf(raw: RawYjsClient): BoardNotice[] {
  return raw
    .messagesOfType(BOARD_NOTICE_MESSAGE)
    .map((m) => {
      const decoder = decoding.createDecoder(m.payload);
      decoding.readVarUint(decoder);
      return readBoardNotice(decoder)!;
    })
    .filter((notice) => notice.kind === 'refused');
}

async function roomWithCanary() {
  const { code } = await h.createWorkshop();
  const ana = await h.join(code, 'Ana');
  const mallory = await h.join(code, 'Mallory');
  const canary = h.provider(code, ana.token);
  await synced(canary);
  const personaId = readPersonas(canary.doc)[0]!.id;
  addNote(canary.doc, { personaId, quadrant: 'sees', text: 'canary', authorId: ana.participantId, authorName: 'Ana' });
  const url = `${h.server.url.replace('http', 'ws')}/yjs/${code}?token=${mallory.token}`;
  const workshopId = (await h.server.storage.workshops.byCode(code))!.id;
  return { code, ana, mallory, canary, personaId, url, workshopId };
}

describe('hostile input on the Yjs endpoint', () => {
  it('closes a connection that sends garbage, and only that one', async () => {
    const { canary, url } = await roomWithCanary();
    for (const frame of [new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), new Uint8Array([0, 7, 1]), new Uint8Array([9])]) {
      const { ws, closed } = await rawClient(url);
      ws.send(frame);
      expect(await closed).toBe(CLOSE_CODES.malformed);
    }
    const text = await rawClient(url);
    text.ws.send('hello');
    expect(await text.closed).toBe(CLOSE_CODES.malformed);
    expect(canary.wsconnected).toBe(true);
    expect(readNotes(canary.doc).map((n) => n.text)).toEqual(['canary']);
  });

  it('refuses a note with a forged author in band: the socket stays open, nothing stored or broadcast', async () => {
    const { canary, url, personaId, ana, workshopId } = await roomWithCanary();
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(canary.doc));
    const before = Y.encodeStateVector(forger);
    const note = addNote(forger, {
      personaId,
      quadrant: 'pains',
      text: 'I am Ana, honest',
      authorId: ana.participantId,
      authorName: 'Ana',
    });
    if (!note.ok) throw new Error(note.error);
    const raw = await RawYjsClient.open(url);
    h.onClose(() => raw.close());
    raw.sendUpdate(Y.encodeStateAsUpdate(forger, before));
    await raw.barrier();
    expect(noticesOf(raw)).toEqual([
      { kind: 'refused', refusals: [{ reason: 'forged-author', root: 'notes', record: note.value.id, field: null }] },
    ]);
    expect(raw.closeCode).toBeNull();
    expect(await h.server.rooms.readDoc(workshopId, (doc) => readNotes(doc).map((n) => n.text))).toEqual(['canary']);
    expect(readNotes(canary.doc).map((n) => n.text)).toEqual(['canary']);
  });

  it('refuses unknown top-level keys and over-long text, each in band', async () => {
    const { canary, url, personaId, mallory, workshopId } = await roomWithCanary();
    const attempts: [(doc: Y.Doc) => void, string][] = [
      [(doc) => doc.getMap('evil').set('x', 1), 'unknown-root'],
      [(doc) => doc.getText('notes2').insert(0, 'x'), 'unknown-root'],
      [
        (doc) => {
          const map = new Y.Map<unknown>();
          doc.getMap('notes').set('aaaaaaaaaaaaaaaa', map);
          for (const [k, v] of Object.entries({
            id: 'aaaaaaaaaaaaaaaa',
            personaId,
            quadrant: 'sees',
            text: 'x'.repeat(2001),
            color: 'yellow',
            authorId: mallory.participantId,
            authorName: 'Mallory',
            createdAt: 1,
          }))
            map.set(k, v);
        },
        'invalid-value',
      ],
    ];
    const raw = await RawYjsClient.open(url);
    h.onClose(() => raw.close());
    for (const [attempt, reason] of attempts) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(canary.doc));
      const before = Y.encodeStateVector(doc);
      doc.transact(() => attempt(doc));
      raw.sendUpdate(Y.encodeStateAsUpdate(doc, before));
      await raw.barrier();
      expect(noticesOf(raw).at(-1)).toMatchObject({ kind: 'refused', refusals: [{ reason }] });
    }
    expect(raw.closeCode).toBeNull();
    expect(await h.server.rooms.readDoc(workshopId, (doc) => [...doc.share.keys()].sort())).toEqual(['meta', 'notes', 'personas']);
    expect(canary.wsconnected).toBe(true);
  });

  it('throttles a connection that floods messages, while the canary stays live', async () => {
    const { canary, url } = await roomWithCanary();
    const { ws, closed } = await rawClient(url);
    const queryAwareness = new Uint8Array([3]);
    const started = Date.now();
    for (let i = 0; i < 2000; i++) ws.send(queryAwareness);
    expect(await closed).toBe(CLOSE_CODES.rateLimited);
    expect(Date.now() - started).toBeLessThan(2000);
    await vi.waitFor(async () => expect(canary.wsconnected).toBe(true));
  });

  it('never lets one connection publish presence for another client id', async () => {
    const { canary, url } = await roomWithCanary();
    canary.awareness.setLocalStateField('name', 'Ana');
    const { ws } = await rawClient(url);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1); // awareness
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 2);
    for (const clientId of [424242, canary.doc.clientID]) {
      encoding.writeVarUint(inner, clientId);
      encoding.writeVarUint(inner, 99);
      encoding.writeVarString(inner, JSON.stringify({ name: 'spoof' }));
    }
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
    ws.send(encoding.toUint8Array(encoder));
    await vi.waitFor(async () => expect(canary.awareness.getStates().get(424242)).toEqual({ name: 'spoof' }));
    // The second entry claimed the canary's own id: dropped, so its state is untouched.
    expect(canary.awareness.getLocalState()).toEqual({ name: 'Ana' });
  });
});
