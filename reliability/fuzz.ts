import { connect as tcpConnect } from 'node:net';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { takeSeat } from '../bench/client';
import { CLOSE_CODES } from '../lib/closeCodes';
import { readNotes } from '../lib/board';
import { addPeerNote, destroyPeer, joinPeer, mapLimit, newRoom, seededRandom, sleep, target } from './clients';
import { baseUpdates, socketIoCase, tcpCase, yjsCase, type Random } from './fuzzCases';
import { finish, freePort, isFull, startServer, tempDir } from './proc';

/**
 * Protocol fuzz on three layers (Yjs payloads over valid sockets, raw TCP/WebSocket frames,
 * engine.io/socket.io packets) while a canary WebsocketProvider sits in the same room.
 */
const CASES_PER_LAYER = isFull ? 100_000 : 10_000;
const PER_CONNECTION = 10;
const CONCURRENCY = 24;
const WAIT_CLOSE_MS = 150;
const MAX_RSS_GROWTH_MB = 150;
/** Documented codes, plus 1006 (no close frame) and 1009 (too big) from the ws layer. */
const PAYLOAD_CODES = new Set<number>([...Object.values(CLOSE_CODES), 1006, 1009]);
/** RFC 6455 protocol-error codes the ws library itself answers malformed frames with. */
const FRAME_CODES = new Set<number>([...PAYLOAD_CODES, 1002, 1007]);
/** engine.io drops a socket that sends a packet it cannot parse without a close code (1005). */
const SOCKET_IO_CODES = new Set<number>([...FRAME_CODES, 1000, 1005]);

const started = Date.now();
const dataDir = tempDir('fuzz');
const port = await freePort();
const server = await startServer(dataDir, port, { exposeGc: true });
const wsBase = server.url.replace(/^http/, 'ws');
const room = await newRoom(server.url, 'fuzz');
const canary = await joinPeer(server.url, room, 'Canary');
const canaryRandom = seededRandom(7);
for (let i = 0; i < 5; i++) addPeerNote(canary, canaryRandom, `canary ${i}`);
await sleep(300);
const canaryNotes = JSON.stringify(readNotes(canary.doc));
let canaryDisconnects = 0;
const canaryCloses: number[] = [];
canary.provider.on('status', ({ status }: { status: string }) => {
  if (status !== 'connected') canaryDisconnects++;
});
canary.provider.on('connection-close', (event: CloseEvent | null) => canaryCloses.push(event?.code ?? 0));
const seat = await takeSeat(target(server.url), room, 'Fuzzer');
const base = baseUpdates(Y.encodeStateAsUpdate(canary.doc), canary.personaId);
const baseline = await server.stats();
const codes: Record<string, number> = {};
const bad: string[] = [];
const record = (layer: string, code: number, allowed: Set<number>) => {
  codes[`${layer}:${code}`] = (codes[`${layer}:${code}`] ?? 0) + 1;
  if (!allowed.has(code) && bad.length < 20) bad.push(`${layer}:${code}`);
};

/** Opens a socket, sends `frames`, waits for the server to close it (or gives up and closes it). */
function wsBatch(url: string, frames: (Uint8Array | string)[], layer: string, allowed: Set<number>): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    let isOurs = false;
    ws.on('error', () => undefined);
    ws.on('open', () => {
      for (const data of frames) if (ws.readyState === WebSocket.OPEN) ws.send(data, { binary: typeof data !== 'string' });
      setTimeout(() => {
        isOurs = true;
        ws.terminate();
      }, WAIT_CLOSE_MS);
    });
    ws.on('unexpected-response', (_req, res) => {
      record(layer, res.statusCode ?? 0, new Set());
      resolve();
    });
    ws.on('close', (code) => {
      if (!isOurs) record(layer, code, allowed);
      resolve();
    });
  });
}

async function yjsLayer(random: Random): Promise<number> {
  const batches = Math.ceil(CASES_PER_LAYER / PER_CONNECTION);
  await mapLimit(Array.from({ length: batches }), CONCURRENCY, () => {
    const frames = Array.from({ length: PER_CONNECTION }, () => yjsCase(random, base).data);
    return wsBatch(`${wsBase}/yjs/${room}?token=${seat.token}`, frames, 'yjs', PAYLOAD_CODES);
  });
  return batches * PER_CONNECTION;
}

/** Walks the server's (unmasked) frames after the 101 and returns its close frame's code, if any. */
function closeCodeOf(bytes: Buffer): number | null {
  let at = 0;
  while (at + 2 <= bytes.length) {
    const opcode = bytes[at]! & 0x0f;
    let length = bytes[at + 1]! & 0x7f;
    let start = at + 2;
    if (length === 126) {
      if (start + 2 > bytes.length) return null;
      length = bytes.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      if (start + 8 > bytes.length) return null;
      length = Number(bytes.readBigUInt64BE(start));
      start += 8;
    }
    if (opcode === 0x8) return length >= 2 && start + 2 <= bytes.length ? bytes.readUInt16BE(start) : 1005;
    at = start + length;
  }
  return null;
}

