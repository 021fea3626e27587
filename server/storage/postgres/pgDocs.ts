import type pg from 'pg';
import type { DocLog, LoadedDoc, LoggedUpdate } from '../ports';
import { bytes, inTransaction, type Queryable } from './pgClient';

/** A consistent snapshot for reads that take two statements (state, then the log after it). */
const READ_SNAPSHOT = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';

/**
 * Each workshop's Yjs document in PostgreSQL: `doc_states` (compacted, covering the log up to
 * `last_seq`) and `doc_updates` numbered by a gapless per-workshop seq. The seq is raised with
 * `UPDATE workshops SET doc_seq = doc_seq + n … RETURNING`, whose row lock lasts until commit:
 * appends to one workshop are serialised, so they commit in seq order and a reader of `seq > n`
 * never misses a row that commits later with a smaller seq.
 */
export function pgDocs(pool: pg.Pool): DocLog {
  return {
    append: (entries) => append(pool, entries),
    load: (workshopId) => inTransaction(pool, (client) => readDoc(client, workshopId), READ_SNAPSHOT),
    since: (workshopId, afterSeq) =>
      inTransaction(
        pool,
        async (client) => {
          const stateSeq = await stateSeqOf(client, workshopId);
          return afterSeq < stateSeq ? null : updatesAfter(client, workshopId, afterSeq);
        },
        READ_SNAPSHOT,
      ),
    lastSeq: async (workshopId) => {
      const { rows } = await pool.query<{ seq: number }>('SELECT doc_seq AS seq FROM workshops WHERE id = $1', [workshopId]);
      return rows[0]?.seq ?? 0;
    },
    compact: (workshopId, state, uptoSeq) => compact(pool, workshopId, state, uptoSeq),
    updateCount: async (workshopId) => {
      const { rows } = await pool.query<{ n: number }>('SELECT count(*) AS n FROM doc_updates WHERE workshop_id = $1', [workshopId]);
      return rows[0]!.n;
    },
  };
}

/**
 * One statement, so one round trip and no transaction held open across the network, whatever
 * the number of workshops (a group commit of a busy instance holds several): lock the workshops'
 * rows in id order (two instances appending to overlapping workshops queue, never deadlock),
 * raise every workshop's seq, number the rows in the order given and insert them. A statement is
 * atomic: the row locks last until it commits, and a workshop that does not exist leaves its
 * rows without a seq, which fails the whole statement (nothing of the batch is written).
 * Prepared once per connection (named), so PostgreSQL does not parse and plan it per commit.
 */
const APPEND = {
  name: 'pw_append_updates',
  text: `WITH input AS (
      SELECT e.workshop_id, e.data, e.ord FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS e (workshop_id, data, ord)
    ), counts AS (
      SELECT workshop_id AS id, count(*) AS n FROM input GROUP BY workshop_id
    ), locked AS MATERIALIZED (
      SELECT w.id FROM workshops w WHERE w.id IN (SELECT id FROM counts) ORDER BY w.id FOR NO KEY UPDATE
    ), raised AS (
      UPDATE workshops w SET doc_seq = w.doc_seq + c.n FROM counts c, locked l
       WHERE w.id = c.id AND l.id = w.id RETURNING w.id, w.doc_seq - c.n AS base
    ), numbered AS (
      SELECT i.ord, i.workshop_id, i.data, r.base + row_number() OVER (PARTITION BY i.workshop_id ORDER BY i.ord) AS seq
        FROM input i LEFT JOIN raised r ON r.id = i.workshop_id
    ), inserted AS (
      INSERT INTO doc_updates (workshop_id, seq, data) SELECT workshop_id, seq, data FROM numbered
    )
    SELECT seq FROM numbered ORDER BY ord`,
};
/**
 * The common batch, every update of one workshop (a room's edits of one event-loop turn): the
 * same row lock and numbering without the grouping, ordering and window of the general statement,
 * about a third less of PostgreSQL's CPU per commit. Data-modifying CTEs run once whether or not
 * they are read; no row back means no such workshop (nothing inserted).
 */
