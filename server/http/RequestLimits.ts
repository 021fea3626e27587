import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { ServerLimits } from '../limits';

type Limits = Pick<ServerLimits, 'joinsPerWorkshopPerMinute' | 'exportsPerAddressPerMinute' | 'exportsPerWorkshopPerMinute'>;

/**
 * Per-minute budgets of the HTTP API beyond failed joins (`JoinGuard`): new participants per
 * workshop, and downloads of a board (every export format, snapshot reads) per address and per
 * workshop. Each answer is the seconds to wait, 0 when the request may go ahead.
 */
export class RequestLimits {
  private readonly joins: RateLimiterMemory;
  private readonly exportsByAddress: RateLimiterMemory;
  private readonly exportsByWorkshop: RateLimiterMemory;

  constructor(limits: Limits) {
    this.joins = new RateLimiterMemory({ points: limits.joinsPerWorkshopPerMinute, duration: 60 });
    this.exportsByAddress = new RateLimiterMemory({ points: limits.exportsPerAddressPerMinute, duration: 60 });
    this.exportsByWorkshop = new RateLimiterMemory({ points: limits.exportsPerWorkshopPerMinute, duration: 60 });
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

async function take(limiter: RateLimiterMemory, key: string): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw error;
  }
}
