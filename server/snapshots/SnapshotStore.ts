import type Database from 'better-sqlite3';

export interface SnapshotSummary {
  id: string;
  name: string;
  /** ms since the epoch */
  createdAt: number;
}

/** Named copies of a workshop's encoded Yjs state, frozen when taken. */
export class SnapshotStore {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      insert: db.prepare('INSERT INTO snapshots (id, workshop_id, name, created_at, state) VALUES (?, ?, ?, ?, ?)'),
      list: db.prepare('SELECT id, name, created_at AS createdAt FROM snapshots WHERE workshop_id = ? ORDER BY created_at, id'),
      count: db.prepare('SELECT count(*) AS n FROM snapshots WHERE workshop_id = ?'),
      get: db.prepare('SELECT id, name, created_at AS createdAt, state FROM snapshots WHERE workshop_id = ? AND id = ?'),
      delete: db.prepare('DELETE FROM snapshots WHERE workshop_id = ? AND id = ?'),
    };
  }

  add(workshopId: string, snapshot: SnapshotSummary, state: Uint8Array): void {
    this.stmts.insert.run(snapshot.id, workshopId, snapshot.name, snapshot.createdAt, state);
  }

  list(workshopId: string): SnapshotSummary[] {
    return this.stmts.list.all(workshopId) as SnapshotSummary[];
  }

  count(workshopId: string): number {
    return (this.stmts.count.get(workshopId) as { n: number }).n;
  }

  /** One snapshot with its state, or null when the workshop has no such snapshot. */
  get(workshopId: string, id: string): (SnapshotSummary & { state: Uint8Array }) | null {
    const row = this.stmts.get.get(workshopId, id) as (SnapshotSummary & { state: Buffer }) | undefined;
    return row ? { id: row.id, name: row.name, createdAt: row.createdAt, state: new Uint8Array(row.state) } : null;
  }

  /** False when the workshop has no such snapshot. */
  delete(workshopId: string, id: string): boolean {
    return this.stmts.delete.run(workshopId, id).changes > 0;
  }

  state(workshopId: string, id: string): Uint8Array | null {
    return this.get(workshopId, id)?.state ?? null;
  }
}
