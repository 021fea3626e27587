import { afterAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createPool, migrate } from '../../server/storage/postgres/pgClient';
import { PG_MIGRATIONS } from '../../server/storage/postgres/schema';
import { closeSharedPostgres, sharedPostgres } from '../helpers/postgres';

// Here, not at exit: Vitest SIGKILLs a worker 500 ms after SIGTERM (see closeSharedPostgres).
afterAll(closeSharedPostgres);

const pools: pg.Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
});

async function freshPools(count: number): Promise<pg.Pool[]> {
  const url = await (await sharedPostgres()).createDatabase();
  const created = Array.from({ length: count }, () => createPool(url, { max: 2 }));
  pools.push(...created);
  return created;
}

async function versions(pool: pg.Pool): Promise<number[]> {
  return (await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((row) => row.version);
}

describe('PostgreSQL schema migrations', () => {
  it('migrate once when four instances start together', async () => {
    const started = await freshPools(4);
    const ran = await Promise.all(started.map((pool) => migrate(pool)));
    expect(ran.sort()).toEqual([0, 0, 0, PG_MIGRATIONS.length]);
    expect(await versions(started[0]!)).toEqual(PG_MIGRATIONS.map((_, i) => i + 1));
    expect(await migrate(started[1]!)).toBe(0);
  });

  it('leave the schema as it was when a migration fails, and apply it once fixed', async () => {
    const [pool] = await freshPools(1);
    await migrate(pool!);
    const broken = [...PG_MIGRATIONS, 'CREATE TABLE extra (x integer); SELECT 1 / 0;'];
    await expect(migrate(pool!, broken)).rejects.toThrow(/division by zero/);
    expect(await versions(pool!)).toHaveLength(PG_MIGRATIONS.length);
    const extra = await pool!.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'extra'");
    expect(extra.rowCount).toBe(0);
    expect(await migrate(pool!, [...PG_MIGRATIONS, 'CREATE TABLE extra (x integer);'])).toBe(1);
    expect(await versions(pool!)).toHaveLength(PG_MIGRATIONS.length + 1);
  });
});
