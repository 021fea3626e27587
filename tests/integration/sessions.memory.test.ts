import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initialSessionState } from '../../lib/session/state';
import { Sessions } from '../../server/control/Sessions';
import { createLogger } from '../../server/log';
import { SqliteStorage } from '../../server/storage/sqlite/SqliteStorage';
import { Workshops } from '../../server/Workshops';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('Sessions in memory', () => {
  it('keeps only the most recently used workshops resident and reads an evicted one back from SQLite', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pw-sessions-'));
    dirs.push(dir);
    const storage = SqliteStorage.open(dir);
    const workshops = new Workshops(storage);
    const ids: string[] = [];
    for (const title of ['A', 'B', 'C']) ids.push((await workshops.create(title)).workshop.id);
    const sessions = new Sessions(storage.sessions, createLogger('silent'), undefined, 2);
    const changed = await sessions.update(ids[0]!, (state) => ({ ok: true, value: { ...state, isBoardLocked: true, revision: 7 } }));
    expect(changed.ok).toBe(true);
    await sessions.get(ids[1]!);
    await sessions.get(ids[2]!); // evicts the first, least recently used
    expect(sessions.residentCount).toBe(2);
    expect(await sessions.get(ids[0]!)).toEqual({ ...initialSessionState(), isBoardLocked: true, revision: 7 }); // read back, not the default
    expect(sessions.residentCount).toBe(2);
    await storage.close();
  });

  it('a write decided on a stale copy (another instance wrote meanwhile) reloads and decides again', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pw-sessions-'));
    dirs.push(dir);
    const storage = SqliteStorage.open(dir);
    const { workshop } = await new Workshops(storage).create('Two writers');
    const log = createLogger('silent');
    const here = new Sessions(storage.sessions, log);
    const there = new Sessions(storage.sessions, log);
    await here.get(workshop.id);
    await there.get(workshop.id);
    // Each instance holds a copy at the same revision; both lock a different thing.
    const first = await there.update(workshop.id, (state) => ({
      ok: true,
      value: { ...state, isBoardLocked: true, revision: state.revision + 1 },
    }));
    const decidedOn: boolean[] = [];
    const second = await here.update(workshop.id, (state) => {
      decidedOn.push(state.isBoardLocked);
      return { ok: true, value: { ...state, isLobbyLocked: true, revision: state.revision + 1 } };
    });
    expect(first.ok && second.ok).toBe(true);
    expect(decidedOn).toEqual([false, true]); // the stale copy lost the compare-and-set, then the fresh one won
    const stored = await new Sessions(storage.sessions, log).get(workshop.id);
    expect(stored).toMatchObject({ isBoardLocked: true, isLobbyLocked: true });
    expect(stored.revision).toBeGreaterThan(first.ok ? first.value.revision : 0);
    await storage.close();
  });

  it("a live board's session told of another instance's change is never missing to the door, and is reread", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pw-sessions-'));
    dirs.push(dir);
    const storage = SqliteStorage.open(dir);
    const { workshop } = await new Workshops(storage).create('Live board');
    const log = createLogger('silent');
    const here = new Sessions(storage.sessions, log, undefined, undefined, () => true); // its board is live here
    const there = new Sessions(storage.sessions, log);
    await here.get(workshop.id);
    await there.update(workshop.id, (state) => ({ ok: true, value: { ...state, isBoardLocked: true, revision: state.revision + 1 } }));
    here.forget(workshop.id); // the notice of that change
    // Until the stored state is in, the door reads the copy it had (undefined would refuse every note as locked).
    expect(here.peek(workshop.id)).toMatchObject({ isBoardLocked: false });
    // Commands and screens wait for the stored one, and the door gets it without anyone asking.
    expect(await here.get(workshop.id)).toMatchObject({ isBoardLocked: true });
    expect(here.peek(workshop.id)).toMatchObject({ isBoardLocked: true });
    // All at once (after a Redis outage): the same.
    await there.update(workshop.id, (state) => ({ ok: true, value: { ...state, isBoardLocked: false, revision: state.revision + 1 } }));
    here.forget();
    expect(here.peek(workshop.id)).toMatchObject({ isBoardLocked: true });
    await vi.waitFor(() => expect(here.peek(workshop.id)).toMatchObject({ isBoardLocked: false }));
    // A workshop whose board is not live here is simply dropped and read again when needed.
    const idle = new Sessions(storage.sessions, log);
    await idle.get(workshop.id);
    idle.forget(workshop.id);
    expect(idle.peek(workshop.id)).toBeUndefined();
    await storage.close();
  });
});
