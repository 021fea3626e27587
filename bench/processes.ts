import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Target } from './client';
import type { LoopDelay } from './serverProbe';
import type { FromWorker, ToWorker, WorkerConfig } from './workerMessages';

const BENCH_DIR = import.meta.dirname;
const ROOT = path.resolve(BENCH_DIR, '..');
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
/** Run TypeScript children with the tsx loader inside node itself, so the child's pid is the server's. */
const TSX = ['--import', 'tsx'];
/** Where our server is compiled for the benchmarks (gitignored with the results). */
const COMPILED_DIR = path.join(BENCH_DIR, 'results', 'server');
let compiled: Promise<string> | null = null;

/**
 * Our server as production runs it (`npm start`: the esbuild bundle under plain Node with source
 * maps, no tsx loader and its worker thread), compiled once per benchmark run.
 */
function compiledOurServer(): Promise<string> {
  compiled ??= (async () => {
    const [{ build }, { SERVER_BUILD_OPTIONS }] = await Promise.all([import('esbuild'), import('../scripts/serverBuildOptions.mjs')]);
    await build({ ...SERVER_BUILD_OPTIONS, entryPoints: [path.join(BENCH_DIR, 'ourServer.ts')], outdir: COMPILED_DIR });
    return path.join(COMPILED_DIR, 'ourServer.mjs');
  })();
  return compiled;
}

const children = new Set<ChildProcess>();
/** Our servers' temp data dirs, removed however the run ends. */
const dataDirs = new Set<string>();

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** SIGKILLs every child still running and removes their data dirs (on exit, error or Ctrl-C). */
export function killAll(): void {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  dataDirs.clear();
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  if (!(await exited(child, STOP_TIMEOUT_MS))) child.kill('SIGKILL');
  await exited(child, STOP_TIMEOUT_MS);
}

export interface ServerProcess {
  target: Target;
  pid: number;
  /** Ours only: where its SQLite file lives. */
  dataDir: string | null;
  /** The server's event-loop delay since the previous call (and starts a new measurement). */
  loopDelay(): Promise<LoopDelay>;
  stop(): Promise<void>;
}

/**
 * Starts our server or the reference server as a child process and waits for its address.
 * With `profileDir`, the server writes a V8 CPU profile there when it stops.
 */
export async function startServer(
  kind: Target['kind'],
  profileDir: string | null = null,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const dataDir = kind === 'ours' ? mkdtempSync(path.join(tmpdir(), 'pw-bench-')) : null;
  if (dataDir) dataDirs.add(dataDir);
  const program =
    kind === 'ours' ? ['--enable-source-maps', await compiledOurServer()] : [...TSX, path.join(BENCH_DIR, 'referenceServer.ts')];
  // One file per thread (the reference server's tsx loader runs in a worker): the main thread's is the largest.
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, kind)}`] : [];
  const child = track(
    spawn(process.execPath, [...profile, ...program, ...(dataDir ? [dataDir] : [])], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    }),
  );
  const lines = createInterface({ input: child.stdout! });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${kind} server said nothing in ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
      lines.once('line', (line) => {
        clearTimeout(timer);
        resolve(line);
      });
      child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
    });
  const { url, pid } = JSON.parse(await nextLine()) as { url: string; pid: number };
  return {
    target: { kind, url },
    pid,
    dataDir,
    async loopDelay() {
      const reply = nextLine();
      child.kill('SIGUSR2');
      return (JSON.parse(await reply) as { loopDelay: LoopDelay }).loopDelay;
    },
    async stop() {
      await stop(child);
      if (!dataDir) return;
      rmSync(dataDir, { recursive: true, force: true });
      dataDirs.delete(dataDir);
    },
  };
}

/** A forked client process (`worker.ts`) and its replies. */
export class WorkerProcess {
  private readonly child: ChildProcess;
  private readonly inbox: FromWorker[] = [];
  private readonly waiters = new Set<() => void>();
  /** This worker's pid, for reading its CPU from /proc. */
  readonly pid: number;

  constructor(config: WorkerConfig) {
    this.child = track(
      fork(path.join(BENCH_DIR, 'worker.ts'), [JSON.stringify(config)], {
        cwd: ROOT,
        execArgv: TSX,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    this.pid = this.child.pid ?? -1;
    const wake = () => {
      for (const waiter of this.waiters) waiter();
    };
    this.child.on('message', (message: FromWorker) => {
      this.inbox.push(message);
      wake();
    });
    this.child.once('exit', wake);
  }

  send(message: ToWorker): void {
    if (this.child.connected) this.child.send(message);
  }

  /** The worker's next message of `type`; rejects on its error report, its exit or the timeout. */
  next<T extends FromWorker['type']>(type: T, timeoutMs: number): Promise<Extract<FromWorker, { type: T }>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const error = this.inbox.find((m) => m.type === 'error');
        const found = this.inbox.find((m) => m.type === type);
        if (!error && !found && this.child.exitCode === null && this.child.signalCode === null) return;
        done();
        // Taken from the inbox: a second run's `done` is not the first one's.
        if (found) this.inbox.splice(this.inbox.indexOf(found), 1);
        if (found) resolve(found as Extract<FromWorker, { type: T }>);
        else reject(new Error(error?.type === 'error' ? `worker failed: ${error.message}` : `worker exited before '${type}'`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`worker sent no '${type}' within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  async close(): Promise<void> {
    this.send({ type: 'close' });
    if (!(await exited(this.child, STOP_TIMEOUT_MS))) await stop(this.child);
  }
}
