import type pg from 'pg';
import type { PictureStorePort, SnapshotStorePort, SnapshotSummary, StorageUsage, StoredPicture } from '../ports';
import { bytes } from './pgClient';

/** Persona pictures, kept next to the board (a workshop's backup holds its pictures). */
export function pgPictures(pool: pg.Pool): PictureStorePort {
  return {
    add: async (workshopId, id, picture, now) => {
      await pool.query('INSERT INTO pictures (id, workshop_id, bytes, content_type, created_at) VALUES ($1, $2, $3, $4, $5)', [
        id,
        workshopId,
        picture.bytes,
        picture.contentType,
        now,
      ]);
    },
    get: async (workshopId, id) =>
      (
        await pool.query<StoredPicture>('SELECT bytes, content_type AS "contentType" FROM pictures WHERE workshop_id = $1 AND id = $2', [
          workshopId,
          id,
        ])
      ).rows[0] ?? null,
    count: async (workshopId) =>
      (await pool.query<{ n: number }>('SELECT count(*) AS n FROM pictures WHERE workshop_id = $1', [workshopId])).rows[0]!.n,
    copy: async (fromWorkshopId, toWorkshopId, ids, now) => {
      await pool.query(
        `INSERT INTO pictures (id, workshop_id, bytes, content_type, created_at)
         SELECT id, $2, bytes, content_type, $3 FROM pictures WHERE workshop_id = $1 AND id = ANY($4::text[])
         ON CONFLICT DO NOTHING`,
        [fromWorkshopId, toWorkshopId, now, [...ids]],
      );
    },
    bytesOf: async (workshopId, ids) =>
      (
        await pool.query<{ n: number }>(
          'SELECT coalesce(sum(octet_length(bytes)), 0)::bigint AS n FROM pictures WHERE workshop_id = $1 AND id = ANY($2::text[])',
          [workshopId, [...ids]],
        )
      ).rows[0]!.n,
  };
}

/** Named copies of a workshop's encoded Yjs state, frozen when taken. */
export function pgSnapshots(pool: pg.Pool): SnapshotStorePort {
  return {
    add: async (workshopId, snapshot, state) => {
      await pool.query('INSERT INTO snapshots (id, workshop_id, name, created_at, state) VALUES ($1, $2, $3, $4, $5)', [
        snapshot.id,
        workshopId,
        snapshot.name,
        snapshot.createdAt,
        state,
      ]);
    },
    list: async (workshopId) =>
      (
        await pool.query<SnapshotSummary>(
          'SELECT id, name, created_at AS "createdAt" FROM snapshots WHERE workshop_id = $1 ORDER BY created_at, id',
          [workshopId],
        )
      ).rows,
    count: async (workshopId) =>
      (await pool.query<{ n: number }>('SELECT count(*) AS n FROM snapshots WHERE workshop_id = $1', [workshopId])).rows[0]!.n,
    get: async (workshopId, id) => {
      const { rows } = await pool.query<SnapshotSummary & { state: Buffer }>(
        'SELECT id, name, created_at AS "createdAt", state FROM snapshots WHERE workshop_id = $1 AND id = $2',
        [workshopId, id],
      );
      const row = rows[0];
      return row ? { id: row.id, name: row.name, createdAt: row.createdAt, state: bytes(row.state) } : null;
    },
    delete: async (workshopId, id) =>
      (await pool.query('DELETE FROM snapshots WHERE workshop_id = $1 AND id = $2', [workshopId, id])).rowCount !== 0,
  };
}

export function pgUsage(pool: pg.Pool): StorageUsage {
  return {
    // octet_length: the value's size as stored for us (TOAST may compress it on disk).
    workshopBytes: async (workshopId) =>
      (
        await pool.query<{ n: number }>(
          `SELECT ((SELECT coalesce(sum(octet_length(data)), 0) FROM doc_states WHERE workshop_id = $1)
                 + (SELECT coalesce(sum(octet_length(data)), 0) FROM doc_updates WHERE workshop_id = $1)
                 + (SELECT coalesce(sum(octet_length(state)), 0) FROM snapshots WHERE workshop_id = $1)
                 + (SELECT coalesce(sum(octet_length(bytes)), 0) FROM pictures WHERE workshop_id = $1))::bigint AS n`,
          [workshopId],
        )
      ).rows[0]!.n,
    totalBytes: async () => (await pool.query<{ n: number }>('SELECT pg_database_size(current_database()) AS n')).rows[0]!.n,
  };
}
