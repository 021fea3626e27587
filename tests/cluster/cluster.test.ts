import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CreateWorkshopReply, SessionReply } from '../../lib/api';
import type { ClientToServerEvents, RosterEntry, ServerToClientEvents, SessionBroadcast } from '../../lib/wire';
import { TestCluster } from '../helpers/cluster';
import { isRunning } from '../helpers/services';

/**
 * `npm run test:cluster`: the scaled-out mode as an operator runs it. Redis, three instances of
 * the built app and HAProxy with `deploy/haproxy.cfg` (round robin, no stickiness); clients go
 * through the balancer unless a scenario needs one on a given instance.
 *
 * Done here: socket.io commands and presence across the instances, a kick on every instance
 * within 2 s, the global join limit, a Redis restart, kill -9 of an instance (presence and
 * control clients), and nothing left running.
 *
 * The board's scenarios while a room types (kill -9, rolling restart, Redis and PostgreSQL
 * restarts, SIGSTOP, drafts and a kick across instances) are in `chaos.test.ts`, on PostgreSQL.
 */

type ControlSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const JOINS_PER_MINUTE = 30;
const KICK_DEADLINE_MS = 2_000;

let cluster: TestCluster;
const sockets: ControlSocket[] = [];
const boards: WebSocket[] = [];

beforeAll(async () => {
  cluster = await TestCluster.start({ instances: 3, env: { JOINS_PER_WORKSHOP_PER_MINUTE: String(JOINS_PER_MINUTE) } });
}, 180_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const board of boards) board.terminate();
  const pids = cluster?.pids() ?? [];
  await cluster?.close();
  // Nothing left running: every process the cluster started is gone.
  expect(pids.filter(isRunning)).toEqual([]);
}, 60_000);

const eventually = <T>(check: () => T | Promise<T>, timeout = 15_000) => vi.waitFor(check, { timeout, interval: 50 });

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

async function createWorkshop(): Promise<CreateWorkshopReply & { facilitatorToken: string }> {
  const created = (await (await post(`${cluster.url}/api/workshops`, { title: 'Cluster' })).json()) as CreateWorkshopReply;
  const res = await post(
    `${cluster.url}/api/workshops/${created.code}/facilitator-session`,
    {},
    { authorization: `Bearer ${created.facilitatorKey}` },
  );
  return { ...created, facilitatorToken: ((await res.json()) as SessionReply).token };
}

async function join(code: string, name: string): Promise<SessionReply> {
  const res = await post(`${cluster.url}/api/workshops/${code}/participants`, { name });
  expect(res.status).toBe(201);
  return (await res.json()) as SessionReply;
}

/** A browser's control socket (WebSocket transport only), through the balancer unless `url` says otherwise. */
function connect(code: string, token: string, options: { url?: string; reconnection?: boolean } = {}) {
  const socket: ControlSocket = io(options.url ?? cluster.url, {
    auth: { code, token },
    transports: ['websocket'],
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 200,
    reconnectionDelayMax: 1_000,
  });
  sockets.push(socket);
  const view = { session: null as SessionBroadcast | null, roster: [] as RosterEntry[], ended: [] as string[] };
  socket.on('session', (broadcast) => (view.session = broadcast));
  socket.on('roster', (entries) => (view.roster = entries));
  socket.on('roster:update', (entry) => (view.roster = [...view.roster.filter((e) => e.participantId !== entry.participantId), entry]));
  socket.on('session:ended', (reason) => view.ended.push(reason));
  return { socket, view };
}

function command(socket: ControlSocket, body: Record<string, unknown>): Promise<{ ok: boolean; error?: string }> {
  return new Promise((resolve) => socket.emit('command', { id: `c${Math.random().toString(36).slice(2)}`, ...body }, resolve));
}

const isOnline = (roster: RosterEntry[], id: string) => roster.find((e) => e.participantId === id)?.isOnline === true;

/** A workshop with its facilitator and `count` participants connected through the balancer. */
async function room(count: number, options: { reconnection?: boolean } = {}) {
  const created = await createWorkshop();
  const facilitator = connect(created.code, created.facilitatorToken, options);
  const people: (SessionReply & ReturnType<typeof connect>)[] = [];
  for (let i = 0; i < count; i += 1) {
    const joined = await join(created.code, `Person ${i + 1}`);
    people.push({ ...joined, ...connect(created.code, joined.token, options) });
  }
  await eventually(() => expect([facilitator, ...people].every((p) => p.view.session !== null)).toBe(true));
  return { created, facilitator, people };
}

