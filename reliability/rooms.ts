import WebSocket from 'ws';
import { addPeerNote, destroyPeer, joinPeer, mapLimit, newRoom, seededRandom, sleep } from './clients';
import { finish, freePort, isFull, startServer, tempDir, type Stats } from './proc';

/**
 * Unknown and idle rooms. (1) 20,000 upgrades to codes that do not exist: each must be refused
 * with HTTP 401 before the upgrade (the answer a bad token gets: no oracle for live codes), and no room may be loaded. (2) 500 rooms opened (a client
 * syncs and adds a note) and closed: resident rooms = active rooms, and RSS after gc back within
 * 10 % of the baseline (taken after a warm-up round, so code loading and JIT are not counted).
 */
const UNKNOWN_UPGRADES = isFull ? 100_000 : 20_000;
const ROOMS = isFull ? 2_000 : 500;
const WARM_UP_ROOMS = 25;
const OPEN_AT_ONCE = 25;
const MAX_RSS_GROWTH = 0.1;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const started = Date.now();
const server = await startServer(tempDir('rooms'), await freePort(), { exposeGc: true });
const wsBase = server.url.replace(/^http/, 'ws');
const random = seededRandom(5);
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

function upgradeStatus(path: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${wsBase}${path}`);
    ws.on('error', () => resolve(0));
    ws.on('unexpected-response', (req, res) => {
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    ws.on('open', () => {
      ws.terminate();
      resolve(101);
    });
  });
}

// (1) Unknown codes, in both spellings, with and without a token.
const before = await server.stats();
const statuses: Record<string, number> = {};
const unknownAt = Date.now();
await mapLimit(Array.from({ length: UNKNOWN_UPGRADES }), 32, async (_, i) => {
  const raw = Array.from({ length: 8 }, () => CROCKFORD[Math.floor(random() * 32)]).join('');
  const code = i % 2 === 0 ? raw : `${raw.slice(0, 4)}-${raw.slice(4)}`.toLowerCase();
  const status = await upgradeStatus(`/yjs/${code}${i % 3 === 0 ? '' : '?token=made-up-token'}`);
  statuses[status] = (statuses[status] ?? 0) + 1;
});
const unknownMs = Date.now() - unknownAt;
const afterUnknown = await server.stats();

// (2) Rooms opened and closed.
const codes = await mapLimit(Array.from({ length: ROOMS + WARM_UP_ROOMS }), 8, (_, i) => newRoom(server.url, `idle-${i}`));
let peakResident = 0;
let residentMismatches = 0;
async function openAndClose(from: number, to: number): Promise<void> {
  for (let i = from; i < to; i += OPEN_AT_ONCE) {
    const batch = codes.slice(i, Math.min(to, i + OPEN_AT_ONCE));
    const peers = await Promise.all(batch.map((code) => joinPeer(server.url, code, 'Visitor')));
    for (const peer of peers) addPeerNote(peer, random, 'visited');
    const during: Stats = await server.stats();
    peakResident = Math.max(peakResident, during.rooms);
    if (during.rooms !== batch.length) residentMismatches++;
    peers.forEach(destroyPeer);
    await sleep(50);
  }
}
await openAndClose(0, WARM_UP_ROOMS);
await sleep(500);
const baseline = await server.stats();
const roomsAt = Date.now();
await openAndClose(WARM_UP_ROOMS, WARM_UP_ROOMS + ROOMS);
const roomsMs = Date.now() - roomsAt;
await sleep(1_000);
const after = await server.stats();
const growth = (after.rssBytes - baseline.rssBytes) / baseline.rssBytes;

const ok =
  server.isAlive() &&
  statuses['401'] === UNKNOWN_UPGRADES &&
  afterUnknown.rooms === 0 &&
  residentMismatches === 0 &&
  after.rooms === 0 &&
  growth <= MAX_RSS_GROWTH;
finish('rooms', ok, {
  unknownUpgrades: UNKNOWN_UPGRADES,
  unknownStatuses: statuses,
  unknownPerSecond: Math.round(UNKNOWN_UPGRADES / (unknownMs / 1000)),
  residentRoomsAfterUnknown: afterUnknown.rooms,
  rssBeforeUnknownMb: mb(before.rssBytes),
  rssAfterUnknownMb: mb(afterUnknown.rssBytes),
  roomsOpenedClosed: ROOMS,
  openAtOnce: OPEN_AT_ONCE,
  peakResidentRooms: peakResident,
  residentMismatches,
  residentRoomsAfterClose: after.rooms,
  rssBaselineMb: mb(baseline.rssBytes),
  rssAfterMb: mb(after.rssBytes),
  heapBaselineMb: mb(baseline.heapUsedBytes),
  heapAfterMb: mb(after.heapUsedBytes),
  rssGrowthPct: Math.round(growth * 1000) / 10,
  roomsMs,
  wallMs: Date.now() - started,
});
