import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { exited, freePort, killNow, onExit, removeDir, spawnService, waitUntilUp } from './services';

/**
 * A throwaway redis-server for tests and scripts: loopback only, on a free port, its files in a
 * temporary directory, stopped and removed on `close()` or, whatever happens, when this process
 * exits. Debian's `redis-server` package (`npm run test:setup`) provides the binary.
 */

const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;

export interface RedisOptions {
  /** Keep an append-only file, so a restart keeps the data (off: a restart starts empty). */
  isPersistent?: boolean;
}

export class RedisServer {
  private child: ChildProcess | null = null;
  private exitHook: { cancel(): void } | null = null;
  /** The directory goes when this process exits, even if the server was stopped and never closed. */
  private readonly dirHook = onExit(() => removeDir(this.dir));

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly options: RedisOptions,
  ) {}

  static async start(options: RedisOptions = {}): Promise<RedisServer> {
    if (!existsSync(REDIS_SERVER))
      throw new Error('redis-server is not installed: run `npm run test:setup` (Debian package `redis-server`).');
    const server = new RedisServer(mkdtempSync(path.join(tmpdir(), 'pw-redis-')), await freePort(), options);
    try {
      await server.restart();
    } catch (error) {
      await server.close();
      throw error;
    }
    return server;
  }

  /** `redis://127.0.0.1:<port>` */
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts (again) on the same port and directory, e.g. after `stop()` or `kill()`. */
  async restart(): Promise<void> {
    if (this.child) throw new Error('redis-server is already running');
    const args = [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--dir',
      this.dir,
      '--save',
      '',
      '--appendonly',
      this.options.isPersistent ? 'yes' : 'no',
      '--daemonize',
      'no',
      '--logfile',
      '',
    ];
    const { child, output } = spawnService(REDIS_SERVER, args, {});
    this.child = child;
    this.exitHook = onExit(() => killNow(child.pid));
    await waitUntilUp('redis-server', () => this.answersPing(), child, output, START_TIMEOUT_MS);
  }

  private async answersPing(): Promise<boolean> {
    const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  }

  /** A polite stop (SIGTERM: redis-server writes its files and exits). */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  /** SIGKILL (a crash). */
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
}
