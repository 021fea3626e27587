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
 * Three statements whatever the number of workshops (a group commit of a busy instance holds
 * several): lock the workshops' rows in id order (two instances appending to overlapping
 * workshops queue, never deadlock), raise every workshop's seq at once, insert every row at once.
 * The locks are held from the first statement to the commit, so fewer round trips is less waiting
 * for the other instances.
 */
async function append(pool: pg.Pool, entries: readonly { workshopId: string; update: Uint8Array }[]): Promise<number[]> {
  if (entries.length === 0) return [];
  const counts = new Map<string, number>();
  for (const { workshopId } of entries) counts.set(workshopId, (counts.get(workshopId) ?? 0) + 1);
  const ids = [...counts.keys()].sort();
  return inTransaction(pool, async (client) => {
    if (ids.length > 1) await client.query('SELECT 1 FROM workshops WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE', [ids]);
    const { rows } = await client.query<{ id: string; seq: number }>(
      `UPDATE workshops w SET doc_seq = w.doc_seq + c.n FROM unnest($1::text[], $2::bigint[]) AS c (id, n)
        WHERE w.id = c.id RETURNING w.id, w.doc_seq AS seq`,
      [ids, ids.map((id) => counts.get(id)!)],
    );
    if (rows.length !== ids.length) throw new Error(`no workshop ${ids.find((id) => !rows.some((row) => row.id === id))}`);
    const next = new Map(rows.map((row) => [row.id, row.seq - counts.get(row.id)!]));
    const seqs = entries.map(({ workshopId }) => {
      const seq = next.get(workshopId)! + 1;
      next.set(workshopId, seq);
      return seq;
    });
    await client.query('INSERT INTO doc_updates (workshop_id, seq, data) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[])', [
      entries.map((entry) => entry.workshopId),
      seqs,
      entries.map((entry) => entry.update),
    ]);
    return seqs;
  });
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
