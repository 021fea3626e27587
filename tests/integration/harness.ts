import { mkdtempSync, rmSync } from 'node:fs';
import { expect, vi } from 'vitest';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { CreateWorkshopReply, SessionReply } from '../../lib/api';
import { BOARD_NOTICE_MESSAGE, readBoardNotice, type BoardNotice } from '../../lib/boardNotices';
import type { ClientToServerEvents, RosterEntry, ServerToClientEvents, SessionBroadcast } from '../../lib/wire';
import { createAppServer, type AppServer, type AppServerOptions } from '../../server/createAppServer';
import { createLogger } from '../../server/log';
import { SqliteStorage } from '../../server/storage/sqlite/SqliteStorage';
import { sharedPostgres } from '../helpers/postgres';
import type Database from 'better-sqlite3';

/**
 * Which engine the harness's servers store in: SQLite (default), or with `PW_TEST_ENGINE=postgres`
 * a fresh database per harness on the shared throwaway PostgreSQL, so the same integration tests
 * run against both (`npm run test:integration:postgres`).
 */
export const TEST_ENGINE = process.env.PW_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** A temp data dir, real server(s) on port 0, and everything closed at the end. */
export class Harness {
  readonly dataDir = mkdtempSync(path.join(tmpdir(), 'pw-test-'));
  private readonly closers: (() => unknown)[] = [];
  /** The harness's own PostgreSQL database (kept across restarts), when the engine is PostgreSQL. */
  private databaseUrl: string | null = null;
  server!: AppServer;

  async start(options: Partial<AppServerOptions> = {}): Promise<AppServer> {
    if (TEST_ENGINE === 'postgres') this.databaseUrl ??= await (await sharedPostgres()).createDatabase();
    this.server = await createAppServer({
      dataDir: this.dataDir,
      databaseUrl: this.databaseUrl,
      logger: createLogger('silent'),
      ...options,
    });
    const server = this.server;
    this.closers.push(() => server.close());
    return server;
  }

  async restart(options: Partial<AppServerOptions> = {}): Promise<AppServer> {
    await this.server.close();
    return this.start(options);
  }

  async post(pathname: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.server.url}${pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  async createWorkshop(title = 'Coffee shop personas'): Promise<CreateWorkshopReply> {
    const res = await this.post('/api/workshops', { title });
    if (res.status !== 201) throw new Error(`create failed: ${res.status}`);
    return (await res.json()) as CreateWorkshopReply;
  }

  async join(code: string, name: string): Promise<SessionReply> {
    const res = await this.post(`/api/workshops/${code}/participants`, { name });
    if (res.status !== 201) throw new Error(`join failed: ${res.status}`);
    return (await res.json()) as SessionReply;
  }

  async facilitator(code: string, key: string): Promise<SessionReply> {
    const res = await this.post(`/api/workshops/${code}/facilitator-session`, {}, { authorization: `Bearer ${key}` });
    if (res.status !== 201) throw new Error(`facilitator session failed: ${res.status}`);
    return (await res.json()) as SessionReply;
  }

  /** A real y-websocket client, as the browser uses, on its own Y.Doc. */
  provider(code: string, token: string, doc = new Y.Doc()): WebsocketProvider {
    const provider = new WebsocketProvider(`${this.server.url.replace('http', 'ws')}/yjs`, code, doc, {
      params: { token },
      WebSocketPolyfill: WebSocket as never,
      disableBc: true,
    });
    this.closers.push(() => provider.destroy());
    return provider;
  }

  control(code: string, token: string): Socket<ServerToClientEvents, ClientToServerEvents> {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(this.server.url, {
      auth: { code, token },
      transports: ['websocket'],
      reconnection: false,
    });
    this.closers.push(() => socket.close());
    return socket;
  }

  onClose(closer: () => unknown): void {
    this.closers.push(closer);
  }

  async close(): Promise<void> {
    for (const closer of this.closers.reverse()) await closer();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/**
 * `vi.waitFor` with room for a loaded machine: tests at a room's volume (60 sockets, hundreds of
 * drafts) can take seconds when other work shares the cores. Still polls, never sleeps.
 */
export function eventually<T>(check: () => T | Promise<T>, options: { timeout?: number } = {}): Promise<T> {
  return vi.waitFor(check, { timeout: 10_000, interval: 50, ...options });
}

export function synced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => provider.once('sync', (isSynced: boolean) => isSynced && resolve()));
}

/** Collects the board notices (refusals, size) a real provider receives, as the browser registers them. */
export function watchNotices(provider: WebsocketProvider): BoardNotice[] {
  const notices: BoardNotice[] = [];
  provider.messageHandlers[BOARD_NOTICE_MESSAGE] = (_encoder, decoder) => {
    const notice = readBoardNotice(decoder);
    if (notice) notices.push(notice);
  };
  return notices;
}

type ControlSocket = ReturnType<Harness['control']>;

/** Sends a command with a fresh id (unless given) and resolves with the server's reply. */
export function command(socket: ControlSocket, body: Record<string, unknown>): Promise<{ ok: boolean; error?: string }> {
  const id = typeof body.id === 'string' ? body.id : `c${Math.random().toString(36).slice(2)}`;
  return new Promise((resolve) => socket.emit('command', { id, ...body }, resolve));
}

/** Keeps the latest session broadcast a socket received. */
export function watchSession(socket: ControlSocket): { latest: SessionBroadcast | null } {
  const watcher: { latest: SessionBroadcast | null } = { latest: null };
  socket.on('session', (broadcast) => (watcher.latest = broadcast));
  return watcher;
}

/**
 * The roster as a browser keeps it: the whole list on connect, then one entry per change.
 * `fullLists` counts whole lists received (one per connect), `updates` the single-entry changes.
 */
export function watchRoster(socket: ControlSocket) {
  const watcher = { entries: [] as RosterEntry[], fullLists: 0, updates: 0 };
  socket.on('roster', (entries) => {
    watcher.entries = entries;
    watcher.fullLists += 1;
  });
  socket.on('roster:update', (entry) => {
    watcher.updates += 1;
    const at = watcher.entries.findIndex((e) => e.participantId === entry.participantId);
    watcher.entries = at === -1 ? [...watcher.entries, entry] : watcher.entries.map((e, i) => (i === at ? entry : e));
  });
  socket.on('roster:remove', (participantId) => {
    watcher.updates += 1;
    watcher.entries = watcher.entries.filter((e) => e.participantId !== participantId);
  });
  return watcher;
}

/**
 * A workshop with the facilitator's control socket and the named participants joined, each
 * with a control socket; resolves once every socket has its first session broadcast.
 */
export async function facilitatedRoom(h: Harness, names: string[]) {
  const created = await h.createWorkshop();
  const facilitatorSession = await h.facilitator(created.code, created.facilitatorKey);
  const facilitator = h.control(created.code, facilitatorSession.token);
  const session = watchSession(facilitator);
  const people = await Promise.all(
    names.map(async (name) => {
      const joined = await h.join(created.code, name);
      const socket = h.control(created.code, joined.token);
      return { ...joined, socket, view: watchSession(socket) };
    }),
  );
  await eventually(async () => expect([session, ...people.map((p) => p.view)].every((w) => w.latest !== null)).toBe(true));
  return { ...created, facilitator, facilitatorSession, session, people };
}

/** The SQLite connection under a server on the default engine, for tests that look at its rows. */
export function sqliteOf(server: AppServer): Database.Database {
  if (!(server.storage instanceof SqliteStorage)) throw new Error('this test reads SQLite rows');
  return server.storage.store.connection();
}
