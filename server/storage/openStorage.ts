import type { Logger } from '../log';
import type { Storage } from './ports';
import { PostgresStorage } from './postgres/PostgresStorage';
import { SqliteStorage } from './sqlite/SqliteStorage';

export interface StorageConfig {
  /** `DATA_DIR`: the SQLite file's directory (and, with PostgreSQL, nothing). */
  dataDir: string;
  /** `DATABASE_URL` (`postgres://…`): PostgreSQL instead of SQLite. */
  databaseUrl?: string | null;
}

/** A start-up failure an operator can act on, without a stack trace. */
export class StorageUnavailableError extends Error {}

/** The configured engine, connected and migrated. */
export async function openStorage(config: StorageConfig, log: Logger): Promise<Storage> {
  if (!config.databaseUrl) return SqliteStorage.open(config.dataDir);
  try {
    return await PostgresStorage.open(config.databaseUrl, {
      onIdleError: (error) => log.warn({ err: error.message }, 'an idle PostgreSQL connection failed; the pool replaces it'),
    });
  } catch (error) {
    throw new StorageUnavailableError(
      `Cannot use PostgreSQL at DATABASE_URL (${redactUrl(config.databaseUrl)}): ${(error as Error).message}`,
    );
  }
}

/** The URL without its password, for a log line. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparsable URL';
  }
}
