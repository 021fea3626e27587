import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { memoryLimiters, type LimiterFactory } from '../cluster/rateLimiters';
import type { ServerLimits } from '../limits';

type Limits = Pick<ServerLimits, 'joinsPerWorkshopPerMinute' | 'exportsPerAddressPerMinute' | 'exportsPerWorkshopPerMinute'>;

/**
 * Per-minute budgets of the HTTP API beyond failed joins (`JoinGuard`): new participants per
 * workshop, and downloads of a board (every export format, snapshot reads) per address and per
 * workshop. Each answer is the seconds to wait, 0 when the request may go ahead.
 */
export class RequestLimits {
  private readonly joins: RateLimiterAbstract;
  private readonly exportsByAddress: RateLimiterAbstract;
  private readonly exportsByWorkshop: RateLimiterAbstract;

  /** `limiters`: in memory for one instance, in Redis (global) for several (`server/cluster/rateLimiters.ts`). */
  constructor(limits: Limits, limiters: LimiterFactory = memoryLimiters) {
    this.joins = limiters('joins', { points: limits.joinsPerWorkshopPerMinute, duration: 60 });
    this.exportsByAddress = limiters('exports-ip', { points: limits.exportsPerAddressPerMinute, duration: 60 });
    this.exportsByWorkshop = limiters('exports', { points: limits.exportsPerWorkshopPerMinute, duration: 60 });
  }

  /** Takes one join of the workshop's minute; the seconds to wait when it is spent. */
  join(workshopId: string): Promise<number> {
    return take(this.joins, workshopId);
  }

  /** Takes one download from the address's and from the workshop's minute. */
  async export(ip: string, workshopId: string): Promise<number> {
    const [byAddress, byWorkshop] = await Promise.all([take(this.exportsByAddress, ip), take(this.exportsByWorkshop, workshopId)]);
    return Math.max(byAddress, byWorkshop);
  }
}

async function take(limiter: RateLimiterAbstract, key: string): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw error;
  }
}
