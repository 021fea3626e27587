import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStorage } from '../../server/storage/postgres/PostgresStorage';
import { PostgresServer } from '../helpers/postgres';
import { newWorkshop } from './fixtures';

/** The store across a restart and a crash of PostgreSQL: failed calls reject, nothing committed is lost, the pool recovers. */
describe('PostgreSQL store across restarts of PostgreSQL', () => {
  let server: PostgresServer;
  let storage: PostgresStorage;
  const idleErrors: Error[] = [];

  beforeAll(async () => {
    server = await PostgresServer.start();
    storage = await PostgresStorage.open(await server.createDatabase(), { max: 3, onIdleError: (error) => idleErrors.push(error) });
  }, 60_000);
  afterAll(async () => {
    await storage?.close();
    await server?.close();
  });

  for (const how of ['stop', 'kill'] as const) {
    it(`rejects calls while PostgreSQL is down (${how}) and keeps every committed update once it is back`, async () => {
      const { workshop } = await newWorkshop(storage);
      // Fill the pool with idle connections that the restart will cut.
      await Promise.all(
        Array.from({ length: 6 }, (_, i) => storage.docs.append([{ workshopId: workshop.id, update: Buffer.from(`before ${i}`) }])),
      );
      await server[how]();
      await expect(storage.docs.append([{ workshopId: workshop.id, update: Buffer.from('while down') }])).rejects.toThrow();
      await server.restart();
      const seqs = await storage.docs.append([{ workshopId: workshop.id, update: Buffer.from('after') }]);
      expect(seqs).toEqual([8]);
      const log = (await storage.docs.since(workshop.id, 1))!;
      expect(log.map((u) => u.seq)).toEqual([2, 3, 4, 5, 6, 7, 8]);
      expect(Buffer.from(log.at(-1)!.data).toString()).toBe('after');
    });
  }

  it('told the owner about the idle connections the restarts cut, instead of crashing', () => {
    expect(idleErrors.length).toBeGreaterThan(0);
  });
});