const APPEND_ONE = {
  name: 'pw_append_updates_one',
  text: `WITH raised AS (
      UPDATE workshops SET doc_seq = doc_seq + cardinality($2::bytea[]) WHERE id = $1
      RETURNING doc_seq - cardinality($2::bytea[]) AS base
    ), inserted AS (
      INSERT INTO doc_updates (workshop_id, seq, data)
      SELECT $1, r.base + u.ord, u.data FROM raised r, unnest($2::bytea[]) WITH ORDINALITY AS u (data, ord)
    )
    SELECT base FROM raised`,
};
/** not_null_violation: a row of the batch got no seq (its workshop does not exist). */
const NO_SEQ = '23502';
const NO_WORKSHOP = 'no workshop for an update of this batch';

async function append(pool: pg.Pool, entries: readonly { workshopId: string; update: Uint8Array }[]): Promise<number[]> {
  if (entries.length === 0) return [];
  const workshopId = entries[0]!.workshopId;
  if (entries.every((entry) => entry.workshopId === workshopId)) {
    const { rows } = await pool.query<{ base: number }>({ ...APPEND_ONE, values: [workshopId, entries.map((entry) => entry.update)] });
    if (rows.length === 0) throw new Error(NO_WORKSHOP);
    return entries.map((_, index) => rows[0]!.base + index + 1);
  }
  const values = [entries.map((entry) => entry.workshopId), entries.map((entry) => entry.update)];
  try {
    const { rows } = await pool.query<{ seq: number }>({ ...APPEND, values });
    return rows.map((row) => row.seq);
  } catch (error) {
    if ((error as { code?: string }).code === NO_SEQ) throw new Error(NO_WORKSHOP, { cause: error });
    throw error;
  }
}

async function stateSeqOf(client: Queryable, workshopId: string): Promise<number> {
  const { rows } = await client.query<{ seq: number }>('SELECT last_seq AS seq FROM doc_states WHERE workshop_id = $1', [workshopId]);
  return rows[0]?.seq ?? 0;
}

async function updatesAfter(client: Queryable, workshopId: string, afterSeq: number): Promise<LoggedUpdate[]> {
  const { rows } = await client.query<{ seq: number; data: Buffer }>(
    'SELECT seq, data FROM doc_updates WHERE workshop_id = $1 AND seq > $2 ORDER BY seq',
    [workshopId, afterSeq],
  );
  return rows.map((row) => ({ seq: row.seq, data: bytes(row.data) }));
}

async function readDoc(client: Queryable, workshopId: string): Promise<LoadedDoc> {
  const { rows } = await client.query<{ data: Buffer; seq: number }>(
    'SELECT data, last_seq AS seq FROM doc_states WHERE workshop_id = $1',
    [workshopId],
  );
  const stateSeq = rows[0]?.seq ?? 0;
  const updates = await updatesAfter(client, workshopId, stateSeq);
  return { state: rows[0] ? bytes(rows[0].data) : null, stateSeq, updates, lastSeq: updates.at(-1)?.seq ?? stateSeq };
}

/**
 * Fenced by the data: the state row is written only over an older one (the conditional upsert
 * locks the row, so of two racing compactions the later-covering one wins whatever the order),
 * and the rows it covers are deleted in the same transaction.
 */
async function compact(pool: pg.Pool, workshopId: string, state: Uint8Array, uptoSeq: number): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ seq: number }>('SELECT doc_seq AS seq FROM workshops WHERE id = $1', [workshopId]);
    if (uptoSeq < 1 || uptoSeq > (rows[0]?.seq ?? 0)) return false;
    const written = await client.query(
      `INSERT INTO doc_states (workshop_id, data, last_seq) VALUES ($1, $2, $3)
       ON CONFLICT (workshop_id) DO UPDATE SET data = excluded.data, last_seq = excluded.last_seq
        WHERE doc_states.last_seq < excluded.last_seq`,
      [workshopId, state, uptoSeq],
    );
    if (written.rowCount === 0) return false;
    await client.query('DELETE FROM doc_updates WHERE workshop_id = $1 AND seq <= $2', [workshopId, uptoSeq]);
    return true;
  });
}
