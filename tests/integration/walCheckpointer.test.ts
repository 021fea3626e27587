import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log';
import { SqliteStorage } from '../../server/storage/sqlite/SqliteStorage';
import { Store } from '../../server/storage/Store';
import { Workshops } from '../../server/Workshops';
import { WalCheckpointer } from '../../server/yjs/WalCheckpointer';

/**
 * SQLite's WAL checkpoints (an fsync each) run on a worker thread, not inside the commits of the
 * event loop. The database file itself only changes at a checkpoint, so it growing while the main
 * connection's own threshold is far away shows the worker doing them, when told or on its timer.
 */

let dir: string;
let store: Store;
let workshopId: string;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pw-wal-'));
  store = new Store(dir);
  workshopId = (await new Workshops(new SqliteStorage(store)).create('WAL')).workshop.id;
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const dbFile = () => path.join(dir, 'persona-workshop.db');

function appendMany(count: number, checkpointer?: WalCheckpointer): void {
  for (let i = 0; i < count; i++) {
    store.appendUpdates([{ workshopId, update: new Uint8Array(2_000).fill(i % 256) }]);
    checkpointer?.noteCommit();
  }
}

describe('WalCheckpointer', () => {
  it('checkpoints from its worker every so many commits, while the main connection only keeps a safety net', async () => {
    const checkpointer = new WalCheckpointer(store.connection(), createLogger('silent'), { commitsPerCheckpoint: 100, intervalMs: 60_000 });
    expect(store.connection().pragma('wal_autocheckpoint', { simple: true })).toBeGreaterThan(10_000);
    const before = statSync(dbFile()).size;
    appendMany(99, checkpointer); // about 200 kB: far under both SQLite's default threshold and the safety net
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(statSync(dbFile()).size).toBe(before);
    appendMany(1, checkpointer);
    await expect.poll(() => statSync(dbFile()).size, { timeout: 5_000 }).toBeGreaterThan(before + 150_000);
    await checkpointer.close();
    expect(store.connection().pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
  });

  it('also checkpoints on its timer, for writes nobody counted', async () => {
    const checkpointer = new WalCheckpointer(store.connection(), createLogger('silent'), { commitsPerCheckpoint: 1e9, intervalMs: 50 });
    const before = statSync(dbFile()).size;
    appendMany(100);
    await expect.poll(() => statSync(dbFile()).size, { timeout: 5_000 }).toBeGreaterThan(before + 150_000);
    await checkpointer.close();
  });

  it('loses nothing: every update is read back after the worker stopped', async () => {
    const checkpointer = new WalCheckpointer(store.connection(), createLogger('silent'), { commitsPerCheckpoint: 7, intervalMs: 20 });
    const before = store.loadDoc(workshopId).updates.length;
    appendMany(200, checkpointer);
    await new Promise((resolve) => setTimeout(resolve, 100));
    appendMany(50, checkpointer);
    await checkpointer.close();
    await checkpointer.close(); // closing twice is harmless
    store.close();
    store = new Store(dir);
    expect(store.loadDoc(workshopId).updates.length).toBe(before + 250);
  });
});
