import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addNote, notesMap, readNotes, readPersonas } from '../../lib/board';
import { CLOSE_CODES } from '../../lib/closeCodes';
import { Harness, command, synced, eventually } from './harness';
import { RawSocket } from './rawSocket';

let h: Harness;
afterEach(() => h.close());

async function start(limits: Record<string, number> = {}) {
  h = new Harness();
  await h.start({ limits });
}

/** A room with a canary (a real provider that wrote one note) and a second participant for raw sockets. */
async function room() {
  const created = await h.createWorkshop();
  const ana = await h.join(created.code, 'Ana');
  const mallory = await h.join(created.code, 'Mallory');
  const canary = h.provider(created.code, ana.token);
  await synced(canary);
  const personaId = readPersonas(canary.doc)[0]!.id;
  addNote(canary.doc, { personaId, quadrant: 'sees', text: 'canary', authorId: ana.participantId, authorName: 'Ana' });
  const workshopId = (await h.server.storage.workshops.byCode(created.code))!.id;
  await eventually(async () => expect(await h.server.rooms.readDoc(workshopId, readNotes)).toHaveLength(1));
  const wsUrl = `${h.server.url.replace('http', 'ws')}/yjs/${created.code}?token=${mallory.token}`;
  return { ...created, ana, mallory, canary, personaId, workshopId, wsUrl };
}

/** A ws client that records every message and the close code. */
function client(url: string) {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const messages: Uint8Array[] = [];
  const state = { closeCode: null as number | null };
  ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  ws.on('close', (code) => (state.closeCode = code));
  ws.on('error', () => undefined);
  h.onClose(() => ws.terminate());
  return { ws, messages, state, opened: new Promise((resolve) => ws.once('open', resolve)) };
}

function syncMessage(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** [message type, sync step] of a server message. */
function kind(message: Uint8Array): [number, number] {
  const decoder = decoding.createDecoder(message);
  const type = decoding.readVarUint(decoder);
  return [type, type === 0 ? decoding.readVarUint(decoder) : -1];
}

/** A note update Mallory may send (her own author id), built on the server's state. */
function malloryNote(base: Y.Doc, mallory: { participantId: string }, personaId: string, text: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  addNote(doc, { personaId, quadrant: 'pains', text, authorId: mallory.participantId, authorName: 'Mallory' });
  return Y.encodeStateAsUpdate(doc, before);
}

describe('sync requests', () => {
  it('answers a state vector that names no known client from the cached state, not a fresh encode', async () => {
    await start();
    const { code, canary, personaId, ana, wsUrl } = await room();
    canary.doc.transact(() => {
      for (let i = 0; i < 200; i++) {
        addNote(canary.doc, { personaId, quadrant: 'sees', text: `note ${i}`, authorId: ana.participantId, authorName: 'Ana' });
      }
    });
    // A newcomer with an empty doc makes the room cache the whole board; one edit follows it.
    const newcomer = h.provider(code, ana.token);
    await synced(newcomer);
    await eventually(async () => expect(readNotes(newcomer.doc)).toHaveLength(201));
    addNote(canary.doc, { personaId, quadrant: 'hears', text: 'after the join', authorId: ana.participantId, authorName: 'Ana' });
    await eventually(async () => expect(readNotes(newcomer.doc)).toHaveLength(202));
    const raw = client(wsUrl);
    await raw.opened;
    const strangers = new Map([[987654321, 42]]);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, strangers.size);
    for (const [client, clock] of strangers) {
      encoding.writeVarUint(encoder, client);
      encoding.writeVarUint(encoder, clock);
    }
    raw.ws.send(syncMessage(0, encoding.toUint8Array(encoder)));
    // The cached base (a sync step 2) followed by the edit since, as its own update message.
    await eventually(async () => {
      const kinds = raw.messages.map(kind);
      const base = kinds.findIndex(([type, step]) => type === 0 && step === 1);
      expect(base).toBeGreaterThanOrEqual(0);
      expect(kinds.slice(base + 1).some(([type, step]) => type === 0 && step === 2)).toBe(true);
    });
    const doc = new Y.Doc();
    for (const message of raw.messages) {
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarUint(decoder) !== 0) continue;
      const step = decoding.readVarUint(decoder);
      if (step !== 0) Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
    }
    expect(readNotes(doc)).toHaveLength(202);
    expect(readNotes(doc).map((n) => n.text)).toContain('after the join');
  });

  it('rate-limits sync requests that need an encode of their own (4008)', async () => {
    await start();
    const { canary, wsUrl } = await room();
    const raw = client(wsUrl);
    await raw.opened;
    const known = Y.encodeStateVector(canary.doc);
    for (let i = 0; i < 20; i++) raw.ws.send(syncMessage(0, known));
    await eventually(async () => expect(raw.state.closeCode).toBe(CLOSE_CODES.rateLimited));
    expect(canary.wsconnected).toBe(true);
  });
});

