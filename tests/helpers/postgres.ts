import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { exited, freePort, killNow, onExit, removeDir, spawnService, waitUntilUp } from './services';

/**
 * A throwaway PostgreSQL for tests and scripts: `initdb` in a temporary directory, `postgres` on
 * a free loopback port, stopped and removed on `close()` or, whatever happens, when this process
 * exits. Debian's `postgresql` package (`npm run test:setup`) provides the binaries; they refuse
 * to run as root, so as root they run as the `postgres` user, which owns the directory.
 */

const POSTGRES_LIB = '/usr/lib/postgresql';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

export interface PostgresOptions {
  /**
   * `false` (default): fsync off, which is faster; a killed *process* (PostgreSQL's or ours) still
   * loses no committed transaction, since the OS keeps the writes; only a machine crash would.
   */
  isDurable?: boolean;
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string>;
}

function binDir(): string {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const versions = existsSync(POSTGRES_LIB) ? readdirSync(POSTGRES_LIB).filter((name) => /^\d+$/.test(name)) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('PostgreSQL is not installed: run `npm run test:setup` (Debian package `postgresql`).');
  return path.join(POSTGRES_LIB, newest, 'bin');
}

/** initdb and postgres refuse root: then they run as `postgres` (the Debian package's user). */
function serviceUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export class PostgresServer {
  private child: ChildProcess | null = null;
  private exitHook: { cancel(): void } | null = null;
  /** The directory goes when this process exits, even if the server was stopped and never closed. */
  private readonly dirHook = onExit(() => removeDir(this.dir));
  private readonly bin = binDir();
  private readonly user = serviceUser();
  readonly dataDir: string;

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly options: PostgresOptions,
  ) {
    this.dataDir = path.join(dir, 'data');
  }

  /** initdb in a fresh temporary directory, then start. */
  static async start(options: PostgresOptions = {}): Promise<PostgresServer> {
    const server = new PostgresServer(mkdtempSync(path.join(tmpdir(), 'pw-pg-')), await freePort(), options);
    try {
      if (server.user) chownSync(server.dir, server.user.uid, server.user.gid);
      server.run('initdb', [
        '-D',
        server.dataDir,
        '-U',
        'postgres',
        '-A',
        'trust',
        '-E',
        'UTF8',
        '--no-locale',
        '--no-sync',
        '--no-instructions',
      ]);
      await server.restart();
    } catch (error) {
      await server.close();
      throw error;
    }
    return server;
  }

  /** `postgres://postgres@127.0.0.1:<port>/<database>` (trust authentication on loopback). */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  private run(tool: string, args: string[]): void {
    const result = spawnSync(path.join(this.bin, tool), args, {
      ...this.user,
      env: { ...process.env, LC_ALL: 'C' },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`${tool} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}`);
  }

  /** Starts (again) on the same port and data, e.g. after `stop()` or `kill()`. */
  async restart(): Promise<void> {
    if (this.child) throw new Error('PostgreSQL is already running');
    const settings: Record<string, string> = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: this.dir,
      // DSM segments in the data dir, not /dev/shm: a killed server leaves nothing outside it.
      dynamic_shared_memory_type: 'mmap',
      max_connections: '200',
      ...(this.options.isDurable ? {} : { fsync: 'off', full_page_writes: 'off' }),
      ...this.options.settings,
    };
    const args = [
      '-D',
      this.dataDir,
      '-p',
      String(this.port),
      ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ];
    const { child, output } = spawnService(path.join(this.bin, 'postgres'), args, {
      ...this.user,
      env: { ...process.env, LC_ALL: 'C' },
    });
    this.child = child;
    this.exitHook = onExit(() => this.stopNow());
    await waitUntilUp('PostgreSQL', () => this.accepts(), child, output, START_TIMEOUT_MS);
  }

  private async accepts(): Promise<boolean> {
    const client = new pg.Client({ connectionString: this.url(), connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** A fresh, empty database on this server (one per test file keeps files independent). */
  async createDatabase(name = `t_${Math.random().toString(36).slice(2, 10)}`): Promise<string> {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad database name: ${name}`);
    const client = new pg.Client({ connectionString: this.url() });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    return this.url(name);
  }

  /** Fast shutdown (as an operator's restart): sessions are cut, committed data kept. */
  async stop(): Promise<void> {
    await this.signal('SIGINT');
  }

  /** SIGKILL of the postmaster (a crash); its backends exit when they notice. Data kept. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    child.kill(signal);
    await exited(child, STOP_TIMEOUT_MS);
    this.exitHook?.cancel();
    this.exitHook = null;
  }

  /** Stops the server and removes its directory. */
  async close(): Promise<void> {
    await this.stop();
    this.dirHook.cancel();
    removeDir(this.dir);
  }

  /** From an exit handler: immediate shutdown (it removes its shared memory); the dir hook follows. */
  private stopNow(): void {
    if (this.child?.pid !== undefined && this.child.exitCode === null) {
      const stopped = spawnSync(path.join(this.bin, 'pg_ctl'), ['stop', '-D', this.dataDir, '-m', 'immediate', '-w', '-t', '5'], {
        ...this.user,
        timeout: 6_000,
      });
      if (stopped.status !== 0) killNow(this.child.pid);
    }
  }
}

const SHARED = Symbol.for('persona-workshop.sharedPostgres');
type WithShared = typeof globalThis & { [SHARED]?: Promise<PostgresServer> };

/**
 * One PostgreSQL per test process, started on first use and stopped when the process exits:
 * initdb and start-up take about a second, a database on it a few milliseconds, so test
 * files share the server and each takes its own `createDatabase()`.
 */
export function sharedPostgres(): Promise<PostgresServer> {
  const global = globalThis as WithShared;
  global[SHARED] ??= PostgresServer.start();
  return global[SHARED];
}

/**
 * Stops and removes the shared server now (a test file's `afterAll`), rather than at process
 * exit: Vitest ends a worker with SIGTERM and SIGKILLs it 500 ms later, too soon on a loaded
 * machine for the exit hook to stop PostgreSQL and delete its directory, which was then left
 * half-deleted in /tmp. The next `sharedPostgres()` starts a new one.
 */
export async function closeSharedPostgres(): Promise<void> {
  const global = globalThis as WithShared;
  const shared = global[SHARED];
  delete global[SHARED];
  await (await shared?.catch(() => null))?.close();
}
