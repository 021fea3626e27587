import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from '../../lib/board';
import { SqliteStorage } from '../../server/storage/sqlite/SqliteStorage';
import { Workshops } from '../../server/Workshops';
import { UpdateLog } from '../../server/yjs/UpdateLog';

let dir: string;
let storage: SqliteStorage;
let workshopId: string;
/** Read synchronously, inside the callbacks: what is in the log at that very moment. */
const count = (id: string) => storage.store.docs.updateCount(id);
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pw-log-'));
  storage = SqliteStorage.open(dir);
  workshopId = (await new Workshops(storage).create('Log')).workshop.id;
});
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

function someUpdate(): Uint8Array {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'x' });
  return Y.encodeStateAsUpdate(doc);
}

describe('group commit of Yjs updates', () => {
  it('commits a turn’s updates in one transaction before anyone is told, in order', async () => {
    const log = new UpdateLog(storage.docs);
    const events: string[] = [];
    const before = count(workshopId);
    log.append(
      workshopId,
      someUpdate(),
      (id) => events.push(`a:${count(workshopId) - before}:${id > 0}`),
      () => events.push('fail'),
    );
    log.append(
      workshopId,
      someUpdate(),
      () => events.push(`b:${count(workshopId) - before}`),
      () => events.push('fail'),
    );
    log.afterCommit(() => events.push('reply'));
    // Nothing is stored or announced within the turn that applied the updates.
    expect(count(workshopId)).toBe(before);
    expect(events).toEqual([]);
    await vi.waitFor(async () => expect(events).toEqual(['a:2:true', 'b:2', 'reply']));
  });

  it('runs a reply at once when nothing is pending', () => {
    const log = new UpdateLog(storage.docs);
    const run = vi.fn();
    log.afterCommit(run);
    expect(run).toHaveBeenCalledOnce();
  });

  it('reports a failed commit to every update of the batch and sends nothing', async () => {
    const log = new UpdateLog(storage.docs);
    const committed = vi.fn();
    const failed = vi.fn();
    const reply = vi.fn();
    log.append(workshopId, someUpdate(), committed, failed);
    log.append('no-such-workshop', someUpdate(), committed, failed); // foreign key: the transaction fails
    log.afterCommit(reply);
    await log.flush();
    expect(failed).toHaveBeenCalledTimes(2);
    expect(committed).not.toHaveBeenCalled();
    expect(reply).not.toHaveBeenCalled();
  });
});
