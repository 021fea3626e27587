import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initialSessionState } from '../../lib/session/state';
import { Sessions } from '../../server/control/Sessions';
import { createLogger } from '../../server/log';
import { Store } from '../../server/storage/Store';
import { Workshops } from '../../server/Workshops';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('Sessions in memory', () => {
  it('keeps only the most recently used workshops resident and reads an evicted one back from SQLite', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pw-sessions-'));
    dirs.push(dir);
    const store = new Store(dir);
    const workshops = new Workshops(store);
    const ids = ['A', 'B', 'C'].map((title) => workshops.create(title).workshop.id);
    const sessions = new Sessions(store, createLogger('silent'), undefined, 2);
    const changed = { ...initialSessionState(), isBoardLocked: true, revision: 7 };
    sessions.set(ids[0]!, changed);
    sessions.get(ids[1]!);
    sessions.get(ids[2]!); // evicts the first, least recently used
    expect(sessions.residentCount).toBe(2);
    expect(sessions.get(ids[0]!)).toEqual(changed); // read back from SQLite, not the default
    expect(sessions.residentCount).toBe(2);
    store.close();
  });
});
