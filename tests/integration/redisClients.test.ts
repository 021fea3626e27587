import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, type RedisClients } from '../../server/cluster/redisClients';
import { createLogger } from '../../server/log';
import { RedisServer } from '../helpers/redis';
import { eventually } from './harness';

/**
 * What an instance's Redis connections do when Redis goes away: `onReconnect` (the instance's
 * resync of sessions, rooms and connections) must run only once the notices subscriber is
 * subscribed again, since a notice published while it was away is lost to it.
 */
describe('Redis connections of an instance (real redis-server)', () => {
  let redis: RedisServer;
  let admin: Redis;
  let clients: RedisClients | null = null;

  beforeAll(async () => {
    redis = await RedisServer.start();
    admin = new Redis(redis.url);
  });
  afterEach(async () => {
    await clients?.close();
    clients = null;
  });
  afterAll(async () => {
    admin.disconnect();
    await redis.close();
  });

  /** Connects, subscribes to `channel` as the notices do, and records what arrives and when `onReconnect` runs. */
  async function connect(channel: string) {
    clients = await connectRedis(redis.url, createLogger('silent'));
    const received: string[] = [];
    const deliveredAtResync: boolean[] = [];
    clients.subscriber.on('message', (from: string, message: string) => {
      if (from === channel) received.push(message);
    });
    await clients.subscriber.subscribe(channel);
    const own = clients;
    own.onReconnect(() => {
      // At this moment a notice published by anyone must reach this instance's subscriber.
      const marker = `resync-${deliveredAtResync.length}`;
      deliveredAtResync.push(false);
      void admin.publish(channel, marker);
      void eventually(() => expect(received).toContain(marker)).then(() => (deliveredAtResync[deliveredAtResync.length - 1] = true));
    });
    return { received, deliveredAtResync };
  }

  /** Kills the server side of the connections whose client list line matches. */
  async function killConnections(match: (line: string) => boolean): Promise<number> {
    const list = (await admin.client('LIST')) as string;
    const ids = list
      .split('\n')
      .filter((line) => line.includes('name=persona-workshop') && match(line))
      .map((line) => /\bid=(\d+)/.exec(line)![1]!);
    for (const id of ids) await admin.client('KILL', 'ID', id);
    return ids.length;
  }

  it('runs onReconnect when only the subscriber was cut, once it is subscribed again', async () => {
    const { deliveredAtResync } = await connect('pw:test:sub-only');
    expect(await killConnections((line) => /\bsub=[1-9]/.test(line))).toBe(1);
    await eventually(() => expect(deliveredAtResync).toEqual([true]));
  });

  it('runs onReconnect after a Redis restart with both connections back and the subscription renewed', async () => {
    const { received, deliveredAtResync } = await connect('pw:test:restart');
    await redis.stop();
    await redis.restart();
    await eventually(() => expect(deliveredAtResync.length).toBeGreaterThan(0), { timeout: 15_000 });
    await eventually(() => expect(deliveredAtResync.every(Boolean)).toBe(true));
    await admin.publish('pw:test:restart', 'after');
    await eventually(() => expect(received).toContain('after'));
  });
});
