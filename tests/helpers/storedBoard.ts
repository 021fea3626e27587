import pg from 'pg';
import * as Y from 'yjs';
import { notesMap } from '../../lib/board';

/** What PostgreSQL holds for one workshop, read directly (not through any instance). */
export interface StoredWorkshop {
  noteIds: Set<string>;
  /** The compacted state's `last_seq` (0 before the first compaction). */
  stateSeq: number;
  /** The last seq handed out (`workshops.doc_seq`). */
  docSeq: number;
  /** The session row's revision and state (null before the first command). */
  sessionRevision: number | null;
  session: Record<string, unknown> | null;
}

/**
 * Reads the stored board and session of the workshop with room code `code` straight from the
 * database, in one repeatable-read snapshot: the compacted state plus every log row after it,
 * applied to a fresh Y.Doc, is what any instance would load.
 */
export async function readStoredWorkshop(databaseUrl: string, code: string): Promise<StoredWorkshop> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const workshop = await client.query<{ id: string; doc_seq: string }>('SELECT id, doc_seq FROM workshops WHERE code = $1', [code]);
    const row = workshop.rows[0];
    if (!row) throw new Error(`no workshop ${code}`);
    const state = await client.query<{ data: Buffer; last_seq: string }>('SELECT data, last_seq FROM doc_states WHERE workshop_id = $1', [
      row.id,
    ]);
    const stateSeq = Number(state.rows[0]?.last_seq ?? 0);
    const updates = await client.query<{ data: Buffer }>('SELECT data FROM doc_updates WHERE workshop_id = $1 AND seq > $2 ORDER BY seq', [
      row.id,
      stateSeq,
    ]);
    const session = await client.query<{ state: string; revision: string }>('SELECT state, revision FROM sessions WHERE workshop_id = $1', [
      row.id,
    ]);
    await client.query('COMMIT');
    const doc = new Y.Doc();
    try {
      if (state.rows[0]) Y.applyUpdate(doc, state.rows[0].data);
      for (const update of updates.rows) Y.applyUpdate(doc, update.data);
      return {
        noteIds: new Set(notesMap(doc).keys()),
        stateSeq,
        docSeq: Number(row.doc_seq),
        sessionRevision: session.rows[0] ? Number(session.rows[0].revision) : null,
        session: session.rows[0] ? (JSON.parse(session.rows[0].state) as Record<string, unknown>) : null,
      };
    } finally {
      doc.destroy();
    }
  } finally {
    await client.end();
  }
}