function tcpOne(random: Random): Promise<void> {
  const { kind, upgrade, data } = tcpCase(random);
  return new Promise((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let isSent = false;
    const timer = setTimeout(() => socket.destroy(), kind === 'partialHandshake' ? 20 : WAIT_CLOSE_MS);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const head = received.indexOf('\r\n\r\n');
      if (upgrade && head >= 0 && received.subarray(0, 12).toString() === 'HTTP/1.1 101' && !isSent) {
        isSent = true;
        socket.write(data);
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const head = received.indexOf('\r\n\r\n');
      const rest = head >= 0 ? received.subarray(head + 4) : Buffer.alloc(0);
      const code = upgrade ? closeCodeOf(rest) : null;
      if (code !== null) record('tcp', code, FRAME_CODES);
      resolve();
    });
    socket.on('connect', () => {
      if (!upgrade) return void socket.write(data);
      const key = Buffer.from(Array.from({ length: 16 }, () => Math.floor(random() * 256))).toString('base64');
      socket.write(
        `GET /yjs/${room}?token=${seat.token} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
  });
}

async function tcpLayer(random: Random): Promise<number> {
  await mapLimit(Array.from({ length: CASES_PER_LAYER }), CONCURRENCY, () => tcpOne(random));
  return CASES_PER_LAYER;
}

async function socketIoLayer(random: Random): Promise<number> {
  const batches = Math.ceil(CASES_PER_LAYER / PER_CONNECTION);
  await mapLimit(Array.from({ length: batches }), CONCURRENCY, async (_, i) => {
    if (i % 10 === 0) {
      // engine.io long-polling with garbage bodies and made-up sids.
      const res = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling&sid=${i}`, {
        method: 'POST',
        body: String(socketIoCase(random)),
      });
      await res.arrayBuffer();
    }
    const frames = Array.from({ length: PER_CONNECTION }, () => socketIoCase(random));
    return wsBatch(`${wsBase}/socket.io/?EIO=4&transport=websocket`, frames, 'socketio', SOCKET_IO_CODES);
  });
  return batches * PER_CONNECTION;
}

const cases: Record<string, number> = {};
const timings: Record<string, number> = {};
for (const [name, layer, seed] of [
  ['yjs', yjsLayer, 11],
  ['tcp', tcpLayer, 12],
  ['socketio', socketIoLayer, 13],
] as const) {
  const at = Date.now();
  cases[name] = await layer(seededRandom(seed));
  timings[name] = Date.now() - at;
}
await sleep(500);
const after = await server.stats();
const health = await fetch(`${server.url}/healthz`).then(
  (r) => r.status,
  () => 0,
);
const fresh = await joinPeer(server.url, room, 'Checker');
const serverNotes = readNotes(fresh.doc);
const canaryNow = readNotes(canary.doc);
const originalKept = (JSON.parse(canaryNotes) as { id: string; text: string }[]).every((n) =>
  canaryNow.some((m) => m.id === n.id && m.text === n.text),
);
const converged = JSON.stringify(serverNotes) === JSON.stringify(canaryNow);
const acceptedChanges = canaryNow.length - (JSON.parse(canaryNotes) as unknown[]).length;
const canaryStayed = canaryDisconnects === 0 && canary.provider.wsconnected;
const canaryClosesDuring = [...canaryCloses];
destroyPeer(fresh);
destroyPeer(canary);
const rssGrowthMb = Math.round((after.rssBytes - baseline.rssBytes) / 1e5) / 10;
const ok =
  server.isAlive() &&
  health === 200 &&
  canaryStayed &&
  originalKept &&
  converged &&
  bad.length === 0 &&
  rssGrowthMb < MAX_RSS_GROWTH_MB &&
  after.rooms <= 1;
finish('fuzz', ok, {
  cases,
  layerMs: timings,
  serverAlive: server.isAlive(),
  health,
  canaryDisconnects: canaryStayed ? 0 : canaryDisconnects,
  canaryCloses: canaryClosesDuring,
  canaryOriginalNotesKept: originalKept,
  canaryConverged: converged,
  acceptedChanges,
  closeCodes: codes,
  undocumentedCodes: bad,
  rssBaselineMb: Math.round(baseline.rssBytes / 1e6),
  rssGrowthMb,
  residentRooms: after.rooms,
  wallMs: Date.now() - started,
});
