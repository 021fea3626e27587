import Database from 'better-sqlite3';
import path from 'node:path';

/** `PRAGMA integrity_check` on the server's database (read-only, server stopped or running). */
export function integrityCheck(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'persona-workshop.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check).join('; ');
  } finally {
    db.close();
  }
}
