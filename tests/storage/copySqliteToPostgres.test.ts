import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '../../lib/ids';
import { copySqliteToPostgres } from '../../server/storage/copy/copySqliteToPostgres';
import { PostgresStorage } from '../../server/storage/postgres/PostgresStorage';
import type { Storage } from '../../server/storage/ports';
import { SqliteStorage } from '../../server/storage/sqlite/SqliteStorage';
import { closeSharedPostgres, sharedPostgres } from '../helpers/postgres';
import { edit, newParticipant, newWorkshop } from './fixtures';

// Here, not at exit: Vitest SIGKILLs a worker 500 ms after SIGTERM (see closeSharedPostgres).
afterAll(closeSharedPostgres);

const ROOT = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pw-copy-'));
  dirs.push(dir);
  return dir;
}

/** A workshop with something in every table: a compacted doc, people, drafts, votes, files. */
async function fillWorkshop(store: Storage): Promise<{ workshopId: string; tokenHash: Buffer; revokedHash: Buffer }> {
  const doc = new Y.Doc();
  const { workshop } = await newWorkshop(store, doc);
  for (let i = 0; i < 30; i++) await store.docs.append([{ workshopId: workshop.id, update: edit(doc, `k${i}`, `v${i}`) }]);
  await store.docs.compact(workshop.id, Y.encodeStateAsUpdate(doc), 20);
  await store.workshops.rotateCode(workshop.id, workshop.code, `ROT-${newId().slice(0, 8)}`, 5);
  const alice = await newParticipant(store, workshop.id);
  const bob = await newParticipant(store, workshop.id);
  await store.participants.remove(bob.participant.id, 9);
  await store.clientIds.bind(workshop.id, [7, 2 ** 32 - 1], alice.participant.id, 3);
  await store.sessions.compareAndSet(workshop.id, null, { state: JSON.stringify({ revision: 4, ünïcode: '🙂' }), revision: 4 });
  const draft = { workshopId: workshop.id, stepId: 's', personaId: 'p', quadrant: 'says', color: 'yellow', createdAt: 1 };
  // A pending journey note (its step carried over) and a revealed anonymous question.
  const pending = { kind: 'journeyNote' as const, journeyStepId: 'journey-step', text: 'pending', isAnonymous: false };
  await store.drafts.add({ ...draft, ...pending, id: newId(), participantId: alice.participant.id });
  const anonymous = {
    ...draft,
    kind: 'question' as const,
    journeyStepId: null,
    quadrant: '',
    id: newId(),
    participantId: alice.participant.id,
    text: 'revealed',
    isAnonymous: true,
  };
  await store.drafts.add(anonymous);
  await store.drafts.claim(workshop.id, [anonymous.id], 2);
  const rules = { budget: 3, allowMultiplePerNote: true };
  await store.votes.cast(workshop.id, 'r1', alice.participant.id, 'n1', 1, rules);
  await store.votes.cast(workshop.id, 'r1', alice.participant.id, 'n1', 1, rules);
  await store.pictures.add(workshop.id, 'pic', { bytes: randomBytes(50_000), contentType: 'image/webp' }, 1);
  await store.snapshots.add(workshop.id, { id: newId(), name: 'Snap', createdAt: 3 }, Y.encodeStateAsUpdate(doc));
  return { workshopId: workshop.id, tokenHash: alice.tokenHash, revokedHash: bob.tokenHash };
}

/** What every store reads for a workshop, to compare the two engines. */
async function readAll(store: Storage, workshopId: string) {
  const snapshots = await store.snapshots.list(workshopId);
  return {
    workshop: await store.workshops.byId(workshopId),
    doc: await store.docs.load(workshopId),
    lastSeq: await store.docs.lastSeq(workshopId),
    participants: await store.participants.list(workshopId),
    clientIds: await store.clientIds.bindingsOf(workshopId),
    session: await store.sessions.load(workshopId),
    drafts: await store.drafts.pending(workshopId),
    votes: await store.votes.closedTotals(workshopId, null),
    picture: await store.pictures.get(workshopId, 'pic'),
    snapshots,
    snapshot: await store.snapshots.get(workshopId, snapshots[0]!.id),
    bytes: await store.usage.workshopBytes(workshopId),
  };
}

