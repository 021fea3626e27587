import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppProcess, freePort } from './AppProcess';
import { Haproxy, type Balance } from './haproxy';
import { PostgresServer } from './postgres';
import { RedisServer } from './redis';
import { onExit, removeDir } from './services';

/**
 * The scaled-out topology on one machine, for `npm run test:cluster`: Redis, N instances of the
 * built app (`node dist/main.mjs`, each its own PORT, the same REDIS_URL and storage) and HAProxy
 * with the repository's `deploy/haproxy.cfg` in front (round robin unless `balance` says otherwise), all on 127.0.0.1 in temporary directories,
 * all stopped by `close()` (and by this process's exit, whatever happens).
 *
 * Storage:
 * - `shared-sqlite` (today): the instances share one SQLite DATA_DIR. Safe only for what the
 *   cluster tests do with it now: workshops, participants, tokens and the session (reread after
 *   another instance's change), with no board writes (each instance would keep and compact its own
 *   copy of a Yjs doc over the others').
 * - `postgres`: a throwaway PostgreSQL and `DATABASE_URL` (`databaseUrl`, to read what is stored),
 *   for the board scenarios (`tests/cluster/chaos.test.ts`).
 */
export interface ClusterOptions {
  instances?: number;
  storage?: 'shared-sqlite' | 'postgres';
  /** Extra environment for every instance (limits, log level). */
  env?: Record<string, string>;
  /** How the balancer spreads clients (default round robin: a workshop's clients on every instance). */
  balance?: Balance;
}

export class TestCluster {
  private constructor(
    readonly redis: RedisServer,
    readonly postgres: PostgresServer | null,
    readonly apps: AppProcess[],
    readonly balancer: Haproxy,
    /** The instances' `DATABASE_URL` (null with shared SQLite), for reading what is stored. */
    readonly databaseUrl: string | null,
    private readonly dataDir: string,
    private readonly dirHook: { cancel(): void },
  ) {}

  static async start(options: ClusterOptions = {}): Promise<TestCluster> {
    const count = options.instances ?? 3;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pw-cluster-'));
    const dirHook = onExit(() => removeDir(dataDir));
    const started: { stop(): Promise<unknown> }[] = [];
    try {
      // Redis and PostgreSQL start together; whichever came up is stopped if the other did not.
      const [redisStart, postgresStart] = await Promise.allSettled([
        RedisServer.start(),
        options.storage === 'postgres' ? PostgresServer.start() : null,
      ]);
      for (const part of [redisStart, postgresStart]) {
        const server = part.status === 'fulfilled' ? part.value : null;
        if (server) started.push({ stop: () => server.close() });
      }
      if (redisStart.status === 'rejected') throw redisStart.reason;
      if (postgresStart.status === 'rejected') throw postgresStart.reason;
      const redis = redisStart.value;
      const postgres = postgresStart.value;
      const databaseUrl = postgres ? await postgres.createDatabase() : null;
      const storageEnv: Record<string, string> = databaseUrl ? { DATABASE_URL: databaseUrl } : {};
      const env = { REDIS_URL: redis.url, TRUST_PROXY: '1', ...storageEnv, ...options.env };
      const apps: AppProcess[] = [];
      for (let i = 0; i < count; i += 1) apps.push(new AppProcess(await freePort(), dataDir, env));
      for (const app of apps) started.push({ stop: () => app.stop('SIGKILL') });
      // The first creates the database schema alone; the others find it, and start together.
      await apps[0]!.start();
      await Promise.all(apps.slice(1).map((app) => app.start()));
      const balancer = await Haproxy.start(
        apps.map((app) => `127.0.0.1:${app.port}`),
        options.balance,
      );
      return new TestCluster(redis, postgres, apps, balancer, databaseUrl, dataDir, dirHook);
    } catch (error) {
      // A failed start leaves nothing running either.
      for (const part of started.reverse()) await part.stop().catch(() => undefined);
      dirHook.cancel();
      removeDir(dataDir);
      throw error;
    }
  }

  /** Where clients connect: the balancer. */
  get url(): string {
    return this.balancer.url;
  }

  /** Every process this cluster started (for the "nothing left running" check). */
  pids(): number[] {
    return [this.redis.pid, this.postgres?.pid, this.balancer.pid, ...this.apps.map((app) => app.pid)].filter(
      (pid): pid is number => pid !== undefined,
    );
  }

  /** Open connections on each instance (from its /metrics; loopback may scrape): socket.io, or board WebSockets. */
  async connections(kind: 'control' | 'yjs' = 'control'): Promise<number[]> {
    return Promise.all(
      this.apps.map(async (app) => {
        if (app.pid === undefined) return 0;
        const text = await (await fetch(`${app.url}/metrics`)).text();
        return Number(new RegExp(`^persona_workshop_connections\\{kind="${kind}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
      }),
    );
  }

  async close(): Promise<void> {
    await this.balancer.close();
    await Promise.all(this.apps.map((app) => app.stop('SIGTERM')));
    await this.redis.close();
    await this.postgres?.close();
    this.dirHook.cancel();
    removeDir(this.dataDir);
  }
}
