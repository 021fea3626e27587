import { notesMap } from '../lib/board';
import { addPeerNote, destroyPeer, joinPeer, mapLimit, newRoom, seededRandom, sleep, waitUntil, type Peer } from './clients';
import { finish, freePort, isFull, percentiles, startServer, tempDir } from './proc';

/**
 * Reconnect storm: clients spread over 5 rooms with full boards; the server is restarted
 * (SIGTERM, then a new process on the same data and port). Every client must resync within
 * 30 s with the whole board; figures are the resync time distribution and the spread of the
 * reconnect attempts (y-websocket's backoff).
 */
const ROOMS = 5;
const CLIENTS = isFull ? 250 : 50;
const NOTES = isFull ? 2_000 : 500;
const SEED_BATCH = 100;
const RESYNC_LIMIT_MS = 30_000;

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

const setupAt = Date.now();
const clients: Peer[] = await mapLimit(Array.from({ length: CLIENTS }), 10, (_, i) =>
  joinPeer(server.url, rooms[i % ROOMS]!, `Client ${i}`, 60_000),
);
await waitUntil('all clients hold the board', () => clients.every((c) => notesMap(c.doc).size === NOTES), 30_000);
const setupMs = Date.now() - setupAt;

const resyncedAt = new Map<Peer, number>();
const attempts: number[] = [];
let stoppedAt = 0;
for (const client of clients) {
  client.provider.on('status', ({ status }: { status: string }) => {
    if (stoppedAt && status === 'connecting') attempts.push(Date.now() - stoppedAt);
  });
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
  /** y-websocket's own backoff is not jittered: a small spread means the clients reconnect in lockstep. */
  resyncSpreadMs: Math.max(...fromStop) - Math.min(...fromStop),
  reconnectAttempts: attempts.length,
  reconnectAttemptMs: percentiles(attempts),
  serverAlive: alive,
  wallMs: Date.now() - started,
});
