import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RoomChannelCounts } from '../cluster/RoomChannels';
import type { RoomHooks } from '../yjs/YjsRoom';

const PREFIX = 'persona_workshop_';

/** What the gauges read when scraped (live counts, never copies kept in step). */
export interface MetricSources {
  rooms(): number;
  /** Rooms another instance may also have open (multi-instance mode; 0 without it). */
  sharedRooms(): number;
  yjsConnections(): number;
  controlConnections(): number;
  isReady(): boolean;
}

export type UpdateRefusal = 'schema' | 'locked';
export type RateLimit = 'http' | 'yjs_messages' | 'control_commands';

/**
 * The Prometheus metrics of one server instance, in a registry of its own: several servers
 * live in one test process, so nothing is registered in prom-client's global registry.
 */
export class Metrics {
  readonly registry = new Registry();
  private hasProcessMetrics = false;

  readonly updatesCommitted = new Counter({
    name: `${PREFIX}yjs_updates_committed_total`,
    help: 'Yjs updates committed to storage (and then broadcast). rate() gives updates per second.',
    registers: [this.registry],
  });
  readonly updateCommitSeconds = new Histogram({
    name: `${PREFIX}yjs_update_commit_seconds`,
    help: "Time from an update's arrival to its group commit, i.e. how long it waits before anyone else sees it.",
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly updateCommitFailures = new Counter({
    name: `${PREFIX}yjs_update_commit_failures_total`,
    help: 'Updates whose commit failed (their room was closed so clients resync).',
    registers: [this.registry],
  });
  readonly updatesRefused = new Counter({
    name: `${PREFIX}yjs_updates_refused_total`,
    help: 'Board updates refused (in band): schema (validator: shape, rules, limits, client ids) or locked (participant write on a locked board).',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: `${PREFIX}rate_limited_total`,
    help: 'Requests refused by a rate limit: http (429 answers), yjs_messages (4008 closes), control_commands.',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });
  readonly joins = new Counter({
    name: `${PREFIX}joins_total`,
    help: 'Sessions handed out: participant joins and facilitator sessions.',
    labelNames: ['role'] as const,
    registers: [this.registry],
  });
  readonly exports = new Counter({
    name: `${PREFIX}exports_total`,
    help: 'Board exports by format and HTTP status.',
    labelNames: ['format', 'status'] as const,
    registers: [this.registry],
  });
  readonly exportSeconds = new Histogram({
    name: `${PREFIX}export_seconds`,
    help: 'Time to answer an export request (PDF renders dominate).',
    labelNames: ['format'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32],
    registers: [this.registry],
  });
  readonly httpResponses = new Counter({
    name: `${PREFIX}http_responses_total`,
    help: 'HTTP responses by status class (pages, API, probes).',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  /** Messages to and from other instances (the multi-instance mode); 0 in single-instance mode. */
  readonly crossInstanceMessages = new Counter({
    name: `${PREFIX}cross_instance_messages_total`,
    help: 'Messages exchanged with other instances through Redis (notices and room messages), by direction: sent, received (0 without REDIS_URL).',
    labelNames: ['direction'] as const,
    registers: [this.registry],
  });
  readonly crossInstanceRoomMessages = new Counter({
    name: `${PREFIX}cross_instance_room_messages_total`,
    help: "Room messages on workshops' Redis channels by direction and kind: update (committed Yjs updates), stored (too large to carry: read from storage), awareness, awareness-query.",
    labelNames: ['direction', 'kind'] as const,
    registers: [this.registry],
  });
  readonly crossInstanceBytes = new Counter({
    name: `${PREFIX}cross_instance_bytes_total`,
    help: "Bytes of room messages published to and received from workshops' Redis channels.",
    labelNames: ['direction'] as const,
    registers: [this.registry],
  });
  readonly crossInstanceMalformed = new Counter({
    name: `${PREFIX}cross_instance_malformed_total`,
    help: 'Messages from Redis refused as malformed (not parsed, or an update that does not decode); each was logged and ignored.',
    registers: [this.registry],
  });
  readonly crossInstanceGapsRecovered = new Counter({
    name: `${PREFIX}cross_instance_gaps_recovered_total`,
    help: 'Times a room found updates missing (a message lost on Redis, or a silent Redis) and read them from storage.',
    registers: [this.registry],
  });

  constructor(sources: MetricSources) {
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name: `${PREFIX}${name}`,
        help,
        registers: [this.registry],
        collect() {
          this.set(read());
        },
      });
    gauge('rooms', 'Workshops resident in memory (rooms with at least one connection).', sources.rooms);
    gauge(
      'rooms_shared',
      'Rooms that another instance may also have open: their commits and presence go through Redis. With workshop affinity, normally 0.',
      sources.sharedRooms,
    );
    new Gauge({
      name: `${PREFIX}connections`,
      help: 'Open connections by kind: yjs (board WebSockets) and control (socket.io).',
      labelNames: ['kind'] as const,
      registers: [this.registry],
      collect() {
        this.set({ kind: 'yjs' }, sources.yjsConnections());
        this.set({ kind: 'control' }, sources.controlConnections());
      },
    });
    gauge('ready', '1 while the instance takes traffic, 0 while starting or draining.', () => (sources.isReady() ? 1 : 0));
    for (const direction of ['sent', 'received']) {
      this.crossInstanceMessages.inc({ direction }, 0);
      this.crossInstanceBytes.inc({ direction }, 0);
      for (const kind of ['update', 'stored', 'awareness', 'awareness-query']) this.crossInstanceRoomMessages.inc({ direction, kind }, 0);
    }
    for (const reason of ['schema', 'locked']) this.updatesRefused.inc({ reason }, 0);
    for (const limit of ['http', 'yjs_messages', 'control_commands']) this.rateLimited.inc({ limit }, 0);
  }

  /** The rooms' hooks that feed the update metrics (spread into the RoomRegistry's hooks). */
  roomHooks(): Pick<RoomHooks, 'onUpdateRefused' | 'onRateLimited' | 'onCommitted' | 'onCommitFailed' | 'onGapRecovered' | 'onMalformed'> {
    return {
      onGapRecovered: () => this.crossInstanceGapsRecovered.inc(),
      onMalformed: () => this.crossInstanceMalformed.inc(),
      onUpdateRefused: (_conn, reason) => this.updatesRefused.inc({ reason }),
      onRateLimited: () => this.rateLimited.inc({ limit: 'yjs_messages' }),
      onCommitted: (waitsMs) => {
        this.updatesCommitted.inc(waitsMs.length);
        for (const waitMs of waitsMs) this.updateCommitSeconds.observe(waitMs / 1000);
      },
      onCommitFailed: (count) => this.updateCommitFailures.inc(count),
    };
  }

  /** What the workshops' Redis channels count (`RoomChannels`). */
  roomChannelCounts(): RoomChannelCounts {
    return {
      message: (direction, kind, bytes) => {
        this.crossInstanceMessages.inc({ direction });
        this.crossInstanceRoomMessages.inc({ direction, kind });
        this.crossInstanceBytes.inc({ direction }, bytes);
      },
      malformed: () => this.crossInstanceMalformed.inc(),
    };
  }

  /**
   * The Prometheus text exposition. Process metrics (CPU, memory, event-loop lag, GC) start on
   * the first scrape: each set runs an event-loop delay monitor and a GC observer for the life
   * of the process, which test processes holding dozens of servers should not pay for.
   */
  async exposition(): Promise<string> {
    if (!this.hasProcessMetrics) {
      this.hasProcessMetrics = true;
      collectDefaultMetrics({ register: this.registry });
    }
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
