import type { Logger } from '../log';
import type { RedisClients } from './redisClients';

/** How often an instance renews its liveness key and rewrites its presence. */
export const PRESENCE_HEARTBEAT_MS = 2_000;
/** An instance that has not renewed its liveness key for this long is gone: its participants go offline. */
export const PRESENCE_TTL_MS = 10_000;

const INSTANCES = 'pw:instances';
const aliveKey = (instanceId: string) => `pw:alive:${instanceId}`;
const presenceKey = (instanceId: string) => `pw:presence:${instanceId}`;
const field = (workshopId: string, participantId: string) => `${workshopId}/${participantId}`;

/** Someone was online only on an instance that is gone. */
export type GoneHandler = (workshopId: string, participantIds: string[]) => void;

/**
 * Who is online across instances (socket.io connections, for the roster). Each instance keeps a
 * hash of its own connection counts (`workshop/participant → sockets`) and a liveness key with a
 * TTL, both renewed every heartbeat; Redis' own clock expires them, so instances need no
 * synchronised clocks. An instance killed with `kill -9` stops renewing; after `PRESENCE_TTL_MS`
 * the first survivor to claim it (an atomic `SREM`) tells the rooms its participants went offline,
 * unless they are connected elsewhere. The full rewrite on every heartbeat also restores
 * everything after Redis restarts empty.
 */
export class ClusterPresence {
  /** This instance's connection counts, the truth the Redis hash mirrors. */
  private readonly local = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private isClosed = false;

  constructor(
    private readonly redis: RedisClients,
    readonly instanceId: string,
    private readonly log: Logger,
    private readonly onGone: GoneHandler,
    /** Called when this instance finds itself declared gone (it was paused or cut off): re-announce its people. */
    private readonly onRevived: () => void = () => undefined,
    heartbeatMs = PRESENCE_HEARTBEAT_MS,
    private readonly ttlMs = PRESENCE_TTL_MS,
  ) {
    this.timer = setInterval(() => void this.heartbeat(), heartbeatMs);
    this.timer.unref();
  }

  /** Announces this instance (call once before serving). */
  start(): Promise<void> {
    return this.heartbeat();
  }

  /** Records this instance's socket count for a participant (0 removes them). */
  set(workshopId: string, participantId: string, sockets: number): void {
    const key = field(workshopId, participantId);
    const command =
      sockets > 0
        ? this.redis.command.hset(presenceKey(this.instanceId), key, sockets)
        : this.redis.command.hdel(presenceKey(this.instanceId), key);
    if (sockets > 0) this.local.set(key, sockets);
    else this.local.delete(key);
    // While Redis is away the next heartbeat after it returns writes the whole hash again.
    command.catch(() => undefined);
  }

  /**
   * Which of these participants have a socket.io connection on any live instance. Without Redis
   * it answers from this instance alone (better a roster that misses people elsewhere than none).
   */
  async online(workshopId: string, participantIds: readonly string[]): Promise<Set<string>> {
    const online = new Set(participantIds.filter((id) => this.local.has(field(workshopId, id))));
    if (participantIds.length === 0) return online;
    try {
      const instances = (await this.redis.command.smembers(INSTANCES)).filter((id) => id !== this.instanceId);
      if (instances.length === 0) return online;
      const fields = participantIds.map((id) => field(workshopId, id));
      const pipeline = this.redis.command.pipeline();
      for (const id of instances) pipeline.exists(aliveKey(id)).hmget(presenceKey(id), ...fields);
      const results = (await pipeline.exec()) ?? [];
      instances.forEach((_, i) => {
        const [, isAlive] = results[i * 2] ?? [];
        const [, counts] = results[i * 2 + 1] ?? [];
        if (isAlive !== 1 || !Array.isArray(counts)) return;
        counts.forEach((count, j) => {
          if (count !== null) online.add(participantIds[j]!);
        });
      });
    } catch (error) {
      this.log.debug({ err: (error as Error).message }, 'presence read from this instance only (Redis unavailable)');
    }
    return online;
  }

  private async heartbeat(): Promise<void> {
    if (this.isClosed) return;
    try {
      const hash = presenceKey(this.instanceId);
      const multi = this.redis.command
        .multi()
        .set(aliveKey(this.instanceId), '1', 'PX', this.ttlMs)
        .sadd(INSTANCES, this.instanceId)
        .del(hash);
      if (this.local.size > 0) multi.hset(hash, Object.fromEntries(this.local)).pexpire(hash, this.ttlMs * 6);
      const results = await multi.exec();
      const added = results?.[1]?.[1];
      await this.sweep();
      if (added === 1 && this.local.size > 0) this.onRevived();
    } catch (error) {
      this.log.debug({ err: (error as Error).message }, 'presence heartbeat failed (Redis unavailable)');
    }
  }

  /** Claims the instances whose liveness key expired and takes their participants offline. */
  private async sweep(): Promise<void> {
    const instances = (await this.redis.command.smembers(INSTANCES)).filter((id) => id !== this.instanceId);
    if (instances.length === 0) return;
    const pipeline = this.redis.command.pipeline();
    for (const id of instances) pipeline.exists(aliveKey(id));
    const alive = (await pipeline.exec()) ?? [];
    for (const [i, id] of instances.entries()) {
      if (alive[i]?.[1] !== 0) continue;
      // Exactly one survivor removes it from the set, and only that one announces its people.
      if ((await this.redis.command.srem(INSTANCES, id)) !== 1) continue;
      const hash = presenceKey(id);
      const entries = Object.keys(await this.redis.command.hgetall(hash));
      await this.redis.command.del(hash);
      this.log.info({ instance: id, participants: entries.length }, 'instance gone: its participants go offline');
      await this.announceGone(entries);
    }
  }

  private async announceGone(entries: string[]): Promise<void> {
    const byWorkshop = new Map<string, string[]>();
    for (const entry of entries) {
      const [workshopId, participantId] = entry.split('/');
      if (!workshopId || !participantId) continue;
      byWorkshop.set(workshopId, [...(byWorkshop.get(workshopId) ?? []), participantId]);
    }
    for (const [workshopId, participantIds] of byWorkshop) {
      const stillOnline = await this.online(workshopId, participantIds);
      const gone = participantIds.filter((id) => !stillOnline.has(id));
      if (gone.length > 0) this.onGone(workshopId, gone);
    }
  }

  /** Leaves the cluster at once (a drain or a stop), so nobody waits for the TTL. */
  async close(): Promise<void> {
    this.isClosed = true;
    clearInterval(this.timer);
    await this.redis.command
      .multi()
      .del(aliveKey(this.instanceId), presenceKey(this.instanceId))
      .srem(INSTANCES, this.instanceId)
      .exec()
      .catch(() => undefined);
  }
}
