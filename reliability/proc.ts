import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';

const ROOT = path.resolve(import.meta.dirname, '..');
const START_TIMEOUT_MS = 30_000;
const children = new Set<ChildProcess>();
const dirs = new Set<string>();

/** SIGKILLs every server child still running and removes the temp data dirs. */
export function cleanUp(): void {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}
process.once('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

/** Kills `child` in `cleanUp` too (for children not started by `startServer`). */
export function adopt(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

export function tempDir(label: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `pw-rel-${label}-`));
  dirs.add(dir);
  return dir;
}

/** A free loopback port, picked once and reused across restarts of the same server. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface Stats {
  rooms: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** Keys that appeared on the server's `Object.prototype` since it started (pollution). */
  prototypeAdded: string[];
}

export interface ServerChild {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Resolves when the process has exited (code or signal). */
  exited: Promise<void>;
  isAlive(): boolean;
  /** gc() (with `exposeGc`) then the resident room count and memory. */
  stats(): Promise<Stats>;
  kill9(): Promise<void>;
  /** SIGTERM and wait; SIGKILL after 10 s. Returns the exit code (null if it had to be killed). */
  terminate(): Promise<number | null>;
}

function nextJson(lines: Interface, child: ChildProcess, key: string, timeoutMs: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const onLine = (line: string) => {
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      if (!(key in parsed)) return;
      done();
      resolve(parsed);
    };
    const onExit = () => {
      done();
      reject(new Error(`server exited (${child.exitCode ?? child.signalCode}) before '${key}'`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`server sent no '${key}' within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      lines.off('line', onLine);
      child.off('exit', onExit);
    };
    lines.on('line', onLine);
    child.once('exit', onExit);
  });
}

export interface StartOptions {
  exposeGc?: boolean;
  /** Extra env for the child, e.g. `RELIABILITY_JOIN_LIMITS: 'production'` (see `server.ts`). */
  env?: Record<string, string>;
}

export async function startServer(dataDir: string, port: number, options: StartOptions = {}): Promise<ServerChild> {
  const flags = options.exposeGc ? ['--expose-gc'] : [];
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', path.join(ROOT, 'reliability/server.ts'), dataDir, String(port)], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...options.env },
  });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => children.delete(child));
  const lines = createInterface({ input: child.stdout! });
  const hello = await nextJson(lines, child, 'url', START_TIMEOUT_MS);
  const isAlive = () => child.exitCode === null && child.signalCode === null;
  return {
    url: hello.url as string,
    pid: hello.pid as number,
    child,
    exited,
    isAlive,
    async stats() {
      const reply = nextJson(lines, child, 'stats', 10_000);
      child.kill('SIGUSR2');
      return (await reply).stats as Stats;
    },
    async kill9() {
      if (isAlive()) child.kill('SIGKILL');
      await exited;
    },
    async terminate() {
      if (!isAlive()) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      return child.exitCode;
    },
  };
}

/** `--full` on the command line selects the long profile. */
export const isFull = process.argv.includes('--full');

/** Prints the script's one JSON line and exits 0 when `ok`, 1 otherwise. */
export function finish(name: string, ok: boolean, figures: Record<string, unknown>): never {
  process.stdout.write(`${JSON.stringify({ test: name, ok, profile: isFull ? 'full' : 'short', ...figures })}\n`);
  cleanUp();
  process.exit(ok ? 0 : 1);
}

export function percentiles(values: number[]): { p50: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { p50: at(0.5), p95: at(0.95), max: Math.round(sorted[sorted.length - 1] ?? 0) };
}

/** Named quantiles (e.g. `{ p10: 0.1, p99: 0.99 }`) of `values`, rounded to whole units. */
export function quantiles(values: number[], qs: Record<string, number>): Record<string, number> {
  const sorted = [...values].sort((a, b) => a - b);
  const out: Record<string, number> = {};
  for (const [name, q] of Object.entries(qs)) {
    out[name] = Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  }
  return out;
}
