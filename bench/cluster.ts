import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { PostgresServer } from '../tests/helpers/postgres';
import { RedisServer } from '../tests/helpers/redis';
import { sleep } from './client';
import { round, statCpuMs } from './procStats';
import { startServer, WorkerProcess, type ServerProcess } from './processes';
import { percentiles, type Percentiles } from './report';
import type { Balance, LoadReport } from './workerMessages';

/**
 * `npm run bench -- --cluster`: the same load on one instance (SQLite, the default deployment)
 * and on three instances sharing PostgreSQL and Redis (real y-websocket clients), each room's
 * clients spread over the three (round robin: client i on instance i mod 3) or all on one
 * (affinity, as `deploy/haproxy.cfg` places a workshop's board sockets), or both. Measures fan-out within and across
 * instances, CPU per edit summed over every process that serves (instances, Redis, PostgreSQL's
 * postmaster and backends, from /proc/<pid>/stat), and what an edit costs Redis and PostgreSQL.
 */

export interface ClusterBenchOptions {
  durationMs: number;
  scenarios: { name: string; rooms: number; clientsPerRoom: number }[];
  opIntervalMs: number;
  /** The same load run first and discarded (JIT and heap warm-up). */
  warmUpMs: number;
  settleMs: number;
  instances: number;
  /** `--balance`: how each room's clients are placed on the cluster, one cluster run per entry. */
  balances: Balance[];
  /** `--async-commit`: PostgreSQL with synchronous_commit = off (see `runClusterBench`). */
  asyncCommit: boolean;
  /** `--profile`: each instance writes a V8 CPU profile under this directory (`single/`, `cluster/`). */
  profileDir?: string | null;
}

export interface ClusterLoadResult {
  type: 'cluster-load';
  setup: 'single' | 'cluster';
  /** How the cluster's clients were placed (null: one instance). */
  balance: Balance | null;
  scenario: string;
  instances: number;
  edits: number;
  editsPerSecond: number;
  /** Change → last arrival in the room; within: receivers on the sender's instance; across: on others. */
  fanOutMs: { all: Percentiles; within: Percentiles; across: Percentiles };
  deliveredRatio: number;
  incompleteChanges: number;
  connectionCloses: number;
  /** CPU ms per edit: every instance, Redis, PostgreSQL (all of its processes), and their sum. */
  cpuMsPerEdit: { instances: number; redis: number; postgres: number; total: number };
  /**
   * Every process together with the clients connected and nobody editing (presence renewals,
   * heartbeats, catch-up checks), and the CPU per edit once that is taken out: what capacity
   * grows with.
   */
  idleCpuMsPerSecond: CpuMs & { total: number };
  cpuMsPerEditAboveIdle: number;
  /** Bytes Redis received and sent, and commands it ran, per edit (socket.io stream and presence included). */
  redisPerEdit: { bytesIn: number; bytesOut: number; commands: number } | null;
  /**
   * Rows appended to the update log, tuples written (inserted+updated+deleted), transactions, and
   * sessions opened (each a forked backend and a SCRAM handshake), per edit.
   */
  postgresPerEdit: PostgresCounts | null;
  loadAverage: number[];
}

interface Backing {
  postgres: PostgresServer;
  redis: RedisServer;
}

/** Every process of the PostgreSQL server: the postmaster and its children (backends, writers). */
function postgresPids(postmaster: number): number[] {
  const pids = [postmaster];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster) pids.push(Number(entry));
    } catch {
      // gone between the listing and the read
    }
  }
  return pids;
}

/**
 * CPU ms of the PostgreSQL server: every live process, plus what its exited children used (the
 * postmaster's cutime+cstime), so a backend that closes during the window still counts.
 */
