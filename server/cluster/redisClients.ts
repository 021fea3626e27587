import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../log';

/**
 * The Redis connections of one instance in the multi-instance mode (`REDIS_URL`), and what a
 * Redis restart does to them: every client reconnects by itself (jittered backoff up to 2 s),
 * subscriptions are renewed, and `onReconnect` listeners resynchronise what may have been missed.
 * Nothing here throws at the app while Redis is away; commands fail fast instead (below).
 */

/** How long the instance waits for Redis at start-up before it refuses to start. */
export const REDIS_START_TIMEOUT_MS = 20_000;
/** A command that Redis has not answered in this long fails (the rate limits fall back to memory). */
const COMMAND_TIMEOUT_MS = 1_500;
const RECONNECT_MAX_MS = 2_000;

export interface RedisClients {
  /**
   * For commands: rate limits, presence, publishing notices, and the socket.io adapter (which
   * duplicates it for its own blocking reads and subscriptions). No offline queue: while Redis is
   * away a command fails at once, so a broadcast still reaches this instance's own clients and a
   * rate limit falls back to its in-memory insurance instead of waiting.
   */
  readonly command: Redis;
  /** Subscribed to the cluster notices; resubscribes after a reconnect. */
  readonly subscriber: Redis;
  /** `host:port` of the server, for logs (never the URL: it may hold a password). */
  readonly address: string;
  /**
   * Called each time Redis is back after either connection was lost (not on the first connect):
   * once the command connection is ready and the subscriber has renewed its subscriptions.
   */
  onReconnect(listener: () => void): void;
  isReady(): boolean;
  close(): Promise<void>;
}

/** Where a `redis://` URL points, without credentials. */
export function redisAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return '(invalid REDIS_URL)';
  }
}

const retryStrategy = (attempt: number): number =>
  Math.round(Math.min(RECONNECT_MAX_MS, 100 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random() / 2));

/**
 * Connects to Redis, waiting (with retries) up to `startTimeoutMs`; throws with a clear message if
 * it never answers. After that, losing Redis is logged once per outage and survived.
 */
export async function connectRedis(url: string, log: Logger, startTimeoutMs = REDIS_START_TIMEOUT_MS): Promise<RedisClients> {
  const address = redisAddress(url);
  const rlog = log.child({ redis: address });
  let isClosing = false;
  const closing = () => isClosing;
  const base: RedisOptions = { retryStrategy, lazyConnect: true, connectionName: 'persona-workshop' };
  const command = watch(
    new Redis(url, {
      ...base,
      enableOfflineQueue: false,
      commandTimeout: COMMAND_TIMEOUT_MS,
      maxRetriesPerRequest: 1,
    }),
    rlog,
    'commands',
    closing,
  );
  // The adapter duplicates the command client for its blocking stream reads and its subscriber:
  // those must wait for Redis across an outage (an offline queue, no timeout), or its read loop
  // would spin on instant failures. Tracked so `close()` ends them too.
  const duplicates = new Set<Redis>();
  const duplicate = command.duplicate.bind(command);
  command.duplicate = (override?: Partial<RedisOptions>) => {
    const client = duplicate({ ...override, enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined });
    duplicates.add(client);
    return client;
  };
  const subscriber = watch(new Redis(url, { ...base, maxRetriesPerRequest: null }), rlog, 'notices', closing);
  try {
    await Promise.all([waitReady(command, startTimeoutMs), waitReady(subscriber, startTimeoutMs)]);
  } catch (error) {
    command.disconnect();
    subscriber.disconnect();
    throw new Error(`Redis at ${address} (REDIS_URL) did not answer within ${startTimeoutMs / 1000} s: ${(error as Error).message}`);
  }
  rlog.info('connected to Redis');
  const reconnectListeners: (() => void)[] = [];
  // Registered after the first 'ready': every later one is a reconnect. The two connections come
  // back on their own backoffs, and what was published while the subscriber was away is lost to
  // it (pub/sub is at most once): so the listeners run once both are back, after the subscriber's
  // renewed subscriptions are in force (a PING on that connection answers after them), never
  // while either is still away. A storage read they make then sees every change whose notice
  // this instance missed.
  const bothBack = () => {
    if (command.status !== 'ready' || subscriber.status !== 'ready') return;
    for (const listener of reconnectListeners) listener();
  };
  command.on('ready', bothBack);
  // ioredis writes the renewed SUBSCRIBEs right after emitting 'ready', in the same turn: the PING
  // goes after them, on the next microtask.
  subscriber.on('ready', () => queueMicrotask(() => void subscriber.ping().then(bothBack, () => undefined)));
  return {
    command,
    subscriber,
    address,
    onReconnect: (listener) => void reconnectListeners.push(listener),
    isReady: () => command.status === 'ready',
    close: async () => {
      isClosing = true;
      reconnectListeners.length = 0;
      for (const client of [command, subscriber, ...duplicates]) client.disconnect();
    },
  };
}

/** Logs the first error of an outage and the recovery, not every retry. */
function watch(client: Redis, log: Logger, role: string, isClosing: () => boolean): Redis {
  let lostAt: number | null = null;
  let hasWarned = false;
  const lost = (err: string | undefined) => {
    if (isClosing()) return;
    lostAt ??= Date.now();
    if (hasWarned) return;
    hasWarned = true;
    log.warn({ role, err }, 'Redis connection lost; reconnecting');
  };
  client.on('error', (error: Error) => lost(error.message));
  client.on('close', () => lost(undefined));
  client.on('ready', () => {
    if (lostAt !== null) log.info({ role, downMs: Date.now() - lostAt }, 'Redis connection back');
    lostAt = null;
    hasWarned = false;
  });
  return client;
}

async function waitReady(client: Redis, timeoutMs: number): Promise<void> {
  let lastError: Error | null = null;
  const onError = (error: Error) => (lastError = error);
  client.on('error', onError);
  try {
    await Promise.race([
      new Promise<void>((resolve) => client.once('ready', () => resolve())),
      new Promise<never>((_, reject) => setTimeout(() => reject(lastError ?? new Error('timed out')), timeoutMs).unref()),
      client.connect().then(
        () => new Promise<never>(() => undefined),
        () => new Promise<never>(() => undefined), // a failed first attempt is retried by retryStrategy
      ),
    ]);
  } finally {
    client.off('error', onError);
  }
}
