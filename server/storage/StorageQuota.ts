import type Database from 'better-sqlite3';
import { statfsSync } from 'node:fs';
import type { ServerLimits } from '../limits';

type QuotaLimits = Pick<ServerLimits, 'workshopStorageBytes' | 'totalStorageBytes' | 'minFreeDiskBytes'>;

/** Free bytes on the disk that holds `dir` (what an unprivileged process may still write). */
export type FreeDiskBytes = (dir: string) => number;

const freeDiskBytes: FreeDiskBytes = (dir) => {
  const stats = statfsSync(dir);
  return stats.bavail * stats.bsize;
};

/** `64 MB`, `400 KB`: a size for a person. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${Math.round((bytes / (1024 * 1024 * 1024)) * 10) / 10} GB`;
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * How much the database may hold, per workshop and in total, and the free disk it must leave.
 * Asked before anything new is stored (a workshop, an import, a copy, a snapshot, a picture);
 * the live boards are not asked (their own 8 MiB cap bounds them), so when storage runs short
 * the rooms in use keep working while new things are refused.
 */
export class StorageQuota {
  private readonly stmts;

  constructor(
    private readonly db: Database.Database,
    private readonly dataDir: string,
    private readonly limits: QuotaLimits,
    private readonly freeDisk: FreeDiskBytes = freeDiskBytes,
  ) {
    this.stmts = {
      // length() of a BLOB reads the row's header, not the blob: cheap even for 8 MiB snapshots.
      workshopBytes: db.prepare(
        `SELECT (SELECT coalesce(sum(length(data)), 0) FROM doc_states WHERE workshop_id = @id)
              + (SELECT coalesce(sum(length(data)), 0) FROM doc_updates WHERE workshop_id = @id)
              + (SELECT coalesce(sum(length(state)), 0) FROM snapshots WHERE workshop_id = @id)
              + (SELECT coalesce(sum(length(bytes)), 0) FROM pictures WHERE workshop_id = @id) AS bytes`,
      ),
    };
  }

  /** What one workshop keeps: its document (state and update log), snapshots and pictures. */
  workshopBytes(workshopId: string): number {
    return (this.stmts.workshopBytes.get({ id: workshopId }) as { bytes: number }).bytes;
  }

  /** The database's used pages (free pages not counted): what every workshop holds together. */
  totalBytes(): number {
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    return (pages - free) * pageSize;
  }

  /**
   * Why `bytes` more may not be stored (for `workshopId`, or for a new workshop when null), as a
   * sentence for the person asking; null when they may.
   */
  refusal(bytes: number, workshopId: string | null): string | null {
    if (this.freeDisk(this.dataDir) - bytes < this.limits.minFreeDiskBytes) {
      return 'The server is running out of disk space, so it stores nothing new for now. Workshops in progress keep working.';
    }
    if (this.totalBytes() + bytes > this.limits.totalStorageBytes) {
      return `The server holds its limit of ${formatBytes(this.limits.totalStorageBytes)}, so it stores nothing new for now. Workshops in progress keep working.`;
    }
    if (workshopId === null) {
      if (bytes > this.limits.workshopStorageBytes)
        return `That is more than the ${formatBytes(this.limits.workshopStorageBytes)} a workshop may keep.`;
      return null;
    }
    if (this.workshopBytes(workshopId) + bytes > this.limits.workshopStorageBytes) {
      return `This workshop keeps its limit of ${formatBytes(this.limits.workshopStorageBytes)} (board, snapshots and pictures). Delete snapshots to make room.`;
    }
    return null;
  }
}