function postgresCpuMs(postmaster: number): number {
  const stat = readFileSync(`/proc/${postmaster}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const reapedMs = ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  return cpuOf(postgresPids(postmaster)) + reapedMs;
}

function cpuOf(pids: number[]): number {
  return pids.reduce((sum, pid) => {
    try {
      return sum + statCpuMs(pid);
    } catch {
      return sum;
    }
  }, 0);
}

async function redisStats(redis: Redis): Promise<{ bytesIn: number; bytesOut: number; commands: number }> {
  const info = await redis.info('stats');
  const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? NaN);
  return {
    bytesIn: field('total_net_input_bytes'),
    bytesOut: field('total_net_output_bytes'),
    commands: field('total_commands_processed'),
  };
}

type PostgresCounts = { logRows: number; tuplesWritten: number; transactions: number; sessions: number };

async function postgresStats(client: pg.Client): Promise<PostgresCounts> {
  await client.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await client.query<{ seqs: string; written: string; xacts: string; sessions: string }>(
    `SELECT (SELECT coalesce(sum(doc_seq), 0) FROM workshops) AS seqs,
            tup_inserted + tup_updated + tup_deleted AS written, xact_commit AS xacts, sessions
       FROM pg_stat_database WHERE datname = current_database()`,
  );
  const row = rows[0]!;
  return { logRows: Number(row.seqs), tuplesWritten: Number(row.written), transactions: Number(row.xacts), sessions: Number(row.sessions) };
}

type Scenario = ClusterBenchOptions['scenarios'][number];
/** One run of a scenario: the single instance, or the cluster with clients placed by `balance`. */
type Run = { setup: 'single'; balance: null } | { setup: 'cluster'; balance: Balance };

async function startInstances(
  run: Run,
  options: ClusterBenchOptions,
  backing: Backing,
): Promise<{ servers: ServerProcess[]; databaseUrl: string | null }> {
  const profileDir = options.profileDir ? path.join(options.profileDir, run.balance ?? run.setup) : null;
  if (run.setup === 'single')
    return { servers: [await startServer('ours', profileDir, { BENCH_DATABASE_URL: '', BENCH_REDIS_URL: '' })], databaseUrl: null };
  const databaseUrl = await backing.postgres.createDatabase();
  const env = { BENCH_DATABASE_URL: databaseUrl, BENCH_REDIS_URL: backing.redis.url };
  const servers: ServerProcess[] = [];
  // One after the other: the first creates the schema.
  for (let i = 0; i < options.instances; i += 1) servers.push(await startServer('ours', profileDir, env));
  return { servers, databaseUrl };
}

export async function runClusterLoad(
  run: Run,
  scenario: Scenario,
  options: ClusterBenchOptions,
  backing: Backing,
  seed: number,
): Promise<ClusterLoadResult> {
  const { servers, databaseUrl } = await startInstances(run, options, backing);
  const redis = databaseUrl ? new Redis(backing.redis.url) : null;
  const db = databaseUrl ? new pg.Client({ connectionString: databaseUrl }) : null;
  await db?.connect();
  const instances = servers.map((server) => server.target);
  const worker = new WorkerProcess({
    mode: 'load',
    target: instances[0]!,
    instances,
    balance: run.balance ?? 'roundrobin',
    rooms: scenario.rooms,
    clientsPerRoom: scenario.clientsPerRoom,
    label: `${run.balance ?? run.setup}-${scenario.name}`,
    seed,
    opIntervalMs: options.opIntervalMs,
  });
  try {
    await worker.next('ready', 180_000);
    // Every process compiles its hot paths and settles its heap once; a run of a few seconds
    // would otherwise bill three processes' warm-up against one's. The same load, discarded.
    worker.send({ type: 'start', durationMs: options.warmUpMs });
    await worker.next('done', options.warmUpMs + 60_000);
    await sleep(options.settleMs);
    const cpu = () => ({
      instances: cpuOf(servers.map((s) => s.pid)),
      redis: databaseUrl ? cpuOf([backing.redis.pid!]) : 0,
      postgres: databaseUrl ? postgresCpuMs(backing.postgres.pid!) : 0,
    });
    const idle0 = cpu();
    let at = performance.now();
    await sleep(IDLE_WINDOW_MS);
    const idle = { before: idle0, after: cpu(), elapsedMs: performance.now() - at };
    const redis0 = redis ? await redisStats(redis) : undefined;
    const pg0 = db ? await postgresStats(db) : undefined;
    const cpu0 = cpu();
    at = performance.now();
    worker.send({ type: 'start', durationMs: options.durationMs });
    const { report } = await worker.next('done', options.durationMs + 60_000);
    const cpu1 = cpu();
    const elapsedMs = performance.now() - at;
    const redis1 = redis ? await redisStats(redis) : null;
    // PostgreSQL's statistics reach pg_stat_database within a second of each transaction.
    const pg1 = db ? await sleep(1_100).then(() => postgresStats(db)) : null;
    return summarize(run, scenario, servers.length, report, { idle, cpu0, cpu1, elapsedMs, redis0, redis1, pg0, pg1 }, options);
  } finally {
    await worker.close();
    redis?.disconnect();
    await db?.end();
    await Promise.all(servers.map((server) => server.stop()));
  }
}

type Counts<T> = { before: T; after: T };
type CpuMs = { instances: number; redis: number; postgres: number };
/** Clients connected, nobody editing: what the processes cost per second whatever the edits. */
const IDLE_WINDOW_MS = 5_000;

function summarize(
  { setup, balance }: Run,
  scenario: Scenario,
  instances: number,
  report: LoadReport,
  m: {
    idle: Counts<CpuMs> & { elapsedMs: number };
    cpu0: CpuMs;
    cpu1: CpuMs;
    /** From cpu0 to cpu1: the edits and their drain. */
    elapsedMs: number;
    redis0?: { bytesIn: number; bytesOut: number; commands: number };
    redis1: { bytesIn: number; bytesOut: number; commands: number } | null;
    pg0?: PostgresCounts;
    pg1: PostgresCounts | null;
  },
  options: ClusterBenchOptions,
): ClusterLoadResult {
  const edits = report.ops.add + report.ops.move + report.ops.edit;
  const per = (before: number, after: number, digits = 3) => round((after - before) / Math.max(1, edits), digits);
  const cpu = {
    instances: per(m.cpu0.instances, m.cpu1.instances),
    redis: per(m.cpu0.redis, m.cpu1.redis),
    postgres: per(m.cpu0.postgres, m.cpu1.postgres),
  };
  const total = (c: CpuMs) => c.instances + c.redis + c.postgres;
  const perSecond = (pick: (c: CpuMs) => number) => (pick(m.idle.after) - pick(m.idle.before)) / (m.idle.elapsedMs / 1000);
  const idlePerSecond = perSecond(total);
  const delta = <T extends Record<string, number>>({ before, after }: Counts<T>) =>
    Object.fromEntries(Object.keys(before).map((key) => [key, per(before[key]!, after[key]!, 2)])) as T;
  return {
    type: 'cluster-load',
    setup,
    balance,
    scenario: scenario.name,
    instances,
    edits,
    editsPerSecond: round(edits / (options.durationMs / 1000), 1),
    fanOutMs: { all: percentiles(report.fanouts), within: percentiles(report.fanoutsWithin), across: percentiles(report.fanoutsAcross) },
    deliveredRatio: round(report.deliveries.length / Math.max(1, report.expectedDeliveries), 4),
    incompleteChanges: report.incompleteChanges,
    connectionCloses: report.connectionCloses,
    cpuMsPerEdit: { ...cpu, total: round(cpu.instances + cpu.redis + cpu.postgres, 3) },
    idleCpuMsPerSecond: {
      instances: round(
        perSecond((c) => c.instances),
        1,
      ),
      redis: round(
        perSecond((c) => c.redis),
        1,
      ),
      postgres: round(
        perSecond((c) => c.postgres),
        1,
      ),
      total: round(idlePerSecond, 1),
    },
    cpuMsPerEditAboveIdle: per(total(m.cpu0) + (idlePerSecond * m.elapsedMs) / 1000, total(m.cpu1)),
    redisPerEdit: m.redis0 && m.redis1 ? delta({ before: m.redis0, after: m.redis1 }) : null,
    postgresPerEdit: m.pg0 && m.pg1 ? delta({ before: m.pg0, after: m.pg1 }) : null,
    loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number),
  };
}

/** Runs every scenario on one instance and on the cluster (once per balance); returns the records and the ratios against #12's targets. */
export async function runClusterBench(options: ClusterBenchOptions, emit: (record: object) => void): Promise<object> {
  // fsync on; `--async-commit`: commits return before their WAL is flushed (PostgreSQL's
  // synchronous_commit = off, an operator's choice: a crash of PostgreSQL itself may lose the
  // last few hundred ms of commits; a killed instance or a clean restart loses nothing).
  const postgres = await PostgresServer.start({ isDurable: true, settings: options.asyncCommit ? { synchronous_commit: 'off' } : {} });
  const redis = await RedisServer.start();
  const backing = { postgres, redis };
  const ratios: object[] = [];
  try {
    for (const [i, scenario] of options.scenarios.entries()) {
      const runs: Run[] = [
        { setup: 'single', balance: null },
        ...options.balances.map((balance) => ({ setup: 'cluster' as const, balance })),
      ];
      // Alternate which goes first, so a drift in the machine's load does not favour one.
      if (i % 2 === 1) runs.reverse();
      const results: ClusterLoadResult[] = [];
      for (const run of runs) {
        results.push(await runClusterLoad(run, scenario, options, backing, 1000 * (i + 1)));
        emit(results.at(-1)!);
      }
      const single = results.find((result) => result.setup === 'single')!;
      for (const cluster of results.filter((result) => result.setup === 'cluster')) ratios.push(ratiosOf(scenario, single, cluster));
    }
  } finally {
    await redis.close();
    await postgres.close();
  }
  return { type: 'cluster-summary', ratios, options };
}

/**
 * Against #12's targets. The fan-out compared is the cross-instance one, or with affinity (every
 * receiver on the sender's instance) the room's whole fan-out.
 */
function ratiosOf(scenario: Scenario, single: ClusterLoadResult, cluster: ClusterLoadResult): object {
  const fanOut = cluster.fanOutMs.across.samples > 0 ? cluster.fanOutMs.across : cluster.fanOutMs.all;
  const fanOutP95 = round(fanOut.p95! / Math.max(0.001, single.fanOutMs.all.p95!), 2);
  const cpuRatio = round(cluster.cpuMsPerEdit.total / Math.max(0.001, single.cpuMsPerEdit.total), 2);
  return {
    scenario: scenario.name,
    balance: cluster.balance,
    crossInstanceFanOutP95VsSingle: fanOutP95,
    crossInstanceFanOutP95Target: 1.5,
    totalCpuPerEditVsSingle: cpuRatio,
    totalCpuPerEditTarget: 2,
    cpuPerEditAboveIdleVsSingle: round(cluster.cpuMsPerEditAboveIdle / Math.max(0.001, single.cpuMsPerEditAboveIdle), 2),
    meetsTargets: fanOutP95 <= 1.5 && cpuRatio <= 2,
  };
}
