import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { closeSharedPostgres, sharedPostgres, type PostgresServer } from '../helpers/postgres';
import { RedisServer } from '../helpers/redis';
import { isRunning } from '../helpers/services';

/**
 * The throwaway PostgreSQL and Redis the storage contract and cluster tests will stand on:
 * they start on loopback, take connections from the clients the app will use (pg, ioredis),
 * keep committed data over a crash and a restart, and leave no process and no directory.
 */

let redis: RedisServer | null = null;
afterAll(async () => {
  await redis?.close();
  await closeSharedPostgres(); // not left to the exit hook: Vitest SIGKILLs workers 500 ms after SIGTERM
});

describe('test services', () => {
  it('PostgreSQL: a fresh database per caller, commits survive a kill -9 and a restart', { timeout: 60_000 }, async () => {
    const server: PostgresServer = await sharedPostgres();
    expect(await sharedPostgres()).toBe(server); // one per process
    const url = await server.createDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ version: string }>('SELECT version()');
    expect(rows[0]!.version).toMatch(/^PostgreSQL \d+/);
    await client.query('CREATE TABLE notes (id text PRIMARY KEY, body bytea NOT NULL)');
    await client.query('INSERT INTO notes VALUES ($1, $2)', ['a', Buffer.from([1, 2, 3])]);
    await client.end().catch(() => undefined);

    const pid = server.pid;
    await server.kill();
    expect(isRunning(pid)).toBe(false);
    await server.restart();
    const again = new pg.Client({ connectionString: url });
    await again.connect();
    const stored = await again.query<{ id: string; body: Buffer }>('SELECT id, body FROM notes');
    expect(stored.rows.map((row) => [row.id, [...row.body]])).toEqual([['a', [1, 2, 3]]]);
    await again.end();
    expect(await server.createDatabase()).not.toBe(url);
  });

  it('Redis: streams (what the socket.io adapter uses) over ioredis; stop and close leave nothing', { timeout: 30_000 }, async () => {
    redis = await RedisServer.start();
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    expect(await client.ping()).toBe('PONG');
    await client.xadd('smoke', '*', 'note', 'hello');
    const read = await client.xread('COUNT', 10, 'STREAMS', 'smoke', '0');
    expect(read?.[0]?.[1].map(([, fields]) => fields)).toEqual([['note', 'hello']]);
    client.disconnect();

    const { pid, dir } = redis;
    await redis.close();
    redis = null;
    expect(isRunning(pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });
});