describe('after the server closed a connection', () => {
  it('handles nothing more it sends', async () => {
    await start();
    const { canary, mallory, personaId, workshopId, wsUrl } = await room();
    const raw = client(wsUrl);
    await raw.opened;
    const note = syncMessage(2, malloryNote(canary.doc, mallory, personaId, 'sent after the close'));
    raw.ws.send('not binary'); // closed as malformed (4400)...
    raw.ws.send(note, { binary: true }); // ...so this, already on its way, is ignored
    await eventually(async () => expect(raw.state.closeCode).toBe(CLOSE_CODES.malformed));
    // The canary's own later note proves the room moved on.
    addNote(canary.doc, { personaId, quadrant: 'gains', text: 'later', authorId: readNotes(canary.doc)[0]!.authorId, authorName: 'Ana' });
    await eventually(async () => expect((await h.server.rooms.readDoc(workshopId, readNotes)).map((n) => n.text)).toContain('later'));
    expect((await h.server.rooms.readDoc(workshopId, readNotes)).map((n) => n.text)).not.toContain('sent after the close');
  });
});

describe('a removed participant', () => {
  it('has every Yjs socket dropped at once, even one that never answers the close, and nothing more it sends is served', async () => {
    await start();
    const { code, facilitatorKey, canary, mallory, personaId, workshopId } = await room();
    const facilitatorSession = await h.facilitator(code, facilitatorKey);
    const facilitator = h.control(code, facilitatorSession.token);
    await eventually(async () => expect(facilitator.connected).toBe(true));
    const raw = await RawSocket.open(h.server.url, `/yjs/${code}?token=${mallory.token}`);
    h.onClose(() => raw.destroy());
    await eventually(async () => expect(raw.frames.length).toBeGreaterThan(0)); // the server's sync step 1

    expect(await command(facilitator, { type: 'participant.kick', participantId: mallory.participantId })).toEqual({ ok: true });
    await eventually(async () => expect(raw.closeCode).toBe(CLOSE_CODES.kicked));
    if (!raw.isEnded) raw.sendBinary(syncMessage(2, malloryNote(canary.doc, mallory, personaId, 'sent while being removed')));
    await eventually(async () => expect(raw.isEnded).toBe(true), { timeout: 5_000 });
    expect(await h.server.rooms.readDoc(workshopId, (doc) => [...notesMap(doc).values()].map((note) => note.get('text')))).not.toContain(
      'sent while being removed',
    );
  });
});

describe('WebSocket memory', () => {
  it('refuses a message larger than the biggest legitimate update (1009)', async () => {
    await start();
    const { canary, wsUrl } = await room();
    const raw = client(wsUrl);
    await raw.opened;
    raw.ws.send(new Uint8Array(10 * 1024 * 1024)); // over 8 MiB board + 1 MiB, under the old 16 MiB
    await eventually(async () => expect(raw.state.closeCode).toBe(1009));
    expect(canary.wsconnected).toBe(true);
  });

  it('drops the connection holding the most half-sent bytes once all of them pass the budget (4013)', async () => {
    await start({ wsInFlightBytes: 3 * 1024 * 1024 });
    const { canary, ana, personaId, workshopId, wsUrl } = await room();
    const holders = [client(wsUrl), client(wsUrl)];
    await Promise.all(holders.map((holder) => holder.opened));
    const mib = new Uint8Array(1024 * 1024);
    // Fragments of messages never finished: ws keeps them in memory until the last one comes.
    // 2.5 MiB and 1 MiB: the 3 MiB budget can only be passed with the first holding the most,
    // in whatever order the server reads the two.
    for (const fragment of [mib, mib, mib.subarray(0, 512 * 1024)]) holders[0]!.ws.send(fragment, { fin: false });
    holders[1]!.ws.send(mib, { fin: false });
    await eventually(async () => expect(holders[0]!.state.closeCode).toBe(CLOSE_CODES.overloaded));
    expect(holders[1]!.state.closeCode).toBeNull();
    addNote(canary.doc, { personaId, quadrant: 'gains', text: 'still flowing', authorId: ana.participantId, authorName: 'Ana' });
    await eventually(async () =>
      expect((await h.server.rooms.readDoc(workshopId, readNotes)).map((n) => n.text)).toContain('still flowing'),
    );
  });
});

describe('connections per participant', () => {
  it('closes the oldest Yjs connection (4009) when a participant opens one past the cap', async () => {
    await start({ connectionsPerParticipant: 3 });
    const { canary, wsUrl } = await room();
    const sockets = [client(wsUrl), client(wsUrl), client(wsUrl)];
    await Promise.all(sockets.map((socket) => socket.opened));
    const newest = client(wsUrl);
    await newest.opened;
    await eventually(async () => expect(sockets[0]!.state.closeCode).toBe(CLOSE_CODES.tooManyConnections));
    expect(sockets.slice(1).every((socket) => socket.state.closeCode === null)).toBe(true);
    expect(newest.state.closeCode).toBeNull();
    expect(canary.wsconnected).toBe(true); // another participant's connection is not counted
  });
});
