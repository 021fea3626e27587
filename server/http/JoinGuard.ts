import { RateLimiterMemory } from 'rate-limiter-flexible';

export interface JoinGuardLimits {
  /** Failed attempts (unknown code, bad key) one address may make per minute. */
  failuresPerIpPerMinute: number;
  /** Failed attempts across all addresses per minute: caps a distributed guesser. */
  failuresPerMinute: number;
  /** Workshops one address may create per minute. */
  createsPerIpPerMinute: number;
}

export const DEFAULT_JOIN_LIMITS: JoinGuardLimits = {
  failuresPerIpPerMinute: 10,
  failuresPerMinute: 300,
  createsPerIpPerMinute: 20,
};

/**
 * Slows down room-code guessing. Only failures count, so a class of 30 behind one NAT joins
 * freely while a guesser gets a handful of tries a minute.
 */
export class JoinGuard {
  private readonly perIp: RateLimiterMemory;
  private readonly global: RateLimiterMemory;
  private readonly creates: RateLimiterMemory;

  constructor(private readonly limits: JoinGuardLimits = DEFAULT_JOIN_LIMITS) {
    this.perIp = new RateLimiterMemory({ points: limits.failuresPerIpPerMinute, duration: 60 });
    this.global = new RateLimiterMemory({ points: limits.failuresPerMinute, duration: 60 });
    this.creates = new RateLimiterMemory({ points: limits.createsPerIpPerMinute, duration: 60 });
  }

  /** Seconds to wait before trying again, or 0 when the address may try now. */
  async retryAfterSeconds(ip: string): Promise<number> {
    const [mine, all] = await Promise.all([this.perIp.get(ip), this.global.get('all')]);
    const waits = [
      mine && mine.consumedPoints >= this.limits.failuresPerIpPerMinute ? mine.msBeforeNext : 0,
      all && all.consumedPoints >= this.limits.failuresPerMinute ? all.msBeforeNext : 0,
    ];
    return Math.ceil(Math.max(...waits) / 1000);
  }

  async recordFailure(ip: string): Promise<void> {
    await Promise.allSettled([this.perIp.consume(ip), this.global.consume('all')]);
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
