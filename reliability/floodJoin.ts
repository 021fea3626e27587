import { ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH } from '../lib/roomCode';
import { mapLimit, seededRandom, sleep } from './clients';
import { postJson, randomCode, socketIoAuthReply, yjsUpgradeStatus, type From, type HttpReply } from './floodNet';
import { freePort, startServer, tempDir } from './proc';

/**
 * Room-code guessing against the join API, the Yjs upgrade and socket.io (issue item 4a), on
 * the server with its production join limits, from one address and from 252 loopback
 * addresses, with a spoofed `X-Forwarded-For` on every attempt.
 */

export const CODE_SPACE = ROOM_CODE_ALPHABET.length ** ROOM_CODE_LENGTH;
export const LIVE_ROOMS = 1_000;
const CLASS_SIZE = 30;
const CLASS_ADDRESS = '127.0.0.200';
const CONCURRENCY = 16;

/** Expected days for a guesser at `perSecond` to hit any of `LIVE_ROOMS` live codes. */
export function daysToHit(perSecond: number): number | null {
  if (perSecond <= 0) return null;
  return Math.round((CODE_SPACE / (LIVE_ROOMS + 1) / perSecond / 86_400) * 10) / 10;
}

type Counts = Record<string, number>;
const count = (counts: Counts, key: string | number) => (counts[String(key)] = (counts[String(key)] ?? 0) + 1);
const spoofed = (random: () => number) => `10.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`;

async function createRoom(url: string): Promise<string> {
  const reply = await postJson(url, '/api/workshops', { title: 'Flood' });
  if (reply.status !== 201) throw new Error(`create answered ${reply.status}`);
  return (JSON.parse(reply.body) as { code: string }).code;
}

/** `CLASS_SIZE` people behind one address join at once, each retrying a 429 every 500 ms. */
async function joinClass(url: string, code: string, label: string, from: From, deadlineMs: number) {
  const startedAt = Date.now();
  const statuses: Counts = {};
  const times = await mapLimit(Array.from({ length: CLASS_SIZE }), CLASS_SIZE, async (_, i) => {
    while (Date.now() - startedAt < deadlineMs) {
      const reply = await postJson(url, `/api/workshops/${code}/participants`, { name: `${label} ${i}` }, from);
      count(statuses, reply.status);
      if (reply.status === 201) return Date.now() - startedAt;
      await sleep(500);
    }
    return null;
  });
  const joined = times.filter((t): t is number => t !== null);
  return { joined: joined.length, allJoinedMs: joined.length === CLASS_SIZE ? Math.max(...joined) : null, statuses };
}

function guess(url: string, random: () => number, from: From): Promise<HttpReply> {
  return postJson(url, `/api/workshops/${randomCode(random)}/participants`, { name: 'Guess' }, from);
}

/** When each failed guess (404) was answered, across every phase of a run. */
const failureTimes: number[] = [];

async function guesses(url: string, random: () => number, attempts: From[]): Promise<Counts> {
  const statuses: Counts = {};
  await mapLimit(attempts, CONCURRENCY, async (from) => {
    const { status } = await guess(url, random, from);
    count(statuses, status);
    if (status === 404) failureTimes.push(Date.now());
  });
  return statuses;
}

/** The most failed guesses answered within any 60 s: the global ceiling the guessers reached. */
function failuresPerMinute(): number {
  const times = [...failureTimes].sort((a, b) => a - b);
  let best = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= 60_000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/**
 * A bigger botnet, from 127.0.1.1–127.0.5.254 (Linux routes all of 127/8 to lo), three guesses
 * each: enough addresses to spend every global budget, so the measured ceiling is the limit
 * itself, not what 251 addresses could reach.
 */
const botnetAddresses = Array.from({ length: 5 * 254 }, (_, i) => `127.0.${Math.floor(i / 254) + 1}.${(i % 254) + 1}`);
const BOTNET_GUESSES = 3;

/** The guessers' addresses: every other loopback address (the class's own network guessed nothing). */
const manyAddresses = Array.from({ length: 252 }, (_, i) => `127.0.0.${i + 3}`).filter((address) => address !== CLASS_ADDRESS);

/** How fast unknown codes can be tried over an endpoint with no limit, from one address. */
async function rate(measureMs: number, attempt: () => Promise<string | number>): Promise<{ perSecond: number; results: Counts }> {
  const results: Counts = {};
  const startedAt = Date.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() - startedAt < measureMs) {
        count(results, await attempt());
        done++;
      }
    }),
  );
  return { perSecond: Math.round(done / ((Date.now() - startedAt) / 1000)), results };
}

