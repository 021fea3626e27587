import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../server/storage/migrations';
import { SqliteStorage } from '../../server/storage/sqlite/SqliteStorage';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A data directory as the version before the per-workshop seq left it (migrations 1–8). */
function oldDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pw-migrate-'));
  dirs.push(dir);
  const db = new Database(path.join(dir, 'persona-workshop.db'));
  for (const sql of MIGRATIONS.slice(0, 8)) db.exec(sql);
  db.pragma('user_version = 8');
  const workshop = db.prepare("INSERT INTO workshops (id, code, title, key_hash, created_at) VALUES (?, ?, 'T', x'00', 1)");
  workshop.run('w1', 'AAAA-AAAA');
  workshop.run('w2', 'BBBB-BBBB');
  const update = db.prepare('INSERT INTO doc_updates (id, workshop_id, data) VALUES (?, ?, ?)');
  // w1 was compacted up to log id 5; ids 6, 7 and 9 came after it, id 8 is w2's.
  db.prepare("INSERT INTO doc_states (workshop_id, data, last_update_id) VALUES ('w1', x'aa', 5)").run();
  update.run(6, 'w1', Buffer.from('six'));
  update.run(7, 'w1', Buffer.from('seven'));
  update.run(8, 'w2', Buffer.from('eight'));
  update.run(9, 'w1', Buffer.from('nine'));
  db.prepare('INSERT INTO sessions (workshop_id, state) VALUES (?, ?)').run('w1', JSON.stringify({ revision: 7, steps: [] }));
  db.prepare('INSERT INTO sessions (workshop_id, state) VALUES (?, ?)').run('w2', 'not json');
  db.close();
  return dir;
}

describe('SQLite migration to per-workshop seqs', () => {
  it('numbers the log left after a compaction from 1, above a state that covers seq 0', async () => {
    const storage = SqliteStorage.open(oldDataDir());
    try {
      const one = await storage.docs.load('w1');
      expect(one.stateSeq).toBe(0);
      expect(Buffer.from(one.state!).toString('hex')).toBe('aa');
      expect(one.updates.map((u) => [u.seq, Buffer.from(u.data).toString()])).toEqual([
        [1, 'six'],
        [2, 'seven'],
        [3, 'nine'],
      ]);
      expect(await storage.docs.lastSeq('w1')).toBe(3);
      expect(await storage.docs.append([{ workshopId: 'w1', update: Buffer.from('ten') }])).toEqual([4]);
      expect((await storage.docs.load('w2')).updates.map((u) => u.seq)).toEqual([1]);
      expect(await storage.docs.lastSeq('w2')).toBe(1);
      // A compaction after the migration works on the new numbers.
      expect(await storage.docs.compact('w1', Buffer.from('state'), 3)).toBe(true);
      expect((await storage.docs.load('w1')).updates.map((u) => u.seq)).toEqual([4]);
    } finally {
      await storage.close();
    }
  });

  it('takes each session’s revision from its state, and 0 from a state it cannot read', async () => {
    const storage = SqliteStorage.open(oldDataDir());
    try {
      expect((await storage.sessions.load('w1'))?.revision).toBe(7);
      expect(await storage.sessions.load('w2')).toEqual({ state: 'not json', revision: 0 });
      expect(await storage.sessions.compareAndSet('w1', 7, { state: '{}', revision: 8 })).toBe(true);
    } finally {
      await storage.close();
    }
  });
});
