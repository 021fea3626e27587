import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ENTRY = path.join(ROOT, 'dist/main.mjs');
const START_TIMEOUT_MS = 60_000;
const running = new Set<ChildProcess>();

// A failed test must not leave a server behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * The production app exactly as `npm start` runs it (`node dist/main.mjs`: the compiled server
 * and the built Next.js pages) in a child process, so a test can signal, kill and restart it on
 * the same port and data, as a facilitator's laptop or a deploy would.
 */
export class AppProcess {
  private child: ChildProcess | null = null;
  readonly url: string;

  constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly env: Record<string, string> = {},
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the app and resolves once `/readyz` says it takes traffic. */
  async start(): Promise<void> {
    assertBuilt();
    const child = spawn(process.execPath, ['--enable-source-maps', ENTRY], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        LOG_LEVEL: 'warn',
        PDF_WARMUP: '0',
        NODE_ENV: 'production',
        ...this.env,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    this.child = child;
    running.add(child);
    child.once('exit', () => running.delete(child));
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}`);
      try {
        if ((await fetch(`${this.url}/readyz`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`app did not become ready within ${START_TIMEOUT_MS / 1000} s`);
  }

  /** Sends `signal` (SIGKILL by default: a crash, not a polite stop) and resolves with how it ended. */
  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const child = this.child;
    this.child = null;
    if (!child) return { code: null, signal: null };
    if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, exitSignal) => resolve({ code, signal: exitSignal })),
    );
    child.kill(signal);
    return exited;
  }

  /** Sends `signal` and returns at once (SIGSTOP and SIGCONT: a paused, then resumed, instance). */
  signal(signal: NodeJS.Signals): void {
    if (!this.child) throw new Error('the app is not running');
    this.child.kill(signal);
  }

  async restart(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await this.stop(signal);
    await this.start();
  }
}

/**
 * The compiled server must exist and be newer than every source it is built from: a test of a
 * stale build would pass or fail for code that is no longer there.
 */
function assertBuilt(): void {
  const hint = 'run `npm run build` first (it compiles the server and builds the pages)';
  if (!existsSync(ENTRY)) throw new Error(`${path.relative(ROOT, ENTRY)} is missing: ${hint}`);
  if (!existsSync(path.join(ROOT, '.next/BUILD_ID'))) throw new Error(`the Next.js build is missing: ${hint}`);
  const builtAt = statSync(ENTRY).mtimeMs;
  const stale = ['server', 'lib'].flatMap((dir) => newerFiles(path.join(ROOT, dir), builtAt));
  if (stale.length > 0) throw new Error(`dist/ is older than ${path.relative(ROOT, stale[0]!)}: ${hint} (or \`npm run build:server\`)`);
}

function newerFiles(dir: string, than: number): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return newerFiles(file, than);
    return /\.(ts|tsx|mjs)$/.test(entry.name) && statSync(file).mtimeMs > than ? [file] : [];
  });
}

/** A port nobody listens on now; kept for the app's whole life so restarts reuse it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
