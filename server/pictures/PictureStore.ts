import type Database from 'better-sqlite3';

export interface StoredPicture {
  bytes: Buffer;
  contentType: string;
}

/** Persona pictures, kept in SQLite next to the board: a workshop's backup holds its pictures. */
export class PictureStore {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      insert: db.prepare('INSERT INTO pictures (id, workshop_id, bytes, content_type, created_at) VALUES (?, ?, ?, ?, ?)'),
      count: db.prepare('SELECT count(*) AS n FROM pictures WHERE workshop_id = ?'),
      get: db.prepare('SELECT bytes, content_type AS contentType FROM pictures WHERE workshop_id = ? AND id = ?'),
      copyOne: db.prepare(
        `INSERT OR IGNORE INTO pictures (id, workshop_id, bytes, content_type, created_at)
         SELECT id, ?, bytes, content_type, ? FROM pictures WHERE workshop_id = ? AND id = ?`,
      ),
      bytesOf: db.prepare('SELECT coalesce(length(bytes), 0) AS n FROM pictures WHERE workshop_id = ? AND id = ?'),
    };
  }

  add(workshopId: string, id: string, picture: StoredPicture, now = Date.now()): void {
    this.stmts.insert.run(id, workshopId, picture.bytes, picture.contentType, now);
  }

  count(workshopId: string): number {
    return (this.stmts.count.get(workshopId) as { n: number }).n;
  }

  get(workshopId: string, id: string): StoredPicture | null {
    return (this.stmts.get.get(workshopId, id) as StoredPicture | undefined) ?? null;
  }

  /** Gives a copied workshop these pictures under the same ids, so its personas keep them. */
  copy(fromWorkshopId: string, toWorkshopId: string, ids: readonly string[], now = Date.now()): void {
    for (const id of ids) this.stmts.copyOne.run(toWorkshopId, now, fromWorkshopId, id);
  }

  /** The stored size of these pictures together (unknown ids count nothing). */
  bytesOf(workshopId: string, ids: readonly string[]): number {
    return ids.reduce((sum, id) => sum + ((this.stmts.bytesOf.get(workshopId, id) as { n: number } | undefined)?.n ?? 0), 0);
  }
}
