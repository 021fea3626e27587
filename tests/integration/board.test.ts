import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addNote, deleteNote, moveNote, readNotes, readPersonas } from '../../lib/board';
import { Harness, synced } from './harness';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.start();
});
afterEach(() => h.close());

function rawUpgradeStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('error', () => undefined);
  });
}

describe('live board over the Yjs endpoint', () => {
  it('a note made by one participant reaches the other within a second', async () => {
    const { code } = await h.createWorkshop();
    const ana = await h.join(code, 'Ana');
    const ben = await h.join(code, 'Ben');
    const a = h.provider(code, ana.token);
    const b = h.provider(code, ben.token);
    await Promise.all([synced(a), synced(b)]);
    const [persona] = readPersonas(a.doc);
    expect(persona?.name).toBe('Persona 1');

    const sentAt = performance.now();
    const note = addNote(a.doc, {
      personaId: persona!.id,
      quadrant: 'pains',
      text: 'Queues at lunch',
      authorId: ana.participantId,
      authorName: 'Ana',
    });
    expect(note.ok).toBe(true);
    await vi.waitFor(async () => expect(readNotes(b.doc).map((n) => n.text)).toEqual(['Queues at lunch']), { timeout: 1000, interval: 2 });
    const latencyMs = performance.now() - sentAt;
    console.info(`note fan-out latency: ${latencyMs.toFixed(1)} ms`);

    moveNote(b.doc, note.ok ? note.value.id : '', 'gains');
    await vi.waitFor(async () => expect(readNotes(a.doc)[0]?.quadrant).toBe('gains'));
    deleteNote(a.doc, note.ok ? note.value.id : '');
    await vi.waitFor(async () => expect(readNotes(b.doc)).toEqual([]));
  });

  it('refuses an unknown room and a bad token before the upgrade', async () => {
    const { code } = await h.createWorkshop();
    const base = h.server.url.replace('http', 'ws');
    expect(await rawUpgradeStatus(`${base}/yjs/ZZZZZZZZ?token=whatever-token-123456`)).toBe(401); // no oracle for live codes
    expect(await rawUpgradeStatus(`${base}/yjs/ZZZZZZZZ`)).toBe(401);
    expect(await rawUpgradeStatus(`${base}/yjs/${code}?token=not-a-real-token-12345`)).toBe(401);
    expect(await rawUpgradeStatus(`${base}/yjs/${code}`)).toBe(401);
    expect(h.server.rooms.size).toBe(0);
  });

  it('a token of one workshop does not open another', async () => {
    const first = await h.createWorkshop('First');
    const second = await h.createWorkshop('Second');
    const ana = await h.join(first.code, 'Ana');
    const base = h.server.url.replace('http', 'ws');
    expect(await rawUpgradeStatus(`${base}/yjs/${second.code}?token=${ana.token}`)).toBe(401);
  });

  it('keeps every note across a server restart on the same data', async () => {
    const { code } = await h.createWorkshop();
    const ana = await h.join(code, 'Ana');
    const a = h.provider(code, ana.token);
    await synced(a);
    const personaId = readPersonas(a.doc)[0]!.id;
    for (let i = 0; i < 20; i++) {
      addNote(a.doc, { personaId, quadrant: 'hears', text: `note ${i}`, authorId: ana.participantId, authorName: 'Ana' });
    }
    const workshopId = (await h.server.storage.workshops.byCode(code))!.id;
    await vi.waitFor(async () => await h.server.rooms.readDoc(workshopId, (doc) => expect(readNotes(doc)).toHaveLength(20)));
    a.destroy();
    await vi.waitFor(async () => expect(h.server.rooms.size).toBe(0));
    await h.restart();

    const again = h.provider(code, ana.token, new Y.Doc());
    await synced(again);
    expect(
      readNotes(again.doc)
        .map((n) => n.text)
        .sort(),
    ).toEqual(Array.from({ length: 20 }, (_, i) => `note ${i}`).sort());
  });

  it('unloads a room when its last connection closes', async () => {
    const { code } = await h.createWorkshop();
    const ana = await h.join(code, 'Ana');
    const a = h.provider(code, ana.token);
    await synced(a);
    expect(h.server.rooms.size).toBe(1);
    a.destroy();
    await vi.waitFor(async () => expect(h.server.rooms.size).toBe(0));
  });

  it('new clients get the whole board from the cached join state plus the updates since', async () => {
    const { code } = await h.createWorkshop();
    const ana = await h.join(code, 'Ana');
    const writer = h.provider(code, ana.token);
    await synced(writer);
    const personaId = readPersonas(writer.doc)[0]!.id;
    const add = (from: number, count: number) => {
      for (let i = from; i < from + count; i++) {
        addNote(writer.doc, { personaId, quadrant: 'sees', text: `n${i}`, authorId: ana.participantId, authorName: 'Ana' });
      }
    };
    const joinAndCount = async (expected: number) => {
      const reader = h.provider(code, ana.token, new Y.Doc());
      await synced(reader);
      await vi.waitFor(async () => expect(readNotes(reader.doc)).toHaveLength(expected));
      reader.destroy();
    };
    add(0, 50);
    await joinAndCount(50); // builds the base
    add(50, 10);
    await joinAndCount(60); // base + a tail of 10
    add(60, 300);
    await joinAndCount(360); // the tail outgrew the base: rebuilt
  });
});
