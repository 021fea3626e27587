import { afterAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../server/storage/postgres/pgClient';
import { PostgresStorage } from '../../server/storage/postgres/PostgresStorage';
import { closeSharedPostgres, sharedPostgres } from '../helpers/postgres';
import { newWorkshop } from './fixtures';

// Here, not at exit: Vitest SIGKILLs a worker 500 ms after SIGTERM (see closeSharedPostgres).
afterAll(closeSharedPostgres);

/**
 * An instance paused (SIGSTOP) in the middle of an append holds the workshop's row lock. The
 * other instances must not wait for it to wake: PostgreSQL ends its session after the
 * idle-in-transaction timeout, rolls it back, and the paused instance's write fails when it
 * resumes.
 */
describe('PostgreSQL store with an instance paused inside a transaction', () => {
  const opened: PostgresStorage[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((storage) => storage.close()));
  });

  it('lets the others append after the timeout, gapless, and refuses the paused write', async () => {
    const url = await (await sharedPostgres()).createDatabase();
    const options = { max: 2, idleInTransactionTimeoutMs: 1_000 };
    const [paused, live] = await Promise.all([PostgresStorage.open(url, options), PostgresStorage.open(url, options)]);
    opened.push(paused, live);
    const { workshop } = await newWorkshop(live);

    // What `append` does, frozen between raising the seq and inserting the row.
    const frozen = await paused.pool.connect();
    frozen.on('error', () => undefined); // the server ends this session while it is idle
    await frozen.query('BEGIN');
    await frozen.query('UPDATE workshops SET doc_seq = doc_seq + 1 WHERE id = $1', [workshop.id]);

    // Without the timeout this waits until the test times out: the frozen session never commits.
    expect(await live.docs.append([{ workshopId: workshop.id, update: Buffer.from('live') }])).toEqual([2]);

    await expect(frozen.query("INSERT INTO doc_updates (workshop_id, seq, data) VALUES ($1, 2, 'x')", [workshop.id])).rejects.toThrow();
    frozen.release(true);
    const log = (await live.docs.since(workshop.id, 0))!;
    expect(log.map((u) => u.seq)).toEqual([1, 2]);
    expect(Buffer.from(log[1]!.data).toString()).toBe('live');
    // Our own transaction helper, paused past the timeout: its next statement fails and the
    // transaction rejects, without the ended session crashing the process.
    const pausedWork = inTransaction(paused.pool, async (client) => {
      await client.query('UPDATE workshops SET doc_seq = doc_seq + 1 WHERE id = $1', [workshop.id]);
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      await client.query("INSERT INTO doc_updates (workshop_id, seq, data) VALUES ($1, 3, 'stale')", [workshop.id]);
    });
    await expect(pausedWork).rejects.toThrow();
    expect(await live.docs.lastSeq(workshop.id)).toBe(2);
    // The paused instance's pool serves again once it is awake.
    expect(await paused.docs.append([{ workshopId: workshop.id, update: Buffer.from('awake') }])).toEqual([3]);
  });
});
