import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { takeSeat, type Seat } from '../bench/client';
import type { CreateWorkshopReply } from '../lib/api';
import { metaMap } from '../lib/board';
import { BOARD_NOTICE_MESSAGE, readBoardNotice } from '../lib/boardNotices';
import { whenSynced } from '../bench/client';
import { sleep, target } from './clients';
import { finish, freePort, isFull, startServer, tempDir, type ServerChild } from './proc';
import { RawYjsClient } from './RawYjsClient';
import { converged, exportValid, honestNotesIntact, metaUnchanged, recordsValid, sameDoc } from './yjsStructsChecks';
import { seededRng } from '../tests/helpers/prng';
import { buildCase, catalog, type CaseKind } from './yjsStructsCases';
import { HonestPeer } from './yjsStructsPeers';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';

/**
 * `yjs-structs`: a structure-aware fuzzer of the Yjs door. Attackers (two participants, six
 * raw sockets) send updates built struct by struct from the server's current doc
 * (`yjsStructsCases.ts`), interleaved with honest participants (stock y-websocket clients with
 * the browser's recovery), one of which goes offline with pending notes and comes back. After
 * every batch: meta unchanged, only known roots and valid records, every honest note there with
 * its author and time, every honest client converged with the others; every few batches a fresh
 * client equals them and `export.json` validates and imports; a few times per run the server is
 * restarted and the stored doc must equal the live one.
 */

const CASES = isFull ? 500_000 : 20_000;
const SOCKETS = 6;
const PER_SOCKET = 40;
/** Below the endpoint's 200 messages a second per connection (bursts of 400). */
const RATE_PER_SOCKET = 170;
const HEAVY_EVERY = isFull ? 40 : 10;
const RESTARTS = isFull ? 12 : 1;
/** `YJS_STRUCTS_SEED=<n>` replays another seed (the runner always uses the default). */
const SEED = Number(process.env.YJS_STRUCTS_SEED ?? 2026);

const started = Date.now();
const rng = seededRng(SEED);
const dataDir = tempDir('yjs-structs');
const port = await freePort();
let server: ServerChild = await startServer(dataDir, port);
const failures: { batch: number; problems: string[]; lastCases: string[] }[] = [];
process.on('uncaughtException', (error) => failures.push({ batch: -1, problems: [`uncaught: ${error.message}`], lastCases: [] }));