describe('control plane across three instances behind HAProxy', () => {
  it("spreads clients over every instance; each sees the facilitator's commands and everyone's presence", async () => {
    const { created, facilitator, people } = await room(8);
    expect((await cluster.connections()).every((n) => n >= 1)).toBe(true);
    expect(await command(facilitator.socket, { type: 'timer.start', durationSec: 300 })).toEqual({ ok: true });
    for (const person of people) await eventually(() => expect(person.view.session?.state.timer.status).toBe('running'));
    await eventually(() => expect(people.every((p) => isOnline(facilitator.view.roster, p.participantId))).toBe(true));
    // A screen connecting now gets the whole roster with everyone online, wherever they are connected.
    for (let i = 0; i < 3; i += 1) {
      const late = connect(created.code, (await join(created.code, `Late ${i}`)).token);
      await eventually(() => expect(people.every((p) => isOnline(late.view.roster, p.participantId))).toBe(true));
    }
  });

  it('removes a kicked participant from every instance within 2 s (control and board sockets)', async () => {
    const { created, facilitator, people } = await room(1);
    const target = people[0]!;
    // Three more control sockets and three board sockets: round robin puts them on every instance.
    const extra = [connect(created.code, target.token), connect(created.code, target.token), connect(created.code, target.token)];
    const closes: Promise<number>[] = [];
    for (let i = 0; i < 3; i += 1) {
      const board = new WebSocket(`${cluster.url.replace('http', 'ws')}/yjs/${created.code}?token=${target.token}`);
      boards.push(board);
      await new Promise((resolve, reject) => board.once('open', resolve).once('error', reject));
      closes.push(new Promise((resolve) => board.once('close', (code) => resolve(code))));
    }
    const controls = [target, ...extra];
    await eventually(() => expect(controls.every((c) => c.socket.connected)).toBe(true));
    expect((await cluster.connections()).every((n) => n >= 1)).toBe(true);
    const startedAt = Date.now();
    expect(await command(facilitator.socket, { type: 'participant.kick', participantId: target.participantId })).toEqual({ ok: true });
    expect(await Promise.all(closes)).toEqual([4403, 4403, 4403]);
    await eventually(() => expect(controls.every((c) => !c.socket.connected)).toBe(true), KICK_DEADLINE_MS);
    const tookMs = Date.now() - startedAt;
    expect(tookMs).toBeLessThan(KICK_DEADLINE_MS);
    expect(controls.every((c) => c.view.ended.length >= 1)).toBe(true);
    // Nor can they come back, on any instance.
    for (let i = 0; i < 3; i += 1) {
      const again = connect(created.code, target.token);
      const error = await new Promise<Error>((resolve) => again.socket.once('connect_error', resolve));
      expect(error.message).toBe('unauthorized');
    }
  });

  it('admits JOINS_PER_WORKSHOP_PER_MINUTE joins across all instances together, not per instance', async () => {
    const { code } = await createWorkshop();
    const statuses: number[] = [];
    for (let i = 0; i < JOINS_PER_MINUTE + 3; i += 1) {
      const res = await post(`${cluster.url}/api/workshops/${code}/participants`, { name: `Joiner ${i}` });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(JOINS_PER_MINUTE);
    expect(statuses.slice(JOINS_PER_MINUTE)).toEqual([429, 429, 429]);
  });

  it('survives a Redis restart: instances keep serving, and commands cross instances again after it', async () => {
    const { created, facilitator, people } = await room(5);
    await cluster.redis.stop();
    for (const app of cluster.apps) expect((await fetch(`${app.url}/healthz`)).ok).toBe(true);
    expect((await post(`${cluster.url}/api/workshops/${created.code}/participants`, { name: 'While Redis is down' })).status).toBe(201);
    await cluster.redis.restart();
    // A command sent while the instances are still reconnecting reaches only its own instance's
    // screens (nothing is queued for Redis); the facilitator tries again, as a person would.
    await eventually(async () => {
      expect(await command(facilitator.socket, { type: 'timer.start', durationSec: 90 })).toEqual({ ok: true });
      await eventually(() => expect(people.every((p) => p.view.session?.state.timer.status === 'running')).toBe(true), 2_000);
    }, 20_000);
    expect(people.every((p) => p.socket.connected)).toBe(true);
    expect((await post(`${cluster.url}/api/workshops/${created.code}/participants`, { name: 'After' })).status).toBe(201);
  });

  it("kill -9 of an instance: its clients reconnect elsewhere, and its people who don't come back go offline", async () => {
    const [first, , victim] = cluster.apps;
    const created = await createWorkshop();
    const facilitator = connect(created.code, created.facilitatorToken, { url: first!.url });
    // One participant pinned to the victim who will not come back, and four through the balancer who will.
    const gone = await join(created.code, 'On the killed instance');
    const pinned = connect(created.code, gone.token, { url: victim!.url });
    const movers: (SessionReply & ReturnType<typeof connect>)[] = [];
    for (let i = 0; i < 4; i += 1) {
      const joined = await join(created.code, `Mover ${i}`);
      movers.push({ ...joined, ...connect(created.code, joined.token, { reconnection: true }) });
    }
    await eventually(() => expect(isOnline(facilitator.view.roster, gone.participantId)).toBe(true));
    await eventually(() => expect(movers.every((m) => isOnline(facilitator.view.roster, m.participantId))).toBe(true));
    await victim!.stop('SIGKILL');
    await eventually(() => expect(pinned.socket.connected).toBe(false));
    // Everyone who reconnects is live within 5 s of their instance going away.
    await eventually(() => expect(movers.every((m) => m.socket.connected)).toBe(true), 5_000);
    expect(await command(facilitator.socket, { type: 'timer.start', durationSec: 30 })).toEqual({ ok: true });
    await eventually(() => expect(movers.every((m) => m.view.session?.state.timer.status === 'running')).toBe(true));
    // The killed instance's presence expires (TTL 10 s, swept on the 2 s heartbeat): offline, the others stay online.
    await eventually(() => expect(isOnline(facilitator.view.roster, gone.participantId)).toBe(false), 20_000);
    expect(movers.every((m) => isOnline(facilitator.view.roster, m.participantId))).toBe(true);
  });
});
