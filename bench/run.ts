import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sleep } from './client';
import { runClusterBench } from './cluster';
import { checkPersistence } from './persistence';
import { memory, round, snapshot } from './procStats';
import { PostgresServer } from '../tests/helpers/postgres';
import { killAll, startServer, WorkerProcess } from './processes';
import { joinResult, percentiles, summarize, type JoinResult, type LoadResult, type ServerKind } from './report';
import type { LoopDelay } from './serverProbe';
import type { Balance, LoadReport } from './workerMessages';

/**
 * `npm run bench [-- --quick]`: the same workload against our server and the reference
 * y-websocket server, each a fresh child process per scenario, driven by forked client processes.
 * Prints one JSON line per scenario and server, one per join test, then a summary with the
 * ours/reference ratios; writes everything to bench/results/latest.json.
 * `--cluster`: one instance against three sharing PostgreSQL and Redis instead (`cluster.ts`); `--balance`
 * roundrobin|affinity|both places each room's clients on the three.
 */
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    duration: { type: 'string' },
    scenarios: { type: 'string' },
    sizes: { type: 'string' },
    repeats: { type: 'string' },
    generators: { type: 'string' },
    servers: { type: 'string', default: 'ours,reference' },
    profile: { type: 'boolean', default: false },
    /** Our server on a throwaway PostgreSQL (`DATABASE_URL`) instead of SQLite. */
    postgres: { type: 'boolean', default: false },
    /** One instance (SQLite) against three on PostgreSQL + Redis, clients spread over them (`bench/cluster.ts`). */
    cluster: { type: 'boolean', default: false },
    /** With `--cluster`: `roundrobin` (default), `affinity` (a room's clients on one instance, as deploy/haproxy.cfg) or `both`. */
    balance: { type: 'string', default: 'roundrobin' },
    /** With `--cluster`: PostgreSQL with synchronous_commit = off, to see what the fsync per commit costs. */
    'async-commit': { type: 'boolean', default: false },
  },
});

const OP_INTERVAL_MS = 2_000;
/** Quiet time after everyone joined, so the join's presence storm is not billed to the edits. */
const SETTLE_MS = 1_500;
/** A generator process above this share of one core may itself be the bottleneck. */
const SATURATED_CPU_PERCENT = 85;
const CLIENTS_PER_GENERATOR = 500;
const SETUP_TIMEOUT_MS = 180_000;

const options = {
  durationMs: Number(args.duration ?? (args.quick ? 3 : 20)) * 1000,
  scenarios: (args.scenarios ?? (args.quick ? '1x10,4x8,10x4' : '1x50,20x30,100x10')).split(',').map((s) => {
    const [rooms, clients] = s.split('x').map(Number);
    if (!rooms || !clients || clients < 2) throw new Error(`bad scenario ${s}: use ROOMSxCLIENTS, e.g. 20x30`);
    return { name: s, rooms, clientsPerRoom: clients };
  }),
  sizes: (args.sizes ?? (args.quick ? '1000' : '1000,10000')).split(',').map(Number),
  repeats: Number(args.repeats ?? (args.quick ? 2 : 5)),
  generators: args.generators ? Number(args.generators) : null,
  servers: args.servers.split(',') as ServerKind[],
  profileDir: args.profile ? path.join(import.meta.dirname, 'results', 'profiles') : null,
};

