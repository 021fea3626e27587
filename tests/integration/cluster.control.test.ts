import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CreateWorkshopReply, SessionReply } from '../../lib/api';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/wire';
import { createAppServer, type AppServer } from '../../server/createAppServer';
import { createLogger } from '../../server/log';
import { RedisServer } from '../helpers/redis';
import { command, eventually, watchRoster, watchSession } from './harness';

/**
 * The control plane across instances, at its seam: three real servers in this process on one real
 * Redis (REDIS_URL), sharing one SQLite data directory for the workshops and tokens. Sharing the
 * file is safe here because these tests never write to a board (each instance would keep its own
 * copy of a Yjs doc and compact it over the others': that needs the PostgreSQL storage of #12's
 * other half); sessions are reread after another instance's change (the `session` notice).
 */

type ControlSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let redis: RedisServer;
let dataDir: string;
let servers: AppServer[] = [];
const closers: (() => unknown)[] = [];

beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => {
  await redis.close();
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  for (const server of servers) await server.close();
  servers = [];
  rmSync(dataDir, { recursive: true, force: true });
  // Every test starts from an empty Redis (a test that stopped it has restarted it).
  const client = new Redis(redis.url, { maxRetriesPerRequest: 3 });
  client.on('error', () => undefined);
  await client.flushall();
  client.disconnect();
});

async function startCluster(count: number, extra: Parameters<typeof createAppServer>[0]['limits'] = {}): Promise<AppServer[]> {
  dataDir = mkdtempSync(path.join(tmpdir(), 'pw-cluster-'));
  for (let i = 0; i < count; i += 1) {
    servers.push(await createAppServer({ dataDir, redisUrl: redis.url, logger: createLogger('silent'), limits: extra }));
  }
  return servers;
}

