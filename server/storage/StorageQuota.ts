import { statfsSync } from 'node:fs';
import type { ApiErrorKey } from '../i18n/apiErrors';
import type { ServerLimits } from '../limits';
import type { StorageUsage } from './ports';

/** Why something may not be stored: a sentence of the catalogs' `errors`, told in the asker's language. */
export interface QuotaRefusal {
  key: Extract<ApiErrorKey, 'diskFull' | 'serverStorageFull' | 'workshopTooBig' | 'workshopStorageFull'>;
  values: { limit?: string };
}

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
 * the rooms in use keep working while new things are refused. The free-disk floor applies to
 * SQLite only (`dataDir` is where its file grows); PostgreSQL's disk is the database server's,
 * which this process cannot see: its total is `pg_database_size`, bounded by the total limit.
 */
export class StorageQuota {
  constructor(
    private readonly usage: StorageUsage,
    /** The SQLite file's directory; null with PostgreSQL (no free-disk floor). */
    private readonly dataDir: string | null,
    private readonly limits: QuotaLimits,
    private readonly freeDisk: FreeDiskBytes = freeDiskBytes,
  ) {}

  /**
   * Why `bytes` more may not be stored (for `workshopId`, or for a new workshop when null), for
   * the person asking; null when they may.
   */
  async refusal(bytes: number, workshopId: string | null): Promise<QuotaRefusal | null> {
    if (this.dataDir !== null && this.freeDisk(this.dataDir) - bytes < this.limits.minFreeDiskBytes) {
      return { key: 'diskFull', values: {} };
    }
    if ((await this.usage.totalBytes()) + bytes > this.limits.totalStorageBytes) {
      return { key: 'serverStorageFull', values: { limit: formatBytes(this.limits.totalStorageBytes) } };
    }
    const workshopLimit = { limit: formatBytes(this.limits.workshopStorageBytes) };
    if (workshopId === null) return bytes > this.limits.workshopStorageBytes ? { key: 'workshopTooBig', values: workshopLimit } : null;
    if ((await this.usage.workshopBytes(workshopId)) + bytes > this.limits.workshopStorageBytes) {
      return { key: 'workshopStorageFull', values: workshopLimit };
    }
    return null;
  }
}
