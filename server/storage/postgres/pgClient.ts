import pg from 'pg';
import { PG_MIGRATIONS } from './schema';

/** Anything that runs a query: the pool (one statement, autocommit) or a client in a transaction. */
export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/**
 * BIGINT (seqs, counts, ms timestamps, sums) as a JavaScript number rather than a string: every
 * value we keep is far below 2^53.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

export interface PoolOptions {
  /** Connections this instance may hold (each instance has its own pool). */
  max?: number;
  /** Told when an idle connection fails (PostgreSQL restarted): the pool replaces it. */
  onIdleError?: (error: Error) => void;
  /**
   * PostgreSQL ends a session that sits this long inside a transaction. Ours take milliseconds;
   * one that stalls is a paused or hung instance (SIGSTOP), whose row locks would otherwise hold
   * every other instance's appends to that workshop until it resumes. Its transaction is rolled
   * back, and its commit fails when it wakes.
   */
  idleInTransactionTimeoutMs?: number;
}

const IDLE_IN_TRANSACTION_TIMEOUT_MS = 5_000;
/**
 * An idle connection is kept this long (pg-pool's default is 10 s). Each PostgreSQL session is a
 * process: opening one costs a fork and a SCRAM handshake (key stretching on both sides), and
 * the named statements are prepared again. A room's pauses between bursts are longer than 10 s.
 */
const IDLE_CONNECTION_MS = 5 * 60_000;

export function createPool(connectionString: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    types,
    max: options.max ?? 10,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: IDLE_CONNECTION_MS,
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? IDLE_IN_TRANSACTION_TIMEOUT_MS,
  });
  // Without a listener an idle client's error (a restart of PostgreSQL) would crash the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  return pool;
}

/** Deadlock, serialisation failure: the transaction was rolled back and may simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/**
 * Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it
 * throws. A transaction PostgreSQL rolled back for a deadlock or a serialisation failure runs
 * again (it changed nothing); any other error is the caller's.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let isBroken = false;
    // A session PostgreSQL ends while we hold it (a restart, the idle-in-transaction timeout
    // after a pause) is reported as an 'error' event: without a listener it would crash the process.
    const onError = () => (isBroken = true);
    client.on('error', onError);
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (isBroken = true));
      if (attempt < ATTEMPTS && RETRYABLE.has((error as { code?: string }).code ?? '')) continue;
      throw error;
    } finally {
      client.removeListener('error', onError);
      client.release(isBroken);
    }
  }
}

/** One arbitrary key for the migration lock (pg_advisory_xact_lock takes a bigint). */
const MIGRATION_LOCK = 7_240_312_012;

/**
 * Applies the schema migrations not applied yet, all in one transaction holding an advisory
 * lock: instances starting together migrate once (the others wait, then find nothing to do), and
 * a failed migration leaves the schema as it was (PostgreSQL's DDL is transactional). Returns
 * how many ran.
 */
export async function migrate(pool: pg.Pool, migrations: readonly string[] = PG_MIGRATIONS): Promise<number> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    const applied = rows[0]?.version ?? 0;
    for (const [index, sql] of migrations.entries()) {
      if (index < applied) continue;
      await client.query(sql);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [index + 1]);
    }
    return Math.max(0, migrations.length - applied);
  });
}

/** A bytea value (a Buffer, maybe a slice of Node's shared pool) as a Uint8Array of its own. */
export function bytes(value: Buffer): Uint8Array {
  return new Uint8Array(value);
}