const created = (await (
  await fetch(`${server.url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"Fuzz"}' })
).json()) as CreateWorkshopReply;
const room = created.code;
const seat = (name: string) => takeSeat(target(server.url), room, name);
const peers = [
  new HonestPeer(server.url, await seat('Ann')),
  new HonestPeer(server.url, await seat('Bob')),
  new HonestPeer(server.url, await seat('Cleo')),
];
const checker = new HonestPeer(server.url, await seat('Checker'));
for (const peer of [...peers, checker]) await peer.ready();
for (const peer of peers) for (let i = 0; i < 3; i++) peer.act(rng, [], `setup ${i}`);
const offlinePeer = peers[2]!;
const attackers: Seat[] = [await seat('Mallory'), await seat('Eve')];
const freshSeat = await seat('Fresh');
const wsUrlOf = (s: Seat) => `${server.url.replace(/^http/, 'ws')}/yjs/${room}?token=${s.token}`;
const socketSeats = Array.from({ length: SOCKETS }, (_, i) => attackers[i < SOCKETS - 2 ? 0 : 1]!);
let sockets = await Promise.all(socketSeats.map((s) => RawYjsClient.open(wsUrlOf(s))));

const mirror = new Y.Doc();
const attackerIds = new Set<number>();
const honestIds = () => new Set([...peers, checker].map((p) => p.doc.clientID));
const people = {
  attacker: { participantId: attackers[0]!.participantId, name: attackers[0]!.name },
  others: [
    ...peers.map((p) => ({ participantId: p.seat.participantId, name: p.seat.name })),
    { participantId: attackers[1]!.participantId, name: 'Eve' },
  ],
};
let nextFresh = 3_000_000_000;
const fresh = () => nextFresh++;

const tally = {
  cases: 0,
  refused: 0,
  accepted: 0,
  byKind: {} as Record<CaseKind, number>,
  reasons: {} as Record<string, number>,
  socketCloses: {} as Record<string, number>,
};

/** Waits until the server has handled every socket's cases, and brings the mirror up to date. */
async function syncMirror(): Promise<void> {
  const vector = Y.encodeStateVector(mirror);
  const diffs = await Promise.all(sockets.map((socket) => socket.barrier(vector)));
  for (const diff of diffs) if (diff) Y.applyUpdate(mirror, diff);
}

/** Refusals the sockets received since the last call; reopens any socket the server closed. */
async function collect(): Promise<void> {
  for (const [index, socket] of sockets.entries()) {
    for (const message of socket.messagesOfType(BOARD_NOTICE_MESSAGE)) {
      const decoder = decoding.createDecoder(message.payload);
      decoding.readVarUint(decoder);
      const notice = readBoardNotice(decoder);
      if (notice?.kind !== 'refused') continue;
      tally.refused++;
      for (const refusal of notice.refusals) tally.reasons[refusal.reason] = (tally.reasons[refusal.reason] ?? 0) + 1;
    }
    socket.clearReceived();
    if (socket.closeCode !== null) {
      tally.socketCloses[socket.closeCode] = (tally.socketCloses[socket.closeCode] ?? 0) + 1;
      sockets[index] = await RawYjsClient.open(wsUrlOf(socketSeats[index]!));
    }
  }
}

/**
 * What a new client gets: the cached state, then the updates since (they arrive just after the
 * `sync` event), so it waits until it holds what `reference` holds, or 5 s (then they differ).
 */
async function freshDoc(reference: Y.Doc): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}/yjs`, room, doc, {
    params: { token: freshSeat.token! },
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
  });
  await whenSynced(provider, 30_000);
  const target = Buffer.from(Y.encodeStateVector(reference));
  for (let waited = 0; waited < 5_000 && !target.equals(Buffer.from(Y.encodeStateVector(doc))); waited += 25) await sleep(25);
  provider.destroy();
  return doc;
}

async function check(batch: number, isHeavy: boolean): Promise<string[]> {
  for (const peer of [...peers, checker]) await peer.settled();
  const online = [checker, ...peers.filter((p) => !p.isOffline)].map((p) => ({ name: p.seat.name, doc: p.doc }));
  const problems = [...(await converged(online, 10_000))];
  problems.push(...metaUnchanged(checker.doc, metaBefore), ...recordsValid(checker.doc), ...honestNotesIntact(checker.doc, peers));
  if (isHeavy) {
    const doc = await freshDoc(checker.doc);
    const differs = sameDoc(doc, checker.doc, `a fresh client at batch ${batch}`);
    if (differs.length > 0) {
      const again = await freshDoc(checker.doc);
      differs.push(
        `pending in fresh: ${!!doc.store.pendingStructs}/${!!doc.store.pendingDs}`,
        ...sameDoc(again, checker.doc, 'a second fresh client'),
      );
      const third = await freshDoc(again);
      differs.push(...sameDoc(third, again, 'a third against the second'), `checker pending: ${!!checker.doc.store.pendingStructs}`);
      const base = await sockets[0]!.barrier(new Uint8Array([0]));
      const tail = sockets[0]!.received.filter((m) => m.step === 2).map((m) => Buffer.from(m.payload).toString('base64'));
      (await import('node:fs')).writeFileSync(
        '/tmp/ys-debug.json',
        JSON.stringify({
          base: Buffer.from(base!).toString('base64'),
          tail,
          checker: Buffer.from(Y.encodeStateAsUpdate(checker.doc)).toString('base64'),
        }),
      );
    }
    problems.push(...differs);
    doc.destroy();
    problems.push(...(await exportValid(server.url, room, created.facilitatorKey)));
  }
  return problems;
}

/** The live doc (what a fresh client gets) must be exactly what a restarted server loads. */
async function restart(): Promise<string[]> {
  for (const socket of sockets) await socket.close();
  const live = await freshDoc(checker.doc);
  const exitCode = await server.terminate();
  server = await startServer(dataDir, port);
  const stored = await freshDoc(live);
  sockets = await Promise.all(socketSeats.map((s) => RawYjsClient.open(wsUrlOf(s))));
  const problems = [...sameDoc(live, stored, 'the stored doc after a restart'), ...(exitCode === 0 ? [] : [`graceful exit ${exitCode}`])];
  live.destroy();
  stored.destroy();
  return problems;
}

await sleep(300);
await syncMirror();
const metaBefore = JSON.stringify(metaMap(checker.doc).toJSON());
const batches = Math.ceil(CASES / (SOCKETS * PER_SOCKET));
const restartEvery = Math.floor(batches / (RESTARTS + 1));
const trail: string[] = [];
let restarts = 0;
let honestActs = 0;
const phaseMs = { send: 0, sync: 0, check: 0, restart: 0 };
const timed = async <T>(phase: keyof typeof phaseMs, run: () => Promise<T>): Promise<T> => {
  const at = Date.now();
  try {
    return await run();
  } finally {
    phaseMs[phase] += Date.now() - at;
  }
};

for (let batch = 1; batch <= batches && failures.length === 0; batch++) {
  const batchStarted = Date.now();
  const cat = catalog(mirror, attackerIds, honestIds(), people);
  for (const socket of sockets) {
    for (let i = 0; i < PER_SOCKET; i++) {
      const { kind, update } = buildCase(rng, cat, fresh);
      socket.sendUpdate(update);
      tally.cases++;
      tally.byKind[kind] = (tally.byKind[kind] ?? 0) + 1;
      trail.push(Buffer.from(update).toString('base64'));
      if (trail.length > 50) trail.shift();
    }
  }
  const honestNotes = peers.flatMap((p) => [...p.notes.keys()]);
  for (const peer of peers) for (let i = rng.int(3); i > 0; i--, honestActs++) peer.act(rng, honestNotes, `b${batch}`);
  if (batch % 20 === 5) offlinePeer.goOffline();
  if (batch % 20 === 15) offlinePeer.comeBack();
  const minMs = (PER_SOCKET / RATE_PER_SOCKET) * 1000 - (Date.now() - batchStarted);
  if (minMs > 0) await sleep(minMs);
  phaseMs.send += Date.now() - batchStarted;
  await timed('sync', async () => {
    await syncMirror();
    await collect();
  });
  for (const client of mirror.store.clients.keys()) if (client >= 3_000_000_000) attackerIds.add(client);
  const problems = await timed('check', () => check(batch, batch % HEAVY_EVERY === 0 || batch === batches));
  if (restartEvery > 0 && batch % restartEvery === 0 && restarts < RESTARTS) {
    restarts++;
    problems.push(...(await timed('restart', restart)));
  }
  if (problems.length > 0) failures.push({ batch, problems: problems.slice(0, 10), lastCases: trail.slice(-20) });
}
if (offlinePeer.isOffline) offlinePeer.comeBack();
const finalProblems = failures.length === 0 ? await check(batches, true) : [];
if (finalProblems.length > 0) failures.push({ batch: batches, problems: finalProblems, lastCases: trail.slice(-20) });
tally.accepted = tally.cases - tally.refused;
const honestRefusals = [...peers, checker].reduce((sum, p) => sum + p.refusals, 0);
const ok = failures.length === 0 && honestRefusals === 0 && tally.cases >= CASES;
const honestNotes = peers.reduce((sum, p) => sum + p.notes.size, 0);
for (const peer of [...peers, checker]) peer.destroy();
for (const socket of sockets) await socket.close();
await server.terminate();
finish('yjs-structs', ok, {
  seed: SEED,
  ...tally,
  honestActs,
  honestNotes,
  honestRefusals,
  restarts,
  attackerClientIds: attackerIds.size,
  phaseMs,
  failures: failures.slice(0, 3),
  wallMs: Date.now() - started,
});
