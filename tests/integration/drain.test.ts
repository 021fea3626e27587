import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { CreateWorkshopReply, SessionReply } from '../../lib/api';
import { addNote, readNotes, readPersonas } from '../../lib/board';
import { CLOSE_CODES } from '../../lib/closeCodes';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/wire';
import { Store } from '../../server/storage/Store';
import { AppProcess, freePort } from '../helpers/AppProcess';

/**
 * SIGTERM on the production server (`node dist/main.mjs`, a real child process) while a room
 * types: it stops taking new work, tells every client to reconnect, commits everything and exits
 * 0; every note another client had received is in the database; clients come back by themselves.
 */

const WRITERS = 12;
const WRITE_EVERY_MS = 250;
/** Long enough for the checks below on a loaded machine; the drain itself does not wait for it. */
const GRACE_MS = 5_000;

interface Writer {
  session: SessionReply;
  provider: WebsocketProvider;
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  closeCodes: number[];
  sawStopping: boolean;
  disconnectReasons: string[];
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'pw-drain-'));
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

async function post<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
}

function connect(app: AppProcess, code: string, session: SessionReply): Writer {
  const provider = new WebsocketProvider(`${app.url.replace('http', 'ws')}/yjs`, code, new Y.Doc(), {
    params: { token: session.token },
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
    maxBackoffTime: 500,
  });
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(app.url, {
    auth: { code, token: session.token },
    transports: ['websocket'],
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
  });
  const writer: Writer = { session, provider, socket, closeCodes: [], sawStopping: false, disconnectReasons: [] };
  provider.on('connection-close', (event) => event && writer.closeCodes.push(event.code));
  socket.on('server:stopping', () => (writer.sawStopping = true));
  socket.on('disconnect', (reason) => writer.disconnectReasons.push(reason));
  cleanups.push(
    () => provider.destroy(),
    () => socket.close(),
  );
  return writer;
}

function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', () => resolve(0));
  });
}

/** The note ids in the database, read straight from SQLite (not through any client). */
function storedNoteIds(code: string): Set<string> {
  const store = new Store(dataDir);
  try {
    const workshop = store.workshopByCode(code);
    if (!workshop) throw new Error('workshop not stored');
    const stored = store.loadDoc(workshop.id);
    const doc = new Y.Doc();
    if (stored.state) Y.applyUpdate(doc, stored.state);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    return new Set(readNotes(doc).map((note) => note.id));
  } finally {
    store.close();
  }
}

const isLive = (writer: Writer) => writer.provider.wsconnected && writer.provider.synced && writer.socket.connected;

describe('SIGTERM drains the production server', () => {
  it('refuses new work, sends 4002 and server:stopping, stores every acknowledged note and exits 0', { timeout: 120_000 }, async () => {
    const app = new AppProcess(await freePort(), dataDir, { DRAIN_GRACE_MS: String(GRACE_MS), DRAIN_TIMEOUT_MS: '10000' });
    cleanups.push(() => app.stop('SIGKILL'));
    await app.start();
    const { body: created } = await post<CreateWorkshopReply>(`${app.url}/api/workshops`, { title: 'Drain' });
    const sessions = await Promise.all(
      Array.from({ length: WRITERS + 1 }, (_, i) =>
        post<SessionReply>(`${app.url}/api/workshops/${created.code}/participants`, { name: `P${i}` }),
      ),
    );
    const [observer, ...writers] = sessions.map(({ body }) => connect(app, created.code, body));
    await vi.waitFor(async () => expect([observer!, ...writers].every(isLive)).toBe(true), { timeout: 15_000 });
    const personaId = readPersonas(observer!.provider.doc)[0]!.id;

    // The observer's copy only holds what the server committed and then broadcast: "acknowledged".
    const created_ = new Set<string>();
    const timers = writers.map((writer, w) => {
      let i = 0;
      return setInterval(() => {
        const { participantId, name } = writer.session;
        const note = addNote(writer.provider.doc, {
          personaId,
          quadrant: 'sees',
          text: `w${w} n${i++}`,
          authorId: participantId,
          authorName: name,
        });
        if (note.ok) created_.add(note.value.id);
      }, WRITE_EVERY_MS);
    });
    cleanups.push(() => timers.forEach(clearInterval));
    const acknowledged = () => new Set(readNotes(observer!.provider.doc).map((note) => note.id));
    await vi.waitFor(async () => expect(acknowledged().size).toBeGreaterThan(3 * WRITERS), { timeout: 15_000 });

    const exited = app.stop('SIGTERM');
    // During the grace period it still serves the room but takes nothing new.
    await vi.waitFor(async () => expect((await fetch(`${app.url}/readyz`)).status).toBe(503), { timeout: GRACE_MS, interval: 20 });
    const join = await post<{ error: string }>(`${app.url}/api/workshops/${created.code}/participants`, { name: 'Late' });
    expect(join.status).toBe(503);
    expect(await upgradeStatus(`${app.url.replace('http', 'ws')}/yjs/${created.code}?token=${writers[0]!.session.token}`)).toBe(503);
    // Existing clients still write and receive during the grace period.
    const { participantId, name } = writers[0]!.session;
    const duringGrace = addNote(writers[0]!.provider.doc, {
      personaId,
      quadrant: 'gains',
      text: 'during grace',
      authorId: participantId,
      authorName: name,
    });
    if (!duringGrace.ok) throw new Error(duringGrace.error);
    created_.add(duringGrace.value.id);
    await vi.waitFor(async () => expect(acknowledged().has(duringGrace.value.id)).toBe(true), { timeout: GRACE_MS });
    expect(writers.every((writer) => writer.closeCodes.length === 0)).toBe(true);

    expect(await exited).toEqual({ code: 0, signal: null });
    const acknowledgedAtExit = acknowledged();
    const stored = storedNoteIds(created.code);
    expect([...acknowledgedAtExit].filter((id) => !stored.has(id))).toEqual([]);
    for (const client of [observer!, ...writers]) {
      expect(client.closeCodes).toContain(CLOSE_CODES.serverStopping);
      expect(client.sawStopping).toBe(true);
      expect(client.disconnectReasons).toContain('transport close'); // not 'io server disconnect', which ends reconnection
    }

    // The writers kept typing while the server was away; a successor comes up and everyone is back.
    await app.start();
    await vi.waitFor(async () => expect([observer!, ...writers].every(isLive)).toBe(true), { timeout: 15_000 });
    timers.forEach(clearInterval);
    await vi.waitFor(async () => expect(acknowledged().size).toBe(created_.size), { timeout: 15_000 });
    await vi.waitFor(
      () => expect(writers.map((writer) => readNotes(writer.provider.doc).length)).toEqual(writers.map(() => created_.size)),
      {
        timeout: 15_000,
      },
    );

    for (const client of [observer!, ...writers]) {
      client.provider.destroy();
      client.socket.close();
    }
    expect(await app.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(storedNoteIds(created.code)).toEqual(created_);
  });
});