/** TRUST_PROXY off: the header is ignored; limits per address and global; the three channels. */
export async function directRun(isFull: boolean) {
  const random = seededRandom(31);
  const server = await startServer(tempDir('flood-direct'), await freePort(), { env: { RELIABILITY_JOIN_LIMITS: 'production' } });
  const url = server.url;
  const code = await createRoom(url);
  failureTimes.length = 0;
  const firstFailureAt = Date.now();

  const attacker = '127.0.0.2';
  const [oneIp, classWhile] = await Promise.all([
    guesses(
      url,
      random,
      Array.from({ length: 40 }, () => ({ localAddress: attacker, forwardedFor: spoofed(random) })),
    ),
    joinClass(url, code, 'While', { localAddress: CLASS_ADDRESS }, 5_000),
  ]);
  const manyIp = await guesses(
    url,
    random,
    manyAddresses.flatMap((localAddress) => [0, 1, 2, 3, 4].map(() => ({ localAddress, forwardedFor: spoofed(random) }))),
  );
  const globalWindowMs = Date.now() - firstFailureAt;
  const classAfter = await joinClass(url, code, 'After', { localAddress: CLASS_ADDRESS }, 5_000);
  const manyIpsPerMinute = failuresPerMinute();

  // The Yjs upgrade: unknown code vs known code without a token, and how fast codes can be tried.
  const yjsUnknown = await yjsUpgradeStatus(url, randomCode(random), null);
  const yjsKnown = await yjsUpgradeStatus(url, code, null);
  const yjsMany: Counts = {};
  await mapLimit(manyAddresses, CONCURRENCY, async (localAddress) =>
    count(yjsMany, await yjsUpgradeStatus(url, randomCode(random), null, { localAddress, forwardedFor: spoofed(random) })),
  );
  const yjsRate = await rate(isFull ? 10_000 : 2_000, () => yjsUpgradeStatus(url, randomCode(random), null, { localAddress: attacker }));

  // socket.io: an unknown code and a known code with a wrong token must look the same.
  const badToken = 'x'.repeat(43);
  const sioUnknown = await socketIoAuthReply(url, randomCode(random), badToken);
  const sioKnown = await socketIoAuthReply(url, code, badToken);
  const sioMany: Counts = {};
  await mapLimit(manyAddresses, CONCURRENCY, async (localAddress) =>
    count(
      sioMany,
      (await socketIoAuthReply(url, randomCode(random), badToken, { localAddress, forwardedFor: spoofed(random) })).slice(0, 40),
    ),
  );
  const sioRate = await rate(isFull ? 5_000 : 1_000, async () =>
    (await socketIoAuthReply(url, randomCode(random), badToken, { localAddress: attacker })).slice(0, 40),
  );

  // Last, as it may lock joins for a minute: the botnet, then the class once more.
  const botnet = await guesses(
    url,
    random,
    botnetAddresses.flatMap((localAddress) =>
      Array.from({ length: BOTNET_GUESSES }, () => ({ localAddress, forwardedFor: spoofed(random) })),
    ),
  );
  const classAfterBotnet = await joinClass(url, code, 'Botnet', { localAddress: CLASS_ADDRESS }, isFull ? 75_000 : 5_000);
  await server.terminate();

  const measuredGlobal = failuresPerMinute();
  const yjsOracle = yjsUnknown !== yjsKnown;
  const yjsLimited = Object.keys(yjsRate.results).some((status) => status === '429');
  const sioOracle = sioUnknown !== sioKnown;
  return {
    oneIp: { attempts: 40, statuses: oneIp, perIpLimitMeasured: oneIp['404'] ?? 0 },
    classWhileOneIpHammers: classWhile,
    manyIps: { addresses: manyAddresses.length, attempts: manyAddresses.length * 5, statuses: manyIp },
    manyIpsFailuresPerMinute: manyIpsPerMinute,
    globalWindowMs,
    classAfterManyIpsHammered: classAfter,
    botnet: { addresses: botnetAddresses.length, attempts: botnetAddresses.length * BOTNET_GUESSES, statuses: botnet },
    /** Informative: once a botnet spends every global budget, who else can still join. */
    classAfterBotnet,
    /** The most failures answered in any 60 s over the whole run: the ceiling the days are computed from. */
    globalFailuresPerMinuteMeasured: measuredGlobal,
    apiDaysToHit: daysToHit(measuredGlobal / 60),
    yjs: {
      unknownCodeStatus: yjsUnknown,
      knownCodeNoTokenStatus: yjsKnown,
      oracle: yjsOracle,
      manyIpsStatuses: yjsMany,
      oneIpPerSecond: yjsRate.perSecond,
      oneIpStatuses: yjsRate.results,
      limited: yjsLimited,
      daysToHit: yjsOracle && !yjsLimited ? daysToHit(yjsRate.perSecond) : null,
    },
    socketIo: {
      unknownCodeReply: sioUnknown,
      knownCodeBadTokenReply: sioKnown,
      oracle: sioOracle,
      manyIpsReplies: sioMany,
      oneIpPerSecond: sioRate.perSecond,
      daysToHit: sioOracle ? daysToHit(sioRate.perSecond) : null,
    },
  };
}

/** TRUST_PROXY on: the last `X-Forwarded-For` hop is the client, so limits follow the header. */
export async function proxyRun() {
  const random = seededRandom(32);
  const server = await startServer(tempDir('flood-proxy'), await freePort(), {
    env: { RELIABILITY_JOIN_LIMITS: 'production', RELIABILITY_TRUST_PROXY: '1' },
  });
  const url = server.url;
  const code = await createRoom(url);
  const proxy = '127.0.0.2';
  const [rotating, classWhile] = await Promise.all([
    guesses(
      url,
      random,
      Array.from({ length: 40 }, () => ({ localAddress: proxy, forwardedFor: spoofed(random) })),
    ),
    joinClass(url, code, 'Proxied', { localAddress: proxy, forwardedFor: '198.51.100.10' }, 5_000),
  ]);
  const sameHeader = await guesses(
    url,
    random,
    Array.from({ length: 20 }, () => ({ localAddress: proxy, forwardedFor: '203.0.113.7' })),
  );
  const noHeader = await guesses(url, random, [{ localAddress: proxy }]);
  await server.terminate();
  return {
    rotatingHeader: { attempts: 40, statuses: rotating },
    sameHeader: { attempts: 20, statuses: sameHeader },
    proxyAddressWithoutHeader: noHeader,
    classWhileHammered: classWhile,
  };
}
