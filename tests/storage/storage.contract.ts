import { afterAll, beforeAll, describe } from 'vitest';
import type { Storage } from '../../server/storage/ports';
import { controlContract } from './control.contract';
import { docLogContract } from './docs.contract';
import type { StorageEngine } from './fixtures';
import { filesContract } from './files.contract';
import { peopleContract } from './people.contract';
import { volumeContract } from './volume.contract';

/**
 * The storage contract: the same cases against every engine, each with two "instances" (two
 * connections or pools on one database), so the rules several writers rely on are exercised
 * with real concurrency where the engine has it (PostgreSQL; SQLite's calls are synchronous).
 */
export function storageContract(engine: StorageEngine): void {
  describe(`storage contract: ${engine.name}`, () => {
    let opened: Awaited<ReturnType<StorageEngine['open']>> | null = null;
    const instances = (): { a: Storage; b: Storage } => {
      if (!opened) throw new Error('storage not open');
      return opened;
    };
    beforeAll(async () => {
      opened = await engine.open();
    });
    afterAll(async () => {
      await opened?.close();
    });
    describe('document log', () => docLogContract(instances));
    describe('workshops, participants, client ids', () => peopleContract(instances));
    describe('sessions, votes, drafts', () => controlContract(instances));
    describe('pictures, snapshots, usage', () => filesContract(instances));
    describe('at a room’s volume', () => volumeContract(instances));
  });
}
