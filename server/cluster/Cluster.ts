import { createAdapter } from '@socket.io/redis-streams-adapter';
import { newId } from '../../lib/ids';
import type { Logger } from '../log';
import { ClusterBus } from './ClusterBus';
import { ClusterPresence, type GoneHandler } from './ClusterPresence';
import { redisLimiters, type LimiterFactory } from './rateLimiters';
import { RoomChannels, type RoomChannelCounts } from './RoomChannels';
import { connectRedis, type RedisClients } from './redisClients';

/** The socket.io adapter's Redis stream (one for the app's one namespace). */
export const ADAPTER_STREAM = 'pw:socket.io';

/**
 * The multi-instance mode (`REDIS_URL`): what one instance shares with the others through Redis.
 * socket.io rooms and broadcasts (the Redis Streams adapter), global rate limits, notices
 * (kicks, session changes) and presence. Without `REDIS_URL` none of this exists and the app
 * runs exactly as one process.
 */
export interface Cluster {
  readonly instanceId: string;
  readonly redis: RedisClients;
  /** For `new Server({ adapter })`. */
  readonly adapter: ReturnType<typeof createAdapter>;
  readonly limiters: LimiterFactory;
  readonly bus: ClusterBus;
  /** Each live workshop's channel: committed Yjs updates and presence between instances' replicas. */
  readonly rooms: RoomChannels;
  /** Wired by the control plane, which knows the roster (names and roles) to announce. */
  usePresence(onGone: GoneHandler, onRevived: () => void): ClusterPresence;
  close(): Promise<void>;
}

export async function startCluster(options: {
  redisUrl: string;
  log: Logger;
  countMessage?: (direction: 'sent' | 'received') => void;
  roomCounts: RoomChannelCounts;
}): Promise<Cluster> {
  const instanceId = newId();
  const log = options.log.child({ instance: instanceId });
  const redis = await connectRedis(options.redisUrl, log);
  const bus = new ClusterBus(redis, instanceId, log, options.countMessage);
  await bus.start();
  const rooms = new RoomChannels(redis, instanceId, log, options.roomCounts);
  let presence: ClusterPresence | null = null;
  let adapter: ReturnType<typeof createAdapter> | null = null;
  log.info('multi-instance mode: board updates, presence, socket.io, rate limits and kicks go through Redis');
  return {
    instanceId,
    redis,
    // Made on first use: it starts its stream readers at once, and they may only be stopped
    // through socket.io (io.close()), so nothing must start them that socket.io will not close.
    get adapter() {
      // Streams (not plain pub/sub): an instance whose Redis connection drops for a moment reads
      // on from where it was, so broadcasts are not lost in a short outage.
      adapter ??= createAdapter(redis.command, { streamName: ADAPTER_STREAM, channelPrefix: 'pw:socket.io', maxLen: 10_000 });
      return adapter;
    },
    limiters: redisLimiters(redis.command),
    bus,
    rooms,
    usePresence(onGone, onRevived) {
      presence = new ClusterPresence(redis, instanceId, log, onGone, onRevived);
      void presence.start();
      return presence;
    },
    async close() {
      await presence?.close();
      rooms.close();
      await redis.close();
    },
  };
}
