import type { RedisClients } from './redisClients';

/** How often an instance asks Redis who else listens on its rooms' channels. */
export const PEER_COUNT_INTERVAL_MS = 5_000;
/** Channels per `PUBSUB NUMSUB` (an instance with thousands of live rooms asks in slices). */
const CHANNELS_PER_COUNT = 500;

interface Entry {
  /** Another instance may have this room open: what this one commits goes out. */
  isShared: boolean;
  /** This instance's own subscription is in force (so a count of one is itself). */
  isSubscribed: boolean;
  /** When a message from another instance last came on the channel (`performance.now()`). */
  heardAt: number;
}

/**
 * Which of this instance's room channels another instance also listens on. A room alone on its
 * instance (the usual case behind the shipped balancer, which keeps a workshop's board sockets on
 * one instance) publishes nothing: no `PUBLISH`, and no echo to read back and drop. An instance
 * learns of a peer the moment it hears from one (an instance that opens a room asks the others
 * for their presence at once), and every few seconds asks Redis how many listen on each channel
 * (`PUBSUB NUMSUB`): one, itself, means alone. Whenever that is not certain (a room just opened,
 * Redis away, an answer that may predate a reconnect's renewed subscriptions) the room counts as
 * shared and publishes. A newcomer reads storage once just after opening, which covers the
 * moment before its owner heard of it (`RoomReplication.start`).
 */
export class ChannelPeers {
  private readonly entries = new Map<string, Entry>();
  /** False from the subscriber connection's loss until its subscriptions are renewed. */
  private isTrusted = true;
  /** Counts the subscriber's losses: an answer that spans one is not used. */
  private epoch = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly redis: RedisClients) {
    redis.subscriber.on('close', () => {
      this.isTrusted = false;
      this.epoch += 1;
      for (const entry of this.entries.values()) entry.isShared = true;
    });
    redis.onReconnect(() => (this.isTrusted = true));
    this.timer = setInterval(() => void this.count([...this.entries.keys()]), PEER_COUNT_INTERVAL_MS);
    this.timer.unref();
  }

  /**
   * A channel this instance is subscribing to: shared until counted. Returns what to call once
   * the subscription is in force (it is counted then; a call for a channel removed or added again
   * since does nothing).
   */
  add(channel: string): () => void {
    const entry: Entry = { isShared: true, isSubscribed: false, heardAt: 0 };
    this.entries.set(channel, entry);
    return () => {
      if (this.entries.get(channel) !== entry) return;
      entry.isSubscribed = true;
      void this.count([channel]);
    };
  }

  remove(channel: string): void {
    this.entries.delete(channel);
  }

  /** Another instance spoke on the channel: it has the room open. */
  heard(channel: string): void {
    const entry = this.entries.get(channel);
    if (!entry) return;
    entry.isShared = true;
    entry.heardAt = performance.now();
  }

  /** Whether what this instance commits for the channel's room must be published. */
  isShared(channel: string): boolean {
    return this.entries.get(channel)?.isShared ?? true;
  }

  /** How many of this instance's channels count as shared now (for the metrics). */
  sharedCount(): number {
    let count = 0;
    for (const entry of this.entries.values()) if (entry.isShared) count += 1;
    return count;
  }

  close(): void {
    clearInterval(this.timer);
  }

  private async count(channels: string[]): Promise<void> {
    for (let start = 0; start < channels.length; start += CHANNELS_PER_COUNT) {
      if (!this.isTrusted) return;
      const { epoch } = this;
      const askedAt = performance.now();
      let reply: unknown[];
      try {
        reply = (await this.redis.command.pubsub('NUMSUB', ...channels.slice(start, start + CHANNELS_PER_COUNT))) as unknown[];
      } catch {
        return; // Redis away: the subscriber's loss marked every room shared
      }
      if (!this.isTrusted || epoch !== this.epoch) return;
      for (let i = 0; i + 1 < reply.length; i += 2) {
        const entry = this.entries.get(String(reply[i]));
        if (!entry) continue;
        const isAlone = Number(reply[i + 1]) === 1 && entry.isSubscribed && entry.heardAt < askedAt;
        entry.isShared = !isAlone;
      }
    }
  }
}
