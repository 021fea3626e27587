import { PostgresStorage } from '../../server/storage/postgres/PostgresStorage';
import { sharedPostgres } from '../helpers/postgres';
import { storageContract } from './storage.contract';

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
