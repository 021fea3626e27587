import type { Logger } from '../log';
import { ChannelPeers } from './ChannelPeers';
import type { RoomRelay, RelayChannel, RelayListener } from '../yjs/RoomRelay';
import { encodeRoomMessage, parseRoomMessage, roomChannel, senderOf, type RoomMessage } from './roomMessages';
import type { RedisClients } from './redisClients';

/** What the metrics count (`persona_workshop_cross_instance_*`). */
export interface RoomChannelCounts {
  message(direction: 'sent' | 'received', kind: RoomMessage['kind'], bytes: number): void;
  malformed(): void;
}

/** How long a room's load waits for its channel's subscription before it goes on without. */
const SUBSCRIBE_WAIT_MS = 1_000;
/** Messages held for a room still loading; past this the oldest go (the room catches up from storage). */
const MAX_HELD_MESSAGES = 1_000;

/**
 * One Redis pub/sub channel per workshop with a live room on this instance (`pw:room:<id>`):
 * committed Yjs updates and presence go out to the other instances' replicas of the room, and
 * theirs come in. At most once: whatever Redis drops is read back from storage by the room (a gap
 * in the seqs, or its periodic check). A room subscribes before it loads; what arrives meanwhile
 * is held and handed over when it attaches. Messages from this instance itself are ignored. A
 * room that no other instance has open publishes nothing (`ChannelPeers`).
 */
export class RoomChannels implements RoomRelay {
  private readonly channels = new Map<string, Subscription>();
  private readonly peers: ChannelPeers;

  constructor(
    private readonly redis: RedisClients,
    readonly instanceId: string,
    private readonly log: Logger,
    private readonly counts: RoomChannelCounts,
  ) {
    this.peers = new ChannelPeers(redis);
    redis.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel.toString(), message));
  }

  async open(workshopId: string): Promise<RelayChannel> {
    const channel = roomChannel(workshopId);
    const subscription = new Subscription(this, workshopId, this.log);
    const existing = this.channels.get(channel);
    this.channels.set(channel, subscription);
    // A room that reloads (closed, then opened again) replaces its old subscription; Redis counts
    // one subscription per channel, so the old one, released later, never unsubscribes the new.
    if (existing) return subscription;
    const inForce = this.peers.add(channel);
    // While Redis is away the subscriber queues the command until it is back: the room does not
    // wait for that. It loads and works; what it misses meanwhile it reads from storage (the
    // reconnect's catch-up, a gap, or the periodic check).
    let timer: NodeJS.Timeout | undefined;
    const subscribed = this.redis.subscriber.subscribe(channel).then(
      () => true,
      () => false,
    );
    const isSubscribed = await Promise.race([
      subscribed,
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), SUBSCRIBE_WAIT_MS))),
    ]);
    clearTimeout(timer);
    // Counted once in force (also when that comes after the wait, as when Redis was away).
    void subscribed.then((isDone) => {
      if (isDone) inForce();
    });
    if (!isSubscribed) this.log.warn({ workshopId }, 'room channel not subscribed yet (Redis unavailable): storage fills in');
    return subscription;
  }

  /** Called by a subscription when its room closed. */
  release(subscription: Subscription): void {
    const channel = roomChannel(subscription.workshopId);
    if (this.channels.get(channel) !== subscription) return;
    this.channels.delete(channel);
    this.peers.remove(channel);
    this.redis.subscriber.unsubscribe(channel).catch(() => undefined);
  }

  /** Rooms of this instance that another instance may also have open (`rooms_shared`). */
  sharedCount(): number {
    return this.peers.sharedCount();
  }

  hasPeers(workshopId: string): boolean {
    return this.peers.isShared(roomChannel(workshopId));
  }

  publish(message: RoomMessage): void {
    const channel = roomChannel(message.workshopId);
    // Alone with the room: nobody would read it. A query is how a newcomer makes itself known.
    if (message.kind !== 'awareness-query' && !this.peers.isShared(channel)) return;
    const bytes = encodeRoomMessage(message);
    this.counts.message('sent', message.kind, bytes.byteLength);
    this.redis.command.publish(channel, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).catch((error: Error) => {
      // Lost: the receivers find the gap (next message, or their periodic check) and read storage.
      this.log.debug({ workshopId: message.workshopId, kind: message.kind, err: error.message }, 'room message not sent');
    });
  }

  close(): void {
    this.peers.close();
  }

  countMalformed(): void {
    this.counts.malformed();
  }

  private receive(channel: string, bytes: Buffer): void {
    const subscription = this.channels.get(channel);
    if (!subscription) return; // the notices channel, or a room that just closed
    const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (senderOf(view) === this.instanceId) return; // our own, echoed: not worth a parse
    this.peers.heard(channel);
    const message = parseRoomMessage(channel, view);
    if (!message) {
      this.counts.malformed();
      this.log.warn({ workshopId: subscription.workshopId, bytes: bytes.byteLength }, 'malformed room message ignored');
      return;
    }
    this.counts.message('received', message.kind, bytes.byteLength);
    subscription.deliver(message);
  }
}

class Subscription implements RelayChannel {
  private listener: RelayListener | null = null;
  private held: RoomMessage[] = [];

  constructor(
    private readonly channels: RoomChannels,
    readonly workshopId: string,
    private readonly log: Logger,
  ) {}

  attach(listener: RelayListener): void {
    this.listener = listener;
    const held = this.held;
    this.held = [];
    for (const message of held) this.deliver(message);
  }

  deliver(message: RoomMessage): void {
    if (!this.listener) {
      this.held.push(message);
      if (this.held.length > MAX_HELD_MESSAGES) this.held.shift();
      return;
    }
    try {
      if (message.kind === 'update') this.listener.update(message.first, message.last, message.update);
      else if (message.kind === 'stored') this.listener.stored(message.first, message.last);
      else if (message.kind === 'awareness') this.listener.awareness(message.update);
      else this.listener.awarenessQuery();
    } catch (error) {
      // Parsed, but its content did not hold up (e.g. presence that does not decode): ignored.
      this.channels.countMalformed();
      this.log.warn({ workshopId: this.workshopId, kind: message.kind, err: (error as Error).message }, 'room message refused');
    }
  }

  hasPeers(): boolean {
    return this.channels.hasPeers(this.workshopId);
  }

  publishUpdate(first: number, last: number, update: Uint8Array | null): void {
    const base = { from: this.channels.instanceId, workshopId: this.workshopId, first, last };
    this.channels.publish(update ? { kind: 'update', ...base, update } : { kind: 'stored', ...base });
  }

  publishAwareness(update: Uint8Array): void {
    this.channels.publish({ kind: 'awareness', from: this.channels.instanceId, workshopId: this.workshopId, update });
  }

  queryAwareness(): void {
    this.channels.publish({ kind: 'awareness-query', from: this.channels.instanceId, workshopId: this.workshopId });
  }

  close(): void {
    this.listener = null;
    this.held = [];
    this.channels.release(this);
  }
}
