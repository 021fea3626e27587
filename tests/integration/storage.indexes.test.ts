import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../server/storage/Store';

describe('SQLite indexes', () => {
  it('an export finds a workshop’s votes through an index, not a scan of every workshop’s', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pw-indexes-'));
    const store = new Store(dir);
    try {
      const plan = store
        .connection()
        .prepare('EXPLAIN QUERY PLAN SELECT note_id, sum(dots) FROM votes WHERE workshop_id = ? AND round_id IS NOT ? GROUP BY note_id')
        .all('w', 'r') as { detail: string }[];
      expect(plan.map((row) => row.detail).join('\n')).toMatch(/USING INDEX votes_by_workshop/);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
