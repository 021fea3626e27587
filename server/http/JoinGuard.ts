import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { memoryLimiters, type LimiterFactory } from '../cluster/rateLimiters';

export interface JoinGuardLimits {
  /** Failed attempts (unknown code, bad key) one address may make per minute. */
  failuresPerIpPerMinute: number;
  /** Failed attempts across all addresses per minute: caps a distributed guesser. */
  failuresPerMinute: number;
  /**
   * Once `failuresPerMinute` is spent, an address with fewer than `fewFailures` failures this
   * minute may still try (a class where a student mistyped the code still joins during an attack
   * elsewhere); those failures have a global cap of their own, so a botnet stays bounded.
   */
  firstFailuresPerMinute: number;
  fewFailures: number;
  /** Workshops one address may create per minute. */
  createsPerIpPerMinute: number;
}

export const DEFAULT_JOIN_LIMITS: JoinGuardLimits = {
  failuresPerIpPerMinute: 10,
  failuresPerMinute: 300,
  firstFailuresPerMinute: 3000,
  fewFailures: 3,
  createsPerIpPerMinute: 20,
};

/**
 * Slows down room-code guessing. Only failures count, so a class of 30 behind one NAT joins
 * freely while a guesser gets a handful of tries a minute. When guessers from many addresses
 * spend the global budget, addresses with only a few failures this minute are still let through
 * (under a second global cap): an attack elsewhere does not lock a class out of its room.
 */
export class JoinGuard {
  private readonly perIp: RateLimiterAbstract;
  private readonly global: RateLimiterAbstract;
  private readonly firstFailures: RateLimiterAbstract;
  private readonly creates: RateLimiterAbstract;

  /** `limiters`: in memory for one instance, in Redis (global) for several (`server/cluster/rateLimiters.ts`). */
  constructor(
    private readonly limits: JoinGuardLimits = DEFAULT_JOIN_LIMITS,
    limiters: LimiterFactory = memoryLimiters,
  ) {
    this.perIp = limiters('join-failures-ip', { points: limits.failuresPerIpPerMinute, duration: 60 });
    this.global = limiters('join-failures', { points: limits.failuresPerMinute, duration: 60 });
    this.firstFailures = limiters('join-first-failures', { points: limits.firstFailuresPerMinute, duration: 60 });
    this.creates = limiters('creates-ip', { points: limits.createsPerIpPerMinute, duration: 60 });
  }

  /** Seconds to wait before trying again, or 0 when the address may try now. */
  async retryAfterSeconds(ip: string): Promise<number> {
    const [mine, all, firsts] = await Promise.all([this.perIp.get(ip), this.global.get('all'), this.firstFailures.get('all')]);
    const waits = [mine && mine.consumedPoints >= this.limits.failuresPerIpPerMinute ? mine.msBeforeNext : 0];
    if (all && all.consumedPoints >= this.limits.failuresPerMinute) {
      const hasFailed = mine !== null && mine.consumedPoints >= this.limits.fewFailures;
      if (hasFailed) waits.push(all.msBeforeNext);
      else if (firsts && firsts.consumedPoints >= this.limits.firstFailuresPerMinute) waits.push(firsts.msBeforeNext);
    }
    return Math.ceil(Math.max(...waits) / 1000);
  }

  async recordFailure(ip: string): Promise<void> {
    const all = await this.global.get('all');
    const isGlobalSpent = all !== null && all.consumedPoints >= this.limits.failuresPerMinute;
    await Promise.allSettled([this.perIp.consume(ip), (isGlobalSpent ? this.firstFailures : this.global).consume('all')]);
  }

  /** False when this address created too many workshops this minute. */
  async mayCreate(ip: string): Promise<boolean> {
    try {
      await this.creates.consume(ip);
      return true;
    } catch {
      return false;
    }
  }
}
