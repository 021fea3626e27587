import type Database from 'better-sqlite3';
import type { LoadedDoc, LoggedUpdate } from '../ports';

/**
 * Each workshop's Yjs document in SQLite, synchronous: a compacted state row (`doc_states`,
 * covering the log up to `last_seq`) and an append-only log (`doc_updates`) numbered by a gapless
 * per-workshop sequence kept in `workshops.doc_seq`. The synchronous `Store` uses it as is; the
 * asynchronous `DocLog` of `SqliteStorage` wraps it. The rules are the PostgreSQL store's:
 * compaction is fenced by the sequence, not by who calls it.
 */
export class SqliteDocLog {
  private readonly stmts;
  private readonly appendAll: (entries: readonly { workshopId: string; update: Uint8Array }[]) => number[];
  private readonly compactFenced: Database.Transaction<(workshopId: string, state: Uint8Array, uptoSeq: number) => boolean>;
  private readonly loadConsistent: (workshopId: string) => LoadedDoc;
  private readonly sinceConsistent: (workshopId: string, afterSeq: number) => LoggedUpdate[] | null;

  constructor(db: Database.Database) {
    this.stmts = {
      nextSeq: db.prepare('UPDATE workshops SET doc_seq = doc_seq + 1 WHERE id = ? RETURNING doc_seq AS seq'),
      insert: db.prepare('INSERT INTO doc_updates (workshop_id, seq, data) VALUES (?, ?, ?)'),
      lastSeq: db.prepare('SELECT doc_seq AS seq FROM workshops WHERE id = ?'),
      stateOf: db.prepare('SELECT data, last_seq AS lastSeq FROM doc_states WHERE workshop_id = ?'),
      stateSeqOf: db.prepare('SELECT last_seq AS lastSeq FROM doc_states WHERE workshop_id = ?'),
      updatesAfter: db.prepare('SELECT seq, data FROM doc_updates WHERE workshop_id = ? AND seq > ? ORDER BY seq'),
      // Written only over an older state: a stale compaction leaves the newer one alone.
      upsertState: db.prepare(
        `INSERT INTO doc_states (workshop_id, data, last_seq) VALUES (?, ?, ?)
         ON CONFLICT (workshop_id) DO UPDATE SET data = excluded.data, last_seq = excluded.last_seq
          WHERE doc_states.last_seq < excluded.last_seq`,
      ),
      deleteUpTo: db.prepare('DELETE FROM doc_updates WHERE workshop_id = ? AND seq <= ?'),
      count: db.prepare('SELECT count(*) AS n FROM doc_updates WHERE workshop_id = ?'),
    };
    this.appendAll = db.transaction((entries: readonly { workshopId: string; update: Uint8Array }[]) =>
      entries.map(({ workshopId, update }) => this.appendOne(workshopId, update)),
    );
    this.compactFenced = db.transaction((workshopId: string, state: Uint8Array, uptoSeq: number) => {
      if (uptoSeq < 1 || uptoSeq > this.lastSeq(workshopId)) return false;
      if (this.stmts.upsertState.run(workshopId, state, uptoSeq).changes === 0) return false;
      this.stmts.deleteUpTo.run(workshopId, uptoSeq);
      return true;
    });
    // Read transactions: a compaction by another connection cannot fall between the two reads.
    this.loadConsistent = db.transaction((workshopId: string) => this.readDoc(workshopId));
    this.sinceConsistent = db.transaction((workshopId: string, afterSeq: number) => {
      const stateSeq = (this.stmts.stateSeqOf.get(workshopId) as { lastSeq: number } | undefined)?.lastSeq ?? 0;
      return afterSeq < stateSeq ? null : this.updatesAfter(workshopId, afterSeq);
    });
  }

  private appendOne(workshopId: string, update: Uint8Array): number {
    const row = this.stmts.nextSeq.get(workshopId) as { seq: number } | undefined;
    if (!row) throw new Error(`no workshop ${workshopId}`);
    this.stmts.insert.run(workshopId, row.seq, update);
    return row.seq;
  }

  private updatesAfter(workshopId: string, afterSeq: number): LoggedUpdate[] {
    const rows = this.stmts.updatesAfter.all(workshopId, afterSeq) as { seq: number; data: Buffer }[];
    return rows.map((row) => ({ seq: row.seq, data: new Uint8Array(row.data) }));
  }

  private readDoc(workshopId: string): LoadedDoc {
    const state = this.stmts.stateOf.get(workshopId) as { data: Buffer; lastSeq: number } | undefined;
    const stateSeq = state?.lastSeq ?? 0;
    const updates = this.updatesAfter(workshopId, stateSeq);
    return { state: state ? new Uint8Array(state.data) : null, stateSeq, updates, lastSeq: updates.at(-1)?.seq ?? stateSeq };
  }

  /** Appends in one transaction (joining the caller's, if any); returns each update's seq. */
  append(entries: readonly { workshopId: string; update: Uint8Array }[]): number[] {
    return this.appendAll(entries);
  }

  load(workshopId: string): LoadedDoc {
    return this.loadConsistent(workshopId);
  }

  since(workshopId: string, afterSeq: number): LoggedUpdate[] | null {
    return this.sinceConsistent(workshopId, afterSeq);
  }

  lastSeq(workshopId: string): number {
    return (this.stmts.lastSeq.get(workshopId) as { seq: number } | undefined)?.seq ?? 0;
  }

  /** See `DocLog.compact`: false when the stored state covers `uptoSeq` already. */
  compact(workshopId: string, state: Uint8Array, uptoSeq: number): boolean {
    // IMMEDIATE: it reads before it writes, so it takes the write lock first (a second
    // connection's commit in between would otherwise fail it with SQLITE_BUSY).
    return this.compactFenced.immediate(workshopId, state, uptoSeq);
  }

  updateCount(workshopId: string): number {
    return (this.stmts.count.get(workshopId) as { n: number }).n;
  }
}
