import {
  addPeerNote,
  destroyPeer,
  joinPeer,
  missingOnServer,
  newRoom,
  noteIds,
  seededRandom,
  sleep,
  waitUntil,
  watchArrivals,
  type Peer,
} from './clients';
import { integrityCheck } from './integrity';
import { finish, freePort, isFull, startServer, tempDir, type ServerChild } from './proc';

/**
 * Crash durability. Clients in several rooms add notes continuously; the server is stopped at a
 * seeded moment and restarted on the same data. (a) kill -9, clients die with it: a fresh client
 * must get every note some other client had received. (b) kill -9, clients survive, keep typing
 * offline and reconnect: everyone converges and no created note is lost. (c) SIGTERM: the same
 * checks as (a) first, then as (b). SQLite integrity_check after every stop.
 */
const RUNS_PER_VARIANT = isFull ? 50 : 5;
const ROOMS = 3;
const PEERS_PER_ROOM = 3;
const CONVERGE_TIMEOUT_MS = 20_000;
const VARIANTS = ['a', 'b', 'c'] as const;
type Variant = (typeof VARIANTS)[number];

interface RunResult {
  variant: Variant;
  created: number;
  seenByOthers: number;
  lostSeen: number;
  lostCreated: number;
  integrity: string;
  restartMs: number;
  convergeMs: number;
  error?: string;
}

async function oneRun(
  server: ServerChild,
  dataDir: string,
  port: number,
  seed: number,
  variant: Variant,
): Promise<{ result: RunResult; server: ServerChild }> {
  const random = seededRandom(seed);
  const rooms = await Promise.all(Array.from({ length: ROOMS }, (_, r) => newRoom(server.url, `crash-${seed}-${r}`)));
  const peersOf = await Promise.all(
    rooms.map((room) => Promise.all(Array.from({ length: PEERS_PER_ROOM }, (_, i) => joinPeer(server.url, room, `P${i}`)))),
  );
  const seen = rooms.map(() => new Set<string>());
  peersOf.forEach((peers, r) => peers.forEach((peer) => watchArrivals(peer, (id) => seen[r]!.add(id))));
  const all: Peer[] = peersOf.flat();
  let isTyping = true;
  let sequence = 0;
  const typists = all.map(async (peer) => {
    while (isTyping) {
      addPeerNote(peer, random, `note ${seed}-${sequence++}`);
      await sleep(5 + Math.floor(random() * 30));
    }
  });
  await sleep(200 + Math.floor(random() * 1_000));

  const stoppedAt = Date.now();
  if (variant === 'a') {
    server.child.kill('SIGKILL');
    isTyping = false;
    for (const peer of all) peer.provider.disconnect();
    await server.exited;
  } else if (variant === 'b') {
    server.child.kill('SIGKILL');
    await server.exited;
    await sleep(100 + Math.floor(random() * 300)); // typing on while the server is down
    isTyping = false;
  } else {
    isTyping = false;
    const code = await server.terminate();
    for (const peer of all) peer.provider.disconnect();
    if (code !== 0) throw new Error(`graceful stop exited with ${code}`);
  }
  await Promise.all(typists);
  const seenFrozen = seen.map((set) => new Set(set));
  const integrity = integrityCheck(dataDir);
  const next = await startServer(dataDir, port);
  const restartMs = Date.now() - stoppedAt;

  // What the server holds before any survivor resends: every note another client had seen.
  let lostSeen = 0;
  if (variant !== 'b') {
    for (let r = 0; r < ROOMS; r++) lostSeen += (await missingOnServer(next.url, rooms[r]!, seenFrozen[r]!)).length;
  }
  let lostCreated = 0;
  let convergeMs = 0;
  if (variant !== 'a') {
    const reconnectAt = Date.now();
    for (const peer of all) if (!peer.provider.shouldConnect) peer.provider.connect();
    const expected = peersOf.map((peers) => new Set(peers.flatMap((peer) => [...peer.created])));
    const hasAll = (peer: Peer, r: number) => {
      const ids = noteIds(peer.doc);
      return [...expected[r]!].every((id) => ids.has(id));
    };
    await waitUntil(
      'survivors converge',
      () => peersOf.every((peers, r) => peers.every((peer) => hasAll(peer, r))),
      CONVERGE_TIMEOUT_MS,
      25,
    ).catch(() => undefined);
    convergeMs = Date.now() - reconnectAt;
    for (let r = 0; r < ROOMS; r++) {
      for (const peer of peersOf[r]!) lostCreated += [...expected[r]!].filter((id) => !noteIds(peer.doc).has(id)).length;
      lostCreated += (await missingOnServer(next.url, rooms[r]!, expected[r]!)).length;
    }
  }
  all.forEach(destroyPeer);
  const created = all.reduce((sum, peer) => sum + peer.created.size, 0);
  const seenByOthers = seenFrozen.reduce((sum, set) => sum + set.size, 0);
  return { result: { variant, created, seenByOthers, lostSeen, lostCreated, integrity, restartMs, convergeMs }, server: next };
}

const started = Date.now();
const dataDir = tempDir('crash');
const port = await freePort();
let server = await startServer(dataDir, port);
const results: RunResult[] = [];
for (let i = 0; i < RUNS_PER_VARIANT * VARIANTS.length; i++) {
  const variant = VARIANTS[i % VARIANTS.length]!;
  try {
    const run = await oneRun(server, dataDir, port, 1_000 + i, variant);
    server = run.server;
    results.push(run.result);
  } catch (error) {
    results.push({
      variant,
      created: 0,
      seenByOthers: 0,
      lostSeen: 0,
      lostCreated: 0,
      integrity: '',
      restartMs: 0,
      convergeMs: 0,
      error: (error as Error).message,
    });
    if (!server.isAlive()) server = await startServer(dataDir, port);
  }
}
await server.terminate();
const finalIntegrity = integrityCheck(dataDir);

const byVariant = Object.fromEntries(
  VARIANTS.map((v) => {
    const rs = results.filter((r) => r.variant === v);
    const sum = (key: 'created' | 'seenByOthers' | 'lostSeen' | 'lostCreated') => rs.reduce((s, r) => s + r[key], 0);
    return [
      v,
      {
        runs: rs.length,
        created: sum('created'),
        seenByOthers: sum('seenByOthers'),
        lostSeen: sum('lostSeen'),
        lostCreated: sum('lostCreated'),
        integrityOk: rs.every((r) => r.integrity === 'ok'),
        maxRestartMs: Math.max(...rs.map((r) => r.restartMs)),
        maxConvergeMs: Math.max(...rs.map((r) => r.convergeMs)),
        errors: rs.filter((r) => r.error).map((r) => r.error),
      },
    ];
  }),
);
const ok =
  finalIntegrity === 'ok' &&
  results.every((r) => !r.error && r.lostSeen === 0 && r.lostCreated === 0 && r.integrity === 'ok') &&
  results.some((r) => r.seenByOthers > 0);
finish('crash', ok, { runs: results.length, byVariant, finalIntegrity, wallMs: Date.now() - started });
