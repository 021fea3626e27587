import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readNotes } from '../../lib/board';
import type { DraftView } from '../../lib/session/drafts';
import type { AppProcess } from '../helpers/AppProcess';
import { TestCluster } from '../helpers/cluster';
import { waitForConvergence } from '../helpers/convergence';
import { readStoredWorkshop } from '../helpers/storedBoard';
import { Typist, type ControlSocket } from '../helpers/typist';
import { createWorkshop, TypingRoom } from '../helpers/typingRoom';
import { isRunning } from '../helpers/services';

/**
 * `npm run test:cluster`, the board under failure: PostgreSQL, Redis, three built instances and
 * HAProxy (`deploy/haproxy.cfg`: round robin, no stickiness), with a room of real clients
 * (y-websocket providers and socket.io clients, joined through the API and spread over the
 * instances by the balancer) typing notes in three workshops at a steady rate. Each scenario
 * disrupts the cluster while they type, then pauses the typing and checks, against what
 * PostgreSQL holds (read directly, not through an instance): no acknowledged note lost (one some
 * client other than its author received), no created note lost, and every client's board equal
 * to the stored one. Nothing here depends on how updates cross instances (Redis fan-out or the
 * PostgreSQL catch-up): only on convergence, within generous bounds.
 */

const WORKSHOPS = 3;
const TYPISTS_PER_WORKSHOP = 6;
const TYPING_INTERVAL_MS = 1_500;
/**
 * The target, asserted: every client live again within 5 s of its instance going away.
 * Measured 0.73 s in a fresh-clone CI run (2026-12-04 22:10, nothing else on the 2 cores); a
 * loaded machine stretches it (3.2-5.6 s at load 11-19, 10.5-11.2 s at load 13-26).
 */
const LIVE_AGAIN_MS = 5_000;
/** Generous bounds for a loaded machine: none of them is a speed requirement. */
const CONVERGE_TIMEOUT_MS = 30_000;
const RECOVER_TIMEOUT_MS = 30_000;
/** Longer than the presence TTL (10 s), PostgreSQL's idle-in-transaction timeout (5 s) and HAProxy's down check (2 s). */
const PAUSE_MS = 12_000;

let cluster: TestCluster;
let room: TypingRoom;
let databaseUrl: string;
const paused = new Set<AppProcess>();
const extraSockets: ControlSocket[] = [];
const extraTypists: Typist[] = [];
const rawSockets: WebSocket[] = [];

beforeAll(async () => {
  // DRAIN_GRACE_MS as the README asks behind this balancer (>= inter x fall): a stopping instance
  // is marked down before it tells its clients to go, so they reconnect to the others.
  cluster = await TestCluster.start({ instances: 3, storage: 'postgres', env: { DRAIN_GRACE_MS: '2500' } });
  databaseUrl = cluster.databaseUrl!;
  room = await TypingRoom.open(cluster.url, {
    workshops: WORKSHOPS,
    typistsPerWorkshop: TYPISTS_PER_WORKSHOP,
    intervalMs: TYPING_INTERVAL_MS,
  });
}, 240_000);

