import { afterAll } from 'vitest';
import { PostgresStorage } from '../../server/storage/postgres/PostgresStorage';
import { closeSharedPostgres, sharedPostgres } from '../helpers/postgres';
import { storageContract } from './storage.contract';

// Here, not at exit: Vitest SIGKILLs a worker 500 ms after SIGTERM (see closeSharedPostgres).
afterAll(closeSharedPostgres);

storageContract({
  name: 'PostgreSQL',
  async open() {
    const url = await (await sharedPostgres()).createDatabase();
    // Two pools on one database: two server instances.
    const [a, b] = await Promise.all([PostgresStorage.open(url, { max: 4 }), PostgresStorage.open(url, { max: 4 })]);
    return {
      a,
      b,
      async close() {
        await Promise.all([a.close(), b.close()]);
      },
    };
  },
});
