import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SqliteStorage } from '../../server/storage/sqlite/SqliteStorage';
import { storageContract } from './storage.contract';

storageContract({
  name: 'SQLite',
  async open() {
    const dir = mkdtempSync(path.join(tmpdir(), 'pw-store-'));
    // Two connections on one file, as two processes would have.
    const a = SqliteStorage.open(dir);
    const b = SqliteStorage.open(dir);
    return {
      a,
      b,
      async close() {
        await a.close();
        await b.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
});
