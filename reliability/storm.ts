import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CountingWebSocket, firstPersonaId, takeSeat, whenSynced } from '../bench/client';
import { reconnectDelayMs } from '../components/sync/reconnect';
import { notesMap } from '../lib/board';
import { isFinalCloseCode } from '../lib/closeCodes';
import { addPeerNote, destroyPeer, joinPeer, mapLimit, newRoom, seededRandom, sleep, target, waitUntil, type Peer } from './clients';
import { finish, freePort, isFull, percentiles, quantiles, startServer, tempDir } from './proc';

/**
 * Reconnect storm: clients spread over 5 rooms with full boards; the server is restarted
 * (SIGTERM, then a new process on the same data and port). Every client must resync within
 * 30 s with the whole board; figures are the resync time distribution and the spread of the
 * reconnect attempts. The clients reconnect as the browser does (`BoardConnection`): y-websocket's
 * own retry is off and each close schedules `connect()` after `reconnectDelayMs(attempt)`, the
 * full-jitter backoff, with a seeded random source per client.
 */
const ROOMS = 5;
const CLIENTS = isFull ? 250 : 50;
const NOTES = isFull ? 2_000 : 500;
const SEED_BATCH = 100;
const RESYNC_LIMIT_MS = 30_000;
const HISTOGRAM_BUCKET_MS = 100;

/** Counts per `bucketMs` bucket, keyed by the bucket's start. */
function histogram(values: number[], bucketMs: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) {
    const key = String(Math.floor(value / bucketMs) * bucketMs);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const started = Date.now();
const dataDir = tempDir('storm');
const port = await freePort();
let server = await startServer(dataDir, port);
const random = seededRandom(42);
const rooms = await Promise.all(Array.from({ length: ROOMS }, (_, r) => newRoom(server.url, `storm-${r}`)));

// Full boards, written by one seeder per room in a few large transactions.
for (const room of rooms) {
  const seeder = await joinPeer(server.url, room, 'Seeder');
  for (let i = 0; i < NOTES; i += SEED_BATCH) {
    seeder.doc.transact(() => {
      for (let j = i; j < Math.min(NOTES, i + SEED_BATCH); j++) addPeerNote(seeder, random, `board note ${j} ${'x'.repeat(j % 80)}`);
    });
    await sleep(20);
  }
  await waitUntil('the seeded board is stored', () => seeder.provider.synced, 10_000);
  await sleep(200);
  destroyPeer(seeder);
}

/**
 * Retries a request that died on its socket: under load a pooled keep-alive connection can be
 * closed by the server (its 5 s idle timeout) just as fetch reuses it ("other side closed").
 */
async function withRetry<T>(request: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await request();
    } catch (error) {
      if (i >= attempts || !(error instanceof TypeError)) throw error;
      await sleep(100 * i);
    }
  }
}

/** A participant whose provider reconnects like the browser's `BoardConnection`. */
async function joinJittered(url: string, room: string, name: string, seed: number, onAttempt: (attempt: number) => void): Promise<Peer> {
  const seat = await withRetry(() => takeSeat(target(url), room, name));
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/yjs`, room, doc, {
    params: { token: seat.token! },
    WebSocketPolyfill: CountingWebSocket as never,
    disableBc: true,
    shouldReconnect: () => false,
  });
  const jitter = seededRandom(seed);
  let attempt = 0;
  provider.on('sync', (isSynced: boolean) => {
    if (isSynced) attempt = 0;
  });
  provider.on('closed', ({ code }: { code: number }) => {
    if (isFinalCloseCode(code)) return;
    const delay = reconnectDelayMs(attempt, jitter);
    const number = attempt++;
    setTimeout(() => {
      onAttempt(number);
      provider.connect();
    }, delay);
  });
  await whenSynced(provider, 60_000);
  const personaId = await firstPersonaId(target(url), doc, false, 60_000);
  return { seat, doc, provider, personaId, created: new Set() };
}

const resyncedAt = new Map<Peer, number>();
/** Per client, the times (from the stop) of its reconnect attempts, by attempt number. */
const attemptsAt: number[][] = Array.from({ length: CLIENTS }, () => []);
let stoppedAt = 0;

const setupAt = Date.now();
const clients: Peer[] = await mapLimit(Array.from({ length: CLIENTS }), 10, (_, i) =>
  joinJittered(server.url, rooms[i % ROOMS]!, `Client ${i}`, 1_000 + i, () => {
    if (stoppedAt) attemptsAt[i]!.push(Date.now() - stoppedAt);
  }),
);
await waitUntil('all clients hold the board', () => clients.every((c) => notesMap(c.doc).size === NOTES), 30_000);
const setupMs = Date.now() - setupAt;

for (const client of clients) {
  client.provider.on('sync', (isSynced: boolean) => {
    if (stoppedAt && isSynced && !resyncedAt.has(client)) resyncedAt.set(client, Date.now());
  });
}

stoppedAt = Date.now();
const exitCode = await server.terminate();
server = await startServer(dataDir, port);
const readyAt = Date.now();
await waitUntil('every client resyncs', () => resyncedAt.size === CLIENTS, RESYNC_LIMIT_MS + 5_000).catch(() => undefined);
await sleep(200);
const complete = clients.filter((c) => notesMap(c.doc).size === NOTES).length;
const fromStop = [...resyncedAt.values()].map((t) => t - stoppedAt);
const fromReady = [...resyncedAt.values()].map((t) => t - readyAt);
const alive = server.isAlive();
const attempts = attemptsAt.flat();
const firstAttempts = attemptsAt.filter((list) => list.length > 0).map((list) => list[0]!);
const byNumber = Object.fromEntries(
  Array.from({ length: Math.max(...attemptsAt.map((list) => list.length)) }, (_, n) => {
    const values = attemptsAt.filter((list) => list.length > n).map((list) => list[n]!);
    return [String(n), { n: values.length, ...quantiles(values, { p10: 0.1, p50: 0.5, p90: 0.9 }) }];
  }),
);
clients.forEach(destroyPeer);
await server.terminate();

const ok = alive && exitCode === 0 && resyncedAt.size === CLIENTS && complete === CLIENTS && Math.max(...fromStop) <= RESYNC_LIMIT_MS;
finish('storm', ok, {
  clients: CLIENTS,
  rooms: ROOMS,
  notesPerBoard: NOTES,
  setupMs,
  gracefulExitCode: exitCode,
  restartMs: readyAt - stoppedAt,
  resynced: resyncedAt.size,
  completeBoards: complete,
  resyncFromStopMs: percentiles(fromStop),
  resyncFromReadyMs: percentiles(fromReady),
  resyncSpreadMs: Math.max(...fromStop) - Math.min(...fromStop),
  reconnectAttempts: attempts.length,
  /** Jitter made visible: when each client first tried again after the stop, and its spread. */
  firstReconnectMs: {
    ...quantiles(firstAttempts, { p10: 0.1, p50: 0.5, p90: 0.9 }),
    min: Math.min(...firstAttempts),
    max: Math.max(...firstAttempts),
  },
  firstReconnectSpreadMs: Math.max(...firstAttempts) - Math.min(...firstAttempts),
  /** Attempt n of every client (0 = first): p10/p50/p90 ms from the stop. */
  reconnectAttemptMsByNumber: byNumber,
  firstReconnectHistogram: histogram(firstAttempts, HISTOGRAM_BUCKET_MS),
  serverAlive: alive,
  wallMs: Date.now() - started,
});
