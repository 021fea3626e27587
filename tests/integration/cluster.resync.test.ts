import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log';
import { PostgresServer } from '../helpers/postgres';
import { RedisServer } from '../helpers/redis';
import { eventually, Harness, watchRoster } from './harness';

/**
 * The control plane's resync after a Redis reconnect (REDIS_URL) while PostgreSQL is down, on a
 * real redis-server and a real PostgreSQL of this file's own (it is stopped and started again).
 * The resync's roster and state sends are waited on by nobody: their storage errors used to be
 * unhandled rejections, which end a Node process.
 */

const BACKGROUND_FAILED = 'background roster or state update failed';

let postgres: PostgresServer;
let redis: RedisServer;
let admin: Redis;
let harness: Harness | null = null;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  [postgres, redis] = await Promise.all([PostgresServer.start(), RedisServer.start()]);
  admin = new Redis(redis.url);
  process.on('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  await harness?.close();
  harness = null;
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  admin.disconnect();
  await Promise.all([postgres.close(), redis.close()]);
});

/** Cuts the instance's subscriber connections: once they are back, the instance resyncs (`onReconnect`). */
async function cutSubscribers(): Promise<void> {
  const list = (await admin.client('LIST')) as string;
  const ids = list
    .split('\n')
    .filter((line) => line.includes('name=persona-workshop') && /\bsub=[1-9]/.test(line))
    .map((line) => /\bid=(\d+)/.exec(line)![1]!);
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) await admin.client('KILL', 'ID', id);
}

describe('the control plane resync while PostgreSQL is down (REDIS_URL, DATABASE_URL)', () => {
  it('logs the failed roster and state sends, keeps serving, and the next resync corrects the roster', async () => {
    const warnings: string[] = [];
    const logger = createLogger('warn', { write: (line: string) => void warnings.push((JSON.parse(line) as { msg: string }).msg) });
    harness = new Harness();
    const h = harness;
    await h.start({ databaseUrl: await postgres.createDatabase(), redisUrl: redis.url, logger });
    const created = await h.createWorkshop();
    const facilitator = h.control(created.code, (await h.facilitator(created.code, created.facilitatorKey)).token);
    const roster = watchRoster(facilitator);
    const ada = await h.join(created.code, 'Ada');
    const adaSocket = h.control(created.code, ada.token);
    const sessionsSent = { facilitator: 0, ada: 0 };
    facilitator.on('session', () => (sessionsSent.facilitator += 1));
    adaSocket.on('session', () => (sessionsSent.ada += 1));
    const isAdaOnline = () => roster.entries.find((e) => e.participantId === ada.participantId)?.isOnline;
    await eventually(() => expect([isAdaOnline(), sessionsSent.facilitator, sessionsSent.ada]).toEqual([true, 1, 1]));

    // Redis comes back: the resync checks and sends everyone's state, and schedules the roster's
    // resend; PostgreSQL goes down before that resend, and Ada leaves meanwhile.
    await cutSubscribers();
    await eventually(() => expect(Math.min(sessionsSent.facilitator, sessionsSent.ada)).toBe(2));
    await postgres.stop();
    adaSocket.close();
    const failures = () => warnings.filter((msg) => msg === BACKGROUND_FAILED).length;
    // Two sends fail: Ada's going offline, then the resync's roster resend to the facilitator.
    await eventually(() => expect(failures() + unhandled.length).toBeGreaterThanOrEqual(2));
    expect(unhandled).toEqual([]);
    expect((await fetch(`${h.server.url}/healthz`)).status).toBe(200);
    expect(facilitator.connected).toBe(true);
    // Nobody could tell the facilitator that Ada left.
    expect(isAdaOnline()).toBe(true);

    await postgres.restart();
    const listsBefore = roster.fullLists;
    await cutSubscribers();
    await eventually(() => expect(roster.fullLists).toBeGreaterThan(listsBefore));
    expect(isAdaOnline()).toBe(false);
    expect(unhandled).toEqual([]);
  }, 30_000);
});