async function post(server: AppServer, pathname: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function workshop(server: AppServer): Promise<CreateWorkshopReply> {
  return (await (await post(server, '/api/workshops', { title: 'Cluster' })).json()) as CreateWorkshopReply;
}

async function join(server: AppServer, code: string, name: string): Promise<SessionReply> {
  const res = await post(server, `/api/workshops/${code}/participants`, { name });
  expect(res.status).toBe(201);
  return (await res.json()) as SessionReply;
}

async function facilitatorSession(server: AppServer, created: CreateWorkshopReply): Promise<SessionReply> {
  const res = await post(
    server,
    `/api/workshops/${created.code}/facilitator-session`,
    {},
    { authorization: `Bearer ${created.facilitatorKey}` },
  );
  return (await res.json()) as SessionReply;
}

function control(server: AppServer, code: string, token: string): ControlSocket {
  const socket: ControlSocket = io(server.url, { auth: { code, token }, transports: ['websocket'], reconnection: false });
  closers.push(() => socket.close());
  return socket;
}

/** A workshop made on the first server, its facilitator connected there, one participant on each other server. */
async function spreadRoom(count = 3) {
  const cluster = await startCluster(count);
  const created = await workshop(cluster[0]!);
  const facilitator = control(cluster[0]!, created.code, (await facilitatorSession(cluster[0]!, created)).token);
  const roster = watchRoster(facilitator);
  const session = watchSession(facilitator);
  await eventually(() => expect(session.latest).not.toBeNull());
  const people = [];
  for (const [i, server] of cluster.slice(1).entries()) {
    const joined = await join(server, created.code, `Person ${i + 1}`);
    const socket = control(server, created.code, joined.token);
    const view = watchSession(socket);
    await eventually(() => expect(view.latest).not.toBeNull());
    people.push({ ...joined, server, socket, view });
  }
  return { cluster, created, facilitator, roster, session, people };
}

describe('control plane across instances (REDIS_URL)', () => {
  it("carries the facilitator's commands to participants on other instances", async () => {
    const { created, facilitator, people } = await spreadRoom();
    expect(await command(facilitator, { type: 'timer.start', durationSec: 120 })).toEqual({ ok: true });
    for (const person of people) await eventually(() => expect(person.view.latest?.state.timer.status).toBe('running'));
    expect(await command(facilitator, { type: 'board.lock', isLocked: true })).toEqual({ ok: true });
    for (const person of people) await eventually(() => expect(person.view.latest?.state.isBoardLocked).toBe(true));
    // A screen connecting to another instance now starts from the changed session, not that
    // instance's cached copy (the session notice), and the lock holds there at the Yjs door.
    const late = control(people[1]!.server, created.code, people[1]!.token);
    const lateView = watchSession(late);
    await eventually(() => expect(lateView.latest?.state.isBoardLocked).toBe(true));
  });

  it('shows who is online on any instance, and offline when their last socket anywhere closes', async () => {
    const { cluster, created, roster, people } = await spreadRoom();
    const online = (id: string) => roster.entries.find((e) => e.participantId === id)?.isOnline;
    for (const person of people) await eventually(() => expect(online(person.participantId)).toBe(true));
    // A new screen on the first instance gets the whole roster: the others' people are online in it.
    const late = control(cluster[0]!, created.code, (await join(cluster[0]!, created.code, 'Late')).token);
    const lateRoster = watchRoster(late);
    await eventually(() => expect(lateRoster.entries.filter((e) => e.isOnline && e.role === 'participant')).toHaveLength(3));
    // The same person on two instances stays online until both sockets are gone.
    const first = people[0]!;
    const second = control(cluster[2]!, created.code, first.token);
    await eventually(() => expect(second.connected).toBe(true));
    first.socket.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(online(first.participantId)).toBe(true);
    second.close();
    await eventually(() => expect(online(first.participantId)).toBe(false));
  });

  it("sends a participant's own drafts to their sockets on every instance, nobody else's", async () => {
    const { cluster, created, facilitator, people } = await spreadRoom();
    const [author, other] = people;
    const elsewhere = control(cluster[0]!, created.code, author!.token);
    const mine: number[] = [];
    elsewhere.on('drafts:mine', (drafts) => mine.push(drafts.length));
    const otherMine: number[] = [];
    other!.socket.on('drafts:mine', (drafts) => otherMine.push(drafts.length));
    await eventually(() => expect(mine).toEqual([0]));
    // A private step: facilitator on instance 0, author on instance 1, the author's other tab on instance 0.
    expect(await command(facilitator, { type: 'step.goto', stepId: 'q_sees' })).toEqual({ ok: true });
    await eventually(() => expect(author!.view.latest?.state.currentStepId).toBe('q_sees'));
    expect(
      await command(author!.socket, { type: 'draft.add', draftId: 'draft00000000001', quadrant: 'sees', text: 'private words' }),
    ).toEqual({
      ok: true,
    });
    await eventually(() => expect(mine.at(-1)).toBe(1));
    expect(otherMine.every((n) => n === 0)).toBe(true);
  });

  it('ends a kicked participant on every instance within 2 s: socket.io and board sockets', async () => {
    const { cluster, created, facilitator, people } = await spreadRoom();
    const target = people[0]!; // control socket on instance 1
    const ended: string[] = [];
    target.socket.on('session:ended', (reason) => ended.push(reason));
    const board = new WebSocket(`${cluster[2]!.url.replace('http', 'ws')}/yjs/${created.code}?token=${target.token}`);
    closers.push(() => board.terminate());
    await new Promise((resolve, reject) => board.once('open', resolve).once('error', reject));
    const boardClosed = new Promise<number>((resolve) => board.once('close', (code) => resolve(code)));
    const startedAt = Date.now();
    expect(await command(facilitator, { type: 'participant.kick', participantId: target.participantId })).toEqual({ ok: true });
    expect(await boardClosed).toBe(4403);
    await eventually(() => expect(target.socket.connected).toBe(false), { timeout: 2_000 });
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect(ended).toHaveLength(1);
  });

  it("a draining instance tells only its own clients to leave, not the other instances'", async () => {
    const { cluster, people } = await spreadRoom();
    const stopping: string[] = [];
    for (const person of people) person.socket.on('server:stopping', () => stopping.push(person.name));
    const drained = cluster[1]!.drain({ graceMs: 0, timeoutMs: 3_000 });
    servers = servers.filter((s) => s !== cluster[1]);
    await drained;
    expect(stopping).toEqual([people[0]!.name]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(people[1]!.socket.connected).toBe(true);
  });

  it('counts joins per workshop across instances (one budget, in Redis)', async () => {
    const cluster = await startCluster(3, { joinsPerWorkshopPerMinute: 4 });
    const created = await workshop(cluster[0]!);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const res = await post(cluster[i % 3]!, `/api/workshops/${created.code}/participants`, { name: `P${i}` });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
  });

  it('counts failed joins per address across instances (guessing room codes gains nothing from more instances)', async () => {
    const cluster = await startCluster(3);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      statuses.push((await post(cluster[i % 3]!, '/api/workshops/ZZZZZZZZ/participants', { name: 'Guess' })).status);
    }
    // 10 failures a minute per address (JoinGuard), whichever instance answers.
    expect(statuses.slice(0, 10).every((status) => status !== 429)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('survives a Redis restart: joins go on meanwhile, commands reach other instances after', async () => {
    const { cluster, created, facilitator, session, people } = await spreadRoom(2);
    await redis.stop();
    // Rate limits fall back to memory: a join while Redis is down still works.
    expect((await post(cluster[1]!, `/api/workshops/${created.code}/participants`, { name: 'During' })).status).toBe(201);
    await redis.restart();
    await eventually(
      async () => {
        expect(await command(facilitator, { type: 'timer.start', durationSec: 60 })).toEqual({ ok: true });
        expect(people[0]!.view.latest?.state.timer.status).toBe('running');
      },
      { timeout: 15_000 },
    );
    expect((await post(cluster[1]!, `/api/workshops/${created.code}/participants`, { name: 'After' })).status).toBe(201);
    // And the other way: a broadcast from the participant's instance reaches the facilitator's.
    expect(await command(people[0]!.socket, { type: 'participant.done', isDone: true })).toEqual({ ok: true });
    await eventually(() => expect(session.latest?.state.doneParticipantIds).toContain(people[0]!.participantId));
  });
});