function emit(record: object): void {
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

function loadResult(
  server: ServerKind,
  scenario: (typeof options.scenarios)[number],
  reports: LoadReport[],
  measured: Measured,
): LoadResult {
  const edits = reports.reduce((sum, r) => sum + r.ops.add + r.ops.move + r.ops.edit, 0);
  const sum = (pick: (r: LoadReport) => number) => reports.reduce((total, r) => total + pick(r), 0);
  const wireBytes = sum((r) => r.traffic.sentBytes + r.traffic.receivedBytes);
  const cpuPercent = reports.map((r) => round((100 * r.cpuMs) / r.wallMs, 1));
  return {
    type: 'load',
    server,
    scenario: scenario.name,
    rooms: scenario.rooms,
    clientsPerRoom: scenario.clientsPerRoom,
    durationS: options.durationMs / 1000,
    edits,
    ops: { add: sum((r) => r.ops.add), move: sum((r) => r.ops.move), edit: sum((r) => r.ops.edit) },
    editsPerSecond: round(edits / (options.durationMs / 1000), 1),
    fanOutMs: percentiles(reports.flatMap((r) => r.fanouts)),
    deliveryMs: percentiles(reports.flatMap((r) => r.deliveries)),
    deliveredRatio: round(
      sum((r) => r.deliveries.length) /
        Math.max(
          1,
          sum((r) => r.expectedDeliveries),
        ),
      4,
    ),
    incompleteChanges: sum((r) => r.incompleteChanges),
    connectionCloses: sum((r) => r.connectionCloses),
    serverCpuMsPerEdit: round(measured.cpuNs / 1e6 / edits, 4),
    serverCpuMsPerEditFromStat: round(measured.statMs / edits, 4),
    serverCpuPercent: round((100 * measured.cpuNs) / 1e6 / measured.wallMs, 1),
    serverCpuMsPerEditByThread: {
      main: round(measured.byThreadNs.main / 1e6 / edits, 4),
      others: round(measured.byThreadNs.others / 1e6 / edits, 4),
    },
    serverRssMiB: measured.rss,
    serverLoopDelayMs: measured.loopDelay,
    bytesPerEdit: round(wireBytes / edits, 1),
    framesPerEdit: round(sum((r) => r.traffic.sentFrames + r.traffic.receivedFrames) / edits, 2),
    procIoBytesPerEdit: round(measured.ioBytes / edits, 1),
    generators: {
      processes: reports.length,
      cpuPercent,
      eventLoopDelayP99Ms: reports.map((r) => round(r.eventLoopDelayP99Ms)),
      setupS: reports.map((r) => round(r.setupMs / 1000, 1)),
      isSaturated: cpuPercent.some((p) => p >= SATURATED_CPU_PERCENT),
    },
    // Everything else this machine ran meanwhile (other people's builds and tests share these cores).
    otherProcessesCores: round((measured.machineMs - measured.cpuNs / 1e6 - sum((r) => r.cpuMs)) / measured.wallMs, 2),
  };
}

interface Measured {
  cpuNs: number;
  byThreadNs: { main: number; others: number };
  statMs: number;
  ioBytes: number;
  wallMs: number;
  rss: { idle: number; end: number; peak: number };
  loopDelay: LoopDelay;
  machineMs: number;
}

/** Splits the rooms over generator processes; a room never spans two (its clients share a clock). */
function splitRooms(rooms: number, clients: number): number[] {
  const processes = Math.min(rooms, options.generators ?? Math.max(1, Math.ceil(clients / CLIENTS_PER_GENERATOR)));
  return Array.from({ length: processes }, (_, i) => Math.floor(rooms / processes) + (i < rooms % processes ? 1 : 0));
}

async function runLoad(kind: ServerKind, scenario: (typeof options.scenarios)[number], seed: number): Promise<LoadResult> {
  const server = await startServer(kind, options.profileDir);
  const workers: WorkerProcess[] = [];
  try {
    const idle = memory(server.pid).rssMiB;
    for (const [i, rooms] of splitRooms(scenario.rooms, scenario.rooms * scenario.clientsPerRoom).entries()) {
      const label = `${scenario.name}g${i}`;
      workers.push(
        new WorkerProcess({
          mode: 'load',
          target: server.target,
          rooms,
          clientsPerRoom: scenario.clientsPerRoom,
          label,
          seed: seed + i,
          opIntervalMs: OP_INTERVAL_MS,
        }),
      );
    }
    await Promise.all(workers.map((w) => w.next('ready', SETUP_TIMEOUT_MS)));
    await sleep(SETTLE_MS);
    await server.loopDelay();
    const before = snapshot(server.pid);
    const started = performance.now();
    for (const worker of workers) worker.send({ type: 'start', durationMs: options.durationMs });
    const reports = (await Promise.all(workers.map((w) => w.next('done', options.durationMs + 60_000)))).map((m) => m.report);
    const after = snapshot(server.pid);
    const loopDelay = await server.loopDelay();
    const mem = memory(server.pid);
    const measured: Measured = {
      cpuNs: after.ns - before.ns,
      byThreadNs: { main: after.byThread.main - before.byThread.main, others: after.byThread.others - before.byThread.others },
      statMs: after.statMs - before.statMs,
      ioBytes: after.io.read - before.io.read + after.io.written - before.io.written,
      wallMs: performance.now() - started,
      rss: { idle, end: mem.rssMiB, peak: mem.peakRssMiB },
      loopDelay,
      machineMs: after.machineMs - before.machineMs,
    };
    const result = loadResult(kind, scenario, reports, measured);
    // The persistence check reads the SQLite file; on PostgreSQL the integration tests check it.
    if (server.dataDir && !process.env.BENCH_DATABASE_URL)
      result.persisted = checkPersistence(server.dataDir, Object.assign({}, ...reports.map((r) => r.notesByRoom)));
    return result;
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await server.stop();
  }
}

async function runJoins(kind: ServerKind, seed: number): Promise<JoinResult[]> {
  const server = await startServer(kind, options.profileDir);
  const worker = new WorkerProcess({
    mode: 'join',
    target: server.target,
    serverPid: server.pid,
    sizes: options.sizes,
    repeats: options.repeats,
    seed,
  });
  try {
    const { reports } = await worker.next('joined', SETUP_TIMEOUT_MS * 2);
    return reports.map((report) => joinResult(kind, report));
  } finally {
    await worker.close();
    await server.stop();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const loads: LoadResult[] = [];
  const joins: JoinResult[] = [];
  for (const [i, scenario] of options.scenarios.entries()) {
    // Alternate which server goes first, so a drift in the machine's load does not favour one.
    for (const kind of i % 2 === 0 ? options.servers : [...options.servers].reverse()) {
      const result = await runLoad(kind, scenario, 1000 * (i + 1));
      emit(result);
      loads.push(result);
    }
  }
  for (const kind of options.servers) {
    for (const result of await runJoins(kind, 7)) {
      emit(result);
      joins.push(result);
    }
  }
  const summary = {
    ...summarize(loads, joins),
    profile: args.quick ? 'quick' : 'full',
    options,
    wallS: round((Date.now() - started) / 1000, 1),
  };
  emit(summary);
  const dir = path.join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify({ loads, joins, summary }, null, 2)}\n`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}
process.on('exit', killAll);

if (args.cluster) {
  const clusterOptions = {
    durationMs: options.durationMs,
    scenarios: args.scenarios
      ? options.scenarios
      : [{ name: args.quick ? '4x9' : '10x12', rooms: args.quick ? 4 : 10, clientsPerRoom: args.quick ? 9 : 12 }],
    opIntervalMs: OP_INTERVAL_MS,
    warmUpMs: args.quick ? 3_000 : 10_000,
    settleMs: SETTLE_MS,
    instances: 3,
    balances: balancesOf(args.balance),
    asyncCommit: args['async-commit'],
    profileDir: options.profileDir ? path.join(options.profileDir, 'cluster-bench') : null,
  };
  runClusterBench(clusterOptions, emit).then(
    (summary) => {
      emit(summary);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      killAll();
      process.exit(1);
    },
  );
} else await runBench();

function balancesOf(arg: string): Balance[] {
  if (arg === 'both') return ['roundrobin', 'affinity'];
  if (arg === 'roundrobin' || arg === 'affinity') return [arg];
  throw new Error(`bad --balance ${arg}: use roundrobin, affinity or both`);
}

async function runBench(): Promise<void> {
  const postgres = args.postgres ? await PostgresServer.start({ isDurable: true }) : null;
  // Every server process of the run (children inherit the environment) stores in this database.
  if (postgres) process.env.BENCH_DATABASE_URL = await postgres.createDatabase();

  main().then(
    async () => {
      await postgres?.close();
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      killAll();
      process.exit(1);
    },
  );
}
