import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** What a limiter counts: `points` per `duration` seconds. */
export interface LimiterSpec {
  points: number;
  duration: number;
}

/**
 * Makes the rate limiters of the HTTP API (`JoinGuard`, `RequestLimits`). `name` keeps each
 * limiter's keys apart when they live in a shared store.
 */
export type LimiterFactory = (name: string, spec: LimiterSpec) => RateLimiterAbstract;

/** One instance (no `REDIS_URL`): the counts live in this process. */
export const memoryLimiters: LimiterFactory = (_name, spec) => new RateLimiterMemory(spec);

/** The prefix of every rate-limit key in Redis. */
export const RATE_LIMIT_KEY_PREFIX = 'pw:rl:';

/**
 * Several instances (`REDIS_URL`): one count per key for the whole cluster, in Redis (an atomic
 * Lua increment with the key's TTL as the window). While Redis is unreachable (or slower than the
 * client's command timeout) each instance falls back to an in-memory insurance limiter with the
 * same budget, so an outage neither blocks joins nor lifts the limits: each instance then applies
 * them alone (a cluster of N admits up to N times the budget until Redis is back).
 */
export function redisLimiters(client: Redis): LimiterFactory {
  return (name, spec) =>
    new RateLimiterRedis({
      ...spec,
      storeClient: client,
      keyPrefix: `${RATE_LIMIT_KEY_PREFIX}${name}`,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(spec),
    });
}
