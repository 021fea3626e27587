import { z } from 'zod';
import type { Logger } from '../log';
import type { RedisClients } from './redisClients';

/** The Redis pub/sub channel every instance listens on for cluster notices. */
export const NOTICE_CHANNEL = 'pw:notices';

const NoticeSchema = z.discriminatedUnion('kind', [
  /** A participant was removed: every instance ends their board and control sockets at once. */
  z.object({ kind: z.literal('kick'), participantId: z.string().max(64), reason: z.string().max(200) }),
  /** A workshop's session state changed: every instance rereads it from storage when next needed. */
  z.object({ kind: z.literal('session'), workshopId: z.string().max(64) }),
]);

export type Notice = z.infer<typeof NoticeSchema>;
type Handler<K extends Notice['kind']> = (notice: Extract<Notice, { kind: K }>) => void;

const EnvelopeSchema = z.object({ from: z.string().max(64), notice: z.unknown() });

/**
 * Notices between instances over Redis pub/sub: at most once, so each receiver also has a way to
 * catch up on what it may have missed (`RedisClients.onReconnect`: the app rechecks every local
 * connection against storage after an outage). A notice is acted on by every instance but its sender,
 * which has already acted locally.
 */
export class ClusterBus {
  private readonly handlers = new Map<Notice['kind'], ((notice: Notice) => void)[]>();

  constructor(
    private readonly redis: RedisClients,
    readonly instanceId: string,
    private readonly log: Logger,
    private readonly count: (direction: 'sent' | 'received') => void = () => undefined,
  ) {
    redis.subscriber.on('message', (channel: string, message: string) => {
      if (channel === NOTICE_CHANNEL) this.receive(message);
    });
  }

  /** Subscribes (ioredis renews the subscription after every reconnect). */
  async start(): Promise<void> {
    await this.redis.subscriber.subscribe(NOTICE_CHANNEL);
  }

  on<K extends Notice['kind']>(kind: K, handler: Handler<K>): void {
    const list = this.handlers.get(kind) ?? [];
    list.push(handler as (notice: Notice) => void);
    this.handlers.set(kind, list);
  }

  /** Fire and forget: while Redis is away the notice is lost, and the receivers' catch-up covers it. */
  publish(notice: Notice): void {
    this.count('sent');
    this.redis.command.publish(NOTICE_CHANNEL, JSON.stringify({ from: this.instanceId, notice })).catch((error: Error) => {
      this.log.warn({ kind: notice.kind, err: error.message }, 'cluster notice not sent (Redis unavailable)');
    });
  }

  private receive(message: string): void {
    let envelope;
    try {
      envelope = EnvelopeSchema.safeParse(JSON.parse(message));
    } catch {
      envelope = null;
    }
    const notice = envelope?.success ? NoticeSchema.safeParse(envelope.data.notice) : null;
    if (!envelope?.success || !notice?.success) {
      this.log.warn('malformed cluster notice ignored');
      return;
    }
    if (envelope.data.from === this.instanceId) return;
    this.count('received');
    for (const handler of this.handlers.get(notice.data.kind) ?? []) {
      try {
        handler(notice.data);
      } catch (error) {
        this.log.error({ kind: notice.data.kind, err: (error as Error).message }, 'cluster notice handler failed');
      }
    }
  }
}
