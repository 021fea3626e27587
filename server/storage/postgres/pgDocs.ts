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

async function append(pool: pg.Pool, entries: readonly { workshopId: string; update: Uint8Array }[]): Promise<number[]> {
  if (entries.length === 0) return [];
  // Each workshop's rows in one statement; workshops locked in id order, so two instances
  // appending to the same workshops never deadlock.
  const byWorkshop = new Map<string, number[]>();
  entries.forEach((entry, index) => byWorkshop.set(entry.workshopId, [...(byWorkshop.get(entry.workshopId) ?? []), index]));
  const seqs = new Array<number>(entries.length);
  await inTransaction(pool, async (client) => {
    for (const workshopId of [...byWorkshop.keys()].sort()) {
      const indexes = byWorkshop.get(workshopId)!;
      const first = await appendTo(
        client,
        workshopId,
        indexes.map((index) => entries[index]!.update),
      );
      indexes.forEach((index, offset) => (seqs[index] = first + offset));
    }
  });
  return seqs;
}

/** Appends `updates` to one workshop's log; returns the first one's seq. */
export async function appendTo(client: Queryable, workshopId: string, updates: readonly Uint8Array[]): Promise<number> {
  const { rows } = await client.query<{ seq: number }>(
    'UPDATE workshops SET doc_seq = doc_seq + $2 WHERE id = $1 RETURNING doc_seq AS seq',
    [workshopId, updates.length],
  );
  if (!rows[0]) throw new Error(`no workshop ${workshopId}`);
  const first = rows[0].seq - updates.length + 1;
  await client.query(
    `INSERT INTO doc_updates (workshop_id, seq, data)
     SELECT $1, $2 + u.ord - 1, u.data FROM unnest($3::bytea[]) WITH ORDINALITY AS u (data, ord)`,
    [workshopId, first, updates],
  );
  return first;
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