afterAll(async () => {
  for (const app of paused) app.signal('SIGCONT'); // a paused instance would never handle SIGTERM
  await room?.pause();
  room?.close();
  for (const typist of extraTypists) typist.close();
  for (const socket of extraSockets) socket.close();
  for (const ws of rawSockets) ws.terminate();
  const pids = cluster?.pids() ?? [];
  await cluster?.close();
  expect(pids.filter(isRunning)).toEqual([]);
}, 60_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const eventually = <T>(check: () => T | Promise<T>, timeout = 15_000) => vi.waitFor(check, { timeout, interval: 50 });

/** Resolves once `more` notes were acknowledged after now: the room's notes are flowing. */
async function notesFlow(more = 5, timeout = RECOVER_TIMEOUT_MS): Promise<void> {
  const from = room.acknowledgedCount();
  await eventually(() => expect(room.acknowledgedCount()).toBeGreaterThanOrEqual(from + more), timeout);
}

const allLive = () => room.typists.every((t) => t.isLive);

/**
 * Pauses the typing and checks the promises: nothing acknowledged or created is lost, and every
 * client's board is the stored one. Prints the scenario's figures; resumes typing.
 */
async function expectConvergedAfter(scenario: string, figures: Record<string, unknown> = {}): Promise<void> {
  await room.pause();
  try {
    await eventually(() => expect(allLive()).toBe(true), RECOVER_TIMEOUT_MS);
    const { checks, convergeMs } = await waitForConvergence(databaseUrl, room, CONVERGE_TIMEOUT_MS);
    const refusals = room.typists.flatMap((t) => t.refusals.splice(0)); // this scenario's
    console.log(
      JSON.stringify({
        scenario,
        typed: room.notesTyped,
        acknowledged: room.acknowledgedCount(),
        stored: checks.reduce((sum, c) => sum + c.stored.noteIds.size, 0),
        convergeMs,
        refusals: refusals.length,
        ...figures,
      }),
    );
    for (const check of checks) {
      expect(check.lostAcknowledged, `acknowledged notes lost in ${check.code}`).toEqual([]);
      expect(check.lostCreated, `created notes lost in ${check.code}`).toEqual([]);
      expect(check.divergent, `boards unlike the stored one in ${check.code}`).toEqual([]);
    }
    // Out of order after a reconnect (typed before the resync went out) is the only refusal an
    // honest note may meet: never "locked" on a board nobody locked (a session reread elsewhere).
    expect(refusals.filter((reason) => reason !== 'missing-dependency')).toEqual([]);
  } finally {
    room.resume();
  }
}

/** A control socket pinned to one instance (no balancer), not reconnecting on its own. */
function controlAt(url: string, code: string, token: string): ControlSocket {
  const socket: ControlSocket = io(url, { auth: { code, token }, transports: ['websocket'], reconnection: false });
  extraSockets.push(socket);
  return socket;
}

function command(socket: ControlSocket, body: Record<string, unknown>): Promise<{ ok: boolean; error?: string }> {
  return new Promise((resolve) => socket.emit('command', { id: `c${Math.random().toString(36).slice(2)}`, ...body }, resolve));
}

async function joinAt(code: string, name: string, url: string): Promise<Typist> {
  const typist = await Typist.join(cluster.url, code, name, url);
  extraTypists.push(typist);
  return typist;
}

describe('the board under failure, while the room types (3 instances, PostgreSQL, Redis, HAProxy)', () => {
  it('spreads the typists over every instance and their notes reach each other', async () => {
    expect((await cluster.connections()).every((n) => n >= 2)).toBe(true);
    room.resume();
    await notesFlow(3 * WORKSHOPS * TYPISTS_PER_WORKSHOP);
    await expectConvergedAfter('baseline');
  });

  it('kill -9 of an instance: its clients reconnect to another, 0 acknowledged notes lost, all converge', async () => {
    const victim = cluster.apps[2]!;
    await notesFlow();
    const killedAt = Date.now();
    await victim.stop('SIGKILL');
    await eventually(() => expect(allLive()).toBe(true), RECOVER_TIMEOUT_MS);
    const liveAgainMs = Date.now() - killedAt;
    await notesFlow();
    // Back to three for what follows, while the room types.
    await victim.start();
    await notesFlow();
    await expectConvergedAfter('kill -9', { liveAgainMs });
  });

  it('rolling restart (SIGTERM each instance, start it again): nothing lost, every client live again within 5 s', async () => {
    const outages: number[] = [];
    for (const app of cluster.apps) {
      await notesFlow();
      const stoppedAt = Date.now();
      expect(await app.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      await eventually(() => expect(allLive()).toBe(true), RECOVER_TIMEOUT_MS);
      outages.push(Math.max(...room.typists.map((t) => t.longestOutageSince(stoppedAt))));
      await app.start();
    }
    await notesFlow();
    await expectConvergedAfter('rolling restart', { longestOutageMs: Math.max(...outages) });
    expect(Math.max(...outages)).toBeLessThan(LIVE_AGAIN_MS);
  }, 180_000);

  it('Redis restart: notes keep crossing instances while it is away, nothing lost, all converge', async () => {
    const [a, b] = cluster.apps;
    const workshop = room.workshops[0]!;
    await room.pause(); // two more typists, pinned to A and B, join the typing
    const writer = await joinAt(workshop.code, 'Writer on A', a!.url);
    const reader = await joinAt(workshop.code, 'Reader on B', b!.url);
    workshop.add(writer);
    workshop.add(reader);
    room.resume();
    await notesFlow();
    await cluster.redis.stop();
    try {
      // A note typed on instance A reaches a client of instance B with Redis gone.
      for (let i = 0; i < 3; i += 1) {
        const id = writer.type(`across without Redis ${i}`, Math.random)!;
        await eventually(() => expect(reader.noteIds().has(id)).toBe(true), RECOVER_TIMEOUT_MS);
      }
      await notesFlow(10);
    } finally {
      await cluster.redis.restart();
    }
    await notesFlow();
    await expectConvergedAfter('redis restart');
  });

  it('PostgreSQL restart: clients retry, nothing acknowledged is lost, everything converges after', async () => {
    await notesFlow();
    const before = room.acknowledgedCount();
    await cluster.postgres!.stop();
    try {
      await sleep(3_000); // the room types on (refused commits close the rooms; clients retry)
    } finally {
      await cluster.postgres!.restart();
    }
    const restartedAt = Date.now();
    await eventually(() => expect(allLive()).toBe(true), RECOVER_TIMEOUT_MS);
    const liveAgainMs = Date.now() - restartedAt;
    await notesFlow();
    expect(room.acknowledgedCount()).toBeGreaterThan(before);
    await expectConvergedAfter('postgres restart', { liveAgainMs });
  });

  it('SIGSTOP longer than every TTL, then SIGCONT: the stale instance writes nothing stale, its clients converge', async () => {
    const [a, stale] = cluster.apps;
    const [first, second] = room.workshops;
    // On the instance to pause: a typist and a facilitator's screen (no balancer to cut them).
    await room.pause();
    const pinned = await joinAt(first!.code, 'Pinned to the paused one', stale!.url);
    first!.add(pinned);
    room.resume();
    const staleScreen = controlAt(stale!.url, first!.code, first!.facilitatorToken);
    const freshScreen = controlAt(a!.url, first!.code, first!.facilitatorToken);
    await eventually(() => expect(staleScreen.connected && freshScreen.connected).toBe(true));
    expect(await command(freshScreen, { type: 'timer.reset' })).toEqual({ ok: true });
    await notesFlow();

    stale!.signal('SIGSTOP');
    paused.add(stale!);
    const pausedAt = Date.now();
    try {
      // While it sleeps: the session moves on elsewhere, and the paused instance gets a command
      // it will only read when it wakes, with its cached session older than the stored one.
      expect(await command(freshScreen, { type: 'timer.start', durationSec: 600 })).toEqual({ ok: true });
      const staleCommand = command(staleScreen, { type: 'spotlight.set', quadrant: 'pains' });
      // Everyone in the second workshop blinks off and on: the rooms holding it on the live
      // instances close and compact past what the paused instance holds of it.
      for (const typist of second!.typists) typist.provider.disconnect();
      await sleep(1_500);
      for (const typist of second!.typists) typist.provider.connect();
      await notesFlow();
      await sleep(Math.max(0, PAUSE_MS - (Date.now() - pausedAt)));
      const beforeWake = await Promise.all(room.workshops.map((w) => readStoredWorkshop(databaseUrl, w.code)));
      expect(beforeWake[1]!.stateSeq).toBeGreaterThan(0);

      stale!.signal('SIGCONT');
      paused.delete(stale!);
      expect(await staleCommand).toEqual({ ok: true });
      await notesFlow();
      await expectConvergedAfter('sigstop', { pausedMs: Date.now() - pausedAt });
      const afterWake = await Promise.all(room.workshops.map((w) => readStoredWorkshop(databaseUrl, w.code)));
      for (const [i, now] of afterWake.entries()) {
        const then = beforeWake[i]!;
        expect(now.stateSeq).toBeGreaterThanOrEqual(then.stateSeq); // no compaction over a newer state
        expect(now.docSeq).toBeGreaterThanOrEqual(then.docSeq);
        expect([...then.noteIds].filter((id) => !now.noteIds.has(id))).toEqual([]); // every note still there
      }
      // The session never went back: the stale instance's command landed on top of the newer state.
      const session = afterWake[0]!;
      expect(session.sessionRevision!).toBeGreaterThan(beforeWake[0]!.sessionRevision!);
      expect(session.session).toMatchObject({ timer: { status: 'running' }, spotlight: 'pains' });
    } finally {
      if (paused.delete(stale!)) stale!.signal('SIGCONT');
    }
  }, 120_000);

  it('drafts never leak across instances, the reveal reaches all, and a kick holds on every instance', async () => {
    const [a, b, c] = cluster.apps;
    const workshop = await createWorkshop(cluster.url, 'Private writing');
    const facilitator = controlAt(c!.url, workshop.code, workshop.facilitatorToken);
    const author = await joinAt(workshop.code, 'Author on A', a!.url);
    const authorTab = controlAt(b!.url, workshop.code, author.seat.token); // the author's other tab, on B
    const onB = await joinAt(workshop.code, 'Reader on B', b!.url);
    const onC = await joinAt(workshop.code, 'Reader on C', c!.url);
    // Everything B's and C's readers receive, byte for byte: control events and raw board frames.
    const heard: string[] = [];
    for (const [reader, app] of [
      [onB, b!],
      [onC, c!],
    ] as const) {
      reader.control.onAny((event, ...args) => heard.push(`${event} ${JSON.stringify(args)}`));
      const ws = new WebSocket(`${app.url.replace('http', 'ws')}/yjs/${workshop.code}?token=${reader.seat.token}`);
      ws.on('message', (data) => heard.push(Buffer.from(data as Buffer).toString('latin1')));
      ws.on('error', () => undefined);
      rawSockets.push(ws);
      await new Promise((resolve) => ws.once('open', resolve));
    }
    let authorsDrafts: DraftView[] = [];
    authorTab.on('drafts:mine', (drafts) => (authorsDrafts = drafts));
    await eventually(() => expect(facilitator.connected && authorTab.connected).toBe(true));

    expect(await command(facilitator, { type: 'step.goto', stepId: 'q_sees' })).toEqual({ ok: true });
    await eventually(() => expect([author, onB, onC].every((t) => t.session?.state.currentStepId === 'q_sees')).toBe(true));
    const secrets = ['Zebra secret one', 'Zebra secret two', 'Zebra secret three'];
    for (const [i, text] of secrets.entries()) {
      const draft = { type: 'draft.add', draftId: `draftchaos00000${i}`, quadrant: 'sees', text };
      expect(await command(author.control, draft)).toEqual({ ok: true });
    }
    // The author's own tab on another instance gets them; nobody else does.
    await eventually(() => expect(authorsDrafts.map((d) => d.text).sort()).toEqual([...secrets].sort()));
    await sleep(1_500);
    expect(heard.filter((frame) => frame.includes('Zebra'))).toEqual([]);
    expect([...onB.noteIds(), ...onC.noteIds()]).toEqual([]);

    expect(await command(facilitator, { type: 'drafts.reveal' })).toEqual({ ok: true });
    for (const reader of [author, onB, onC]) {
      await eventually(() =>
        expect(
          readNotes(reader.doc)
            .map((n) => `${n.text}/${n.authorName}`)
            .sort(),
        ).toEqual(secrets.map((s) => `${s}/Author on A`).sort()),
      );
    }

    // The kick, from the facilitator on C, of the author connected on A (board, control) and B (control).
    const kickedAt = Date.now();
    expect(await command(facilitator, { type: 'participant.kick', participantId: author.participantId })).toEqual({ ok: true });
    // Within 2 s is timed by cluster.test.ts; here, with the room typing on a loaded machine, it is reported.
    await eventually(() => expect(author.provider.wsconnected || author.control.connected || authorTab.connected).toBe(false));
    const kickMs = Date.now() - kickedAt;
    expect(author.ended.length).toBeGreaterThanOrEqual(1);
    // Nor can they come back, through any instance or the balancer, on either channel.
    for (const url of [a!.url, b!.url, c!.url, cluster.url]) {
      const again = controlAt(url, workshop.code, author.seat.token);
      expect((await new Promise<Error>((resolve) => again.once('connect_error', resolve))).message).toBe('unauthorized');
      const board = new WebSocket(`${url.replace('http', 'ws')}/yjs/${workshop.code}?token=${author.seat.token}`);
      rawSockets.push(board);
      const status = await new Promise<number>((resolve) => {
        board.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        board.once('open', () => resolve(101));
        board.once('error', () => resolve(0));
      });
      expect(status).toBe(401);
    }
    await expectConvergedAfter('drafts and kick', { kickMs });
  });
});
