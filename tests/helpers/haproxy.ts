import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { exited, freePort, killNow, onExit, spawnService, waitUntilUp } from './services';

/**
 * The repository's balancer config (`deploy/haproxy.cfg`: WebSockets, health checks on /readyz,
 * no stickiness) run by Debian's `haproxy` (`npm run test:setup`) on a free loopback port, in
 * front of up to three instances. Stopped on `close()` or when this process exits.
 *
 * `roundrobin` (what most cluster tests want: a workshop's clients spread over the instances)
 * sets PW_ROUND_ROBIN; `affinity` runs the file as deployed: each workshop's board sockets on one
 * instance, by a consistent hash of /yjs/<CODE>.
 */
export type Balance = 'roundrobin' | 'affinity';

const HAPROXY = process.env.HAPROXY_BIN ?? '/usr/sbin/haproxy';
export const HAPROXY_CONFIG = path.resolve(import.meta.dirname, '../../deploy/haproxy.cfg');
/** The config names three servers (PW_APP1..3). */
export const HAPROXY_SERVERS = 3;
const START_TIMEOUT_MS = 15_000;

export class Haproxy {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly exitHook: { cancel(): void },
  ) {}

  /** Starts in front of `backends` (`host:port`, at most three); resolves once one backend is ready through it. */
  static async start(backends: string[], balance: Balance = 'roundrobin'): Promise<Haproxy> {
    if (!existsSync(HAPROXY)) throw new Error('haproxy is not installed: run `npm run test:setup` (Debian package `haproxy`).');
    if (backends.length === 0 || backends.length > HAPROXY_SERVERS)
      throw new Error(`deploy/haproxy.cfg balances 1-${HAPROXY_SERVERS} instances`);
    const port = await freePort();
    const env: Record<string, string> = { ...process.env, PW_BIND: `127.0.0.1:${port}` } as Record<string, string>;
    // Unused server lines point at the first backend (HAProxy needs an address for each).
    for (let i = 0; i < HAPROXY_SERVERS; i += 1) env[`PW_APP${i + 1}`] = backends[i] ?? backends[0]!;
    if (balance === 'roundrobin') env.PW_ROUND_ROBIN = '1';
    else delete env.PW_ROUND_ROBIN;
    const { child, output } = spawnService(HAPROXY, ['-db', '-f', HAPROXY_CONFIG], { env: env as NodeJS.ProcessEnv });
    const proxy = new Haproxy(
      child,
      port,
      onExit(() => killNow(child.pid)),
    );
    await waitUntilUp('haproxy', () => proxy.answers(), child, output, START_TIMEOUT_MS);
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  private async answers(): Promise<boolean> {
    try {
      return (await fetch(`${this.url}/readyz`)).ok;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.child.kill('SIGTERM');
    await exited(this.child, 5_000);
    this.exitHook.cancel();
  }
}
