import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { copySqliteToPostgres } from '../server/storage/copy/copySqliteToPostgres';
import { PostgresStorage } from '../server/storage/postgres/PostgresStorage';
import { Store } from '../server/storage/Store';

/**
 * `npm run migrate:sqlite-to-postgres -- --from ./data --to postgres://…`: copies every workshop
 * of a stopped single-instance server's SQLite store into PostgreSQL and verifies the copy row
 * for row. Prints one JSON report; exits 0 when every workshop is in PostgreSQL as in SQLite,
 * 1 when some differ (listed; nothing of theirs written), 2 on bad arguments.
 */

const USAGE = 'usage: npm run migrate:sqlite-to-postgres -- --from <DATA_DIR> --to postgres://user@host:port/database';

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let values: { from?: string; to?: string };
  try {
    ({ values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } }, strict: true }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
  if (!values.from || !values.to) fail(USAGE, 2);
  if (!/^postgres(ql)?:\/\//.test(values.to)) fail(`--to must be a postgres:// URL\n${USAGE}`, 2);
  const file = path.join(values.from, 'persona-workshop.db');
  if (!existsSync(file)) fail(`There is no ${file}: --from names the server's DATA_DIR.`, 2);

  // Opening the store brings an older file to the current schema, as the server does at start.
  const store = new Store(values.from);
  const target = await PostgresStorage.open(values.to, { max: 2 });
  try {
    const report = await copySqliteToPostgres(store.connection(), target.pool);
    process.stdout.write(`${JSON.stringify(report)}\n`);
    process.exitCode = report.mismatches.length === 0 ? 0 : 1;
  } finally {
    await target.close();
    store.close();
  }
}

main().catch((error: unknown) => fail(`migration failed: ${(error as Error).message}`, 1));