describe('npm run migrate:sqlite-to-postgres', () => {
  let dataDir: string;
  let url: string;
  let source: SqliteStorage;
  let target: PostgresStorage;
  const filled: Awaited<ReturnType<typeof fillWorkshop>>[] = [];

  beforeAll(async () => {
    dataDir = tempDir();
    source = SqliteStorage.open(dataDir);
    for (let i = 0; i < 2; i++) filled.push(await fillWorkshop(source));
    url = await (await sharedPostgres()).createDatabase();
    target = await PostgresStorage.open(url, { max: 2 });
  });
  afterAll(async () => {
    await target?.close();
    await source?.close();
  });

  it('copies every workshop so that PostgreSQL reads back what SQLite holds', async () => {
    const report = await copySqliteToPostgres(source.store.connection(), target.pool);
    expect(report).toMatchObject({ copied: 2, alreadyThere: 0, mismatches: [] });
    expect(report.rows).toMatchObject({ workshops: 2, doc_updates: 22, tokens: 4, drafts: 4, votes: 2, pictures: 2, snapshots: 2 });
    for (const { workshopId, tokenHash, revokedHash } of filled) {
      expect(await readAll(target, workshopId)).toEqual(await readAll(source, workshopId));
      expect((await target.participants.byTokenHash(tokenHash))?.workshopId).toBe(workshopId);
      expect(await target.participants.byTokenHash(revokedHash)).toBeNull();
    }
    // The copy goes on where SQLite stopped: the next update takes the next seq.
    expect(await target.docs.append([{ workshopId: filled[0]!.workshopId, update: Buffer.from('next') }])).toEqual([32]);
  });

  it('verifies and skips workshops already copied, copies new ones, and reports one that differs', async () => {
    await target.pool.query('UPDATE doc_updates SET data = $1 WHERE workshop_id = $2 AND seq = 31', [
      Buffer.from('tampered'),
      filled[1]!.workshopId,
    ]);
    const third = await fillWorkshop(source);
    const report = await copySqliteToPostgres(source.store.connection(), target.pool);
    // The first workshop took an update in PostgreSQL since: it differs too, and is not touched.
    expect(report).toMatchObject({ copied: 1, alreadyThere: 0 });
    expect(report.mismatches.sort()).toEqual([filled[0]!.workshopId, filled[1]!.workshopId].sort());
    expect(await readAll(target, third.workshopId)).toEqual(await readAll(source, third.workshopId));
    expect(await target.docs.lastSeq(filled[0]!.workshopId)).toBe(32);
  });

  it('refuses a SQLite file with a column the copy does not know', async () => {
    const other = SqliteStorage.open(tempDir());
    try {
      other.store.connection().exec('ALTER TABLE drafts ADD COLUMN mood TEXT');
      await expect(copySqliteToPostgres(other.store.connection(), target.pool)).rejects.toThrow(/drafts has columns/);
    } finally {
      await other.close();
    }
  });

  it('runs as a command: a JSON report and exit 0, exit 2 and nothing created on bad arguments', async () => {
    const command = (...args: string[]) =>
      spawnSync('npx', ['tsx', 'scripts/migrate-sqlite-to-postgres.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    const fresh = await (await sharedPostgres()).createDatabase();
    const run = command('--from', dataDir, '--to', fresh);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ copied: 3, alreadyThere: 0, mismatches: [] });
    const missing = path.join(tempDir(), 'nothing-here');
    const bad = command('--from', missing, '--to', fresh);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/There is no .*persona-workshop\.db/);
    expect(existsSync(missing)).toBe(false);
  }, 120_000);
});
