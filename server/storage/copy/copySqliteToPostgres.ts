import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { inTransaction } from '../postgres/pgClient';
import { checkSqliteSchema, COPIED_TABLES, type CopiedTable } from './tables';

/** Rows per INSERT, and the bytes a batch may hold before it is sent anyway. */
const BATCH_ROWS = 500;
const BATCH_BYTES = 8 * 1024 * 1024;

export interface CopyReport {
  /** Workshops copied now. */
  copied: number;
  /** Workshops the target already held, identical to the source (an earlier run). */
  alreadyThere: number;
  /** Rows per table in the source (all in the target when there are no mismatches). */
  rows: Record<string, number>;
  /** Workshops that differ between source and target (nothing of theirs was written). */
  mismatches: string[];
}

/** A digest of one workshop's rows of one table, independent of row order and engine types. */
type TableDigest = { count: number; digest: string };

function rowKey(row: Record<string, unknown>, spec: CopiedTable): string {
  return JSON.stringify(
    spec.columns.map((column) => {
      const value = row[column];
      if (value instanceof Uint8Array) return `x${Buffer.from(value).toString('hex')}`;
      if (spec.booleans?.includes(column)) return value ? 1 : 0;
      return value ?? null;
    }),
  );
}

function digestOf(rows: Iterable<Record<string, unknown>>, spec: CopiedTable): TableDigest {
  const hashes: string[] = [];
  for (const row of rows) hashes.push(createHash('sha256').update(rowKey(row, spec)).digest('hex'));
  return { count: hashes.length, digest: createHash('sha256').update(hashes.sort().join('\n')).digest('hex') };
}

function sqliteRows(db: Database.Database, spec: CopiedTable, workshopId: string): IterableIterator<Record<string, unknown>> {
  return db.prepare(`SELECT ${spec.columns.join(', ')} FROM ${spec.table} WHERE ${spec.where}`).iterate(workshopId) as IterableIterator<
    Record<string, unknown>
  >;
}

async function pgDigest(client: pg.Pool | pg.PoolClient, spec: CopiedTable, workshopId: string): Promise<TableDigest> {
  const where = spec.where.replace('?', '$1');
  const { rows } = await client.query<Record<string, unknown>>(`SELECT ${spec.columns.join(', ')} FROM ${spec.table} WHERE ${where}`, [
    workshopId,
  ]);
  return digestOf(rows, spec);
}

async function insertBatch(client: pg.PoolClient, spec: CopiedTable, rows: Record<string, unknown>[]): Promise<void> {
  const width = spec.columns.length;
  const values = rows.flatMap((row) =>
    spec.columns.map((column) => (spec.booleans?.includes(column) ? row[column] === 1 || row[column] === true : row[column])),
  );
  const tuples = rows.map((_, r) => `(${spec.columns.map((_, c) => `$${r * width + c + 1}`).join(', ')})`);
  await client.query(`INSERT INTO ${spec.table} (${spec.columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
}

async function copyTable(db: Database.Database, client: pg.PoolClient, spec: CopiedTable, workshopId: string): Promise<void> {
  let batch: Record<string, unknown>[] = [];
  let bytes = 0;
  for (const row of sqliteRows(db, spec, workshopId)) {
    batch.push(row);
    bytes += Object.values(row).reduce<number>((sum, value) => sum + (value instanceof Uint8Array ? value.byteLength : 16), 0);
    if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES) {
      await insertBatch(client, spec, batch);
      [batch, bytes] = [[], 0];
    }
  }
  if (batch.length > 0) await insertBatch(client, spec, batch);
}

/** Does the target hold this workshop's rows exactly as the source does? */
async function isIdentical(db: Database.Database, client: pg.Pool | pg.PoolClient, workshopId: string): Promise<boolean> {
  for (const spec of COPIED_TABLES) {
    const source = digestOf(sqliteRows(db, spec, workshopId), spec);
    const target = await pgDigest(client, spec, workshopId);
    if (source.count !== target.count || source.digest !== target.digest) return false;
  }
  return true;
}

/**
 * Copies every workshop of a (migrated, not running) SQLite store into PostgreSQL (schema
 * migrated), each workshop in one transaction that also verifies it, row for row, before it
 * commits. A workshop the target already holds is verified and left alone, so an interrupted
 * copy can simply be run again; one that differs is reported and not touched.
 */
export async function copySqliteToPostgres(db: Database.Database, pool: pg.Pool): Promise<CopyReport> {
  checkSqliteSchema(db);
  const report: CopyReport = { copied: 0, alreadyThere: 0, rows: {}, mismatches: [] };
  const workshopIds = (db.prepare('SELECT id FROM workshops ORDER BY created_at, id').all() as { id: string }[]).map((row) => row.id);
  for (const workshopId of workshopIds) {
    const exists = await pool.query('SELECT 1 FROM workshops WHERE id = $1', [workshopId]);
    if (exists.rowCount !== 0) {
      if (await isIdentical(db, pool, workshopId)) report.alreadyThere++;
      else report.mismatches.push(workshopId);
      continue;
    }
    const isCopied = await inTransaction(pool, async (client) => {
      for (const spec of COPIED_TABLES) await copyTable(db, client, spec, workshopId);
      if (await isIdentical(db, client, workshopId)) return true;
      throw new CopyMismatch(workshopId); // rolls the workshop's transaction back
    }).catch((error: unknown) => {
      if (error instanceof CopyMismatch) return false;
      throw error;
    });
    if (isCopied) report.copied++;
    else report.mismatches.push(workshopId);
  }
  for (const spec of COPIED_TABLES) {
    report.rows[spec.table] = (db.prepare(`SELECT count(*) AS n FROM ${spec.table}`).get() as { n: number }).n;
  }
  return report;
}

class CopyMismatch extends Error {
  constructor(readonly workshopId: string) {
    super(`workshop ${workshopId} differs after the copy`);
  }
}
