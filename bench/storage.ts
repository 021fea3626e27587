import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PostgresStorage } from '../server/storage/postgres/PostgresStorage';
import type { Storage } from '../server/storage/ports';
import { SqliteStorage } from '../server/storage/sqlite/SqliteStorage';
import { PostgresServer } from '../tests/helpers/postgres';
import { newParticipant, newWorkshop } from '../tests/storage/fixtures';
import { percentiles } from './report';

/**
 * `npm run bench:storage [-- --seconds 3]`: what the storage interfaces cost per call, SQLite
 * (the server's settings: WAL, synchronous NORMAL) against PostgreSQL (a throwaway server with
 * fsync on, synchronous_commit on), with two instances (connections or pools) on one database.
 * Prints one JSON line per case: group commits of 1 and 20 updates of 100 bytes (one workshop
 * or 20), and dot votes; latency per call in ms and calls per second, closed loop with 8 calls
 * in flight per instance. Not a test: numbers depend on the machine and its load.
 */
const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '3' } } });
const SECONDS = Number(args.seconds);
const IN_FLIGHT = 8;

interface Case {
  name: string;
  setup(storage: Storage): Promise<(storage: Storage) => Promise<unknown>>;
}

const CASES: Case[] = [
  {
    name: 'append 1 update, one workshop',
    async setup(storage) {
      const { workshop } = await newWorkshop(storage);
      return (s) => s.docs.append([{ workshopId: workshop.id, update: new Uint8Array(100) }]);
    },
  },
  {
    name: 'append 20 updates, one workshop',
    async setup(storage) {
      const { workshop } = await newWorkshop(storage);
      const entries = Array.from({ length: 20 }, () => ({ workshopId: workshop.id, update: new Uint8Array(100) }));
      return (s) => s.docs.append(entries);
    },
  },
  {
    name: 'append 20 updates, 20 workshops',
    async setup(storage) {
      const rooms = await Promise.all(Array.from({ length: 20 }, () => newWorkshop(storage)));
      const entries = rooms.map(({ workshop }) => ({ workshopId: workshop.id, update: new Uint8Array(100) }));
      return (s) => s.docs.append(entries);
    },
  },
  {
    name: 'vote cast and take back, 60 participants',
    async setup(storage) {
      const { workshop } = await newWorkshop(storage);
      const people = await Promise.all(Array.from({ length: 60 }, () => newParticipant(storage, workshop.id)));
      const rules = { budget: 1_000_000, allowMultiplePerNote: true };
      let turn = 0;
      return (s) => {
        const who = people[turn++ % people.length]!.participant.id;
        return s.votes.cast(workshop.id, 'round', who, 'note', turn % 2 === 0 ? -1 : 1, rules);
      };
    },
  },
];

async function measure(instances: Storage[], call: (storage: Storage) => Promise<unknown>) {
  const latencies: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  const loop = async (storage: Storage) => {
    while (performance.now() < until) {
      const started = performance.now();
      await call(storage);
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(instances.flatMap((storage) => Array.from({ length: IN_FLIGHT }, () => loop(storage))));
  return { callsPerSecond: Math.round(latencies.length / SECONDS), latencyMs: percentiles(latencies) };
}

async function runEngine(engine: string, open: () => Promise<Storage[]>): Promise<void> {
  const instances = await open();
  try {
    for (const benchCase of CASES) {
      const call = await benchCase.setup(instances[0]!);
      const result = await measure(instances, call);
      process.stdout.write(
        `${JSON.stringify({ type: 'storage', engine, case: benchCase.name, instances: instances.length, ...result })}\n`,
      );
    }
  } finally {
    await Promise.all(instances.map((storage) => storage.close()));
  }
}

const dir = mkdtempSync(path.join(tmpdir(), 'pw-bench-store-'));
try {
  await runEngine('sqlite', async () => [SqliteStorage.open(dir), SqliteStorage.open(dir)]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const server = await PostgresServer.start({ isDurable: true });
try {
  const url = await server.createDatabase();
  await runEngine('postgres', () =>
    Promise.all([PostgresStorage.open(url, { max: IN_FLIGHT }), PostgresStorage.open(url, { max: IN_FLIGHT })]),
  );
} finally {
  await server.close();
}
