import { describe, expect, it } from 'vitest';
import { JoinGuard } from '../../server/http/JoinGuard';

const LIMITS = { failuresPerIpPerMinute: 3, failuresPerMinute: 5, firstFailuresPerMinute: 2, fewFailures: 1, createsPerIpPerMinute: 20 };

async function fail(guard: JoinGuard, ip: string, times = 1) {
  for (let i = 0; i < times; i++) await guard.recordFailure(ip);
}

describe('JoinGuard', () => {
  it('limits failures per address', async () => {
    const guard = new JoinGuard(LIMITS);
    await fail(guard, '10.0.0.1', 3);
    expect(await guard.retryAfterSeconds('10.0.0.1')).toBeGreaterThan(0);
    expect(await guard.retryAfterSeconds('10.0.0.2')).toBe(0);
  });

  it('once the global budget is spent, blocks addresses that failed but lets fresh ones try, under a cap of their own', async () => {
    const guard = new JoinGuard(LIMITS);
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5']) await fail(guard, ip);
    // Global budget spent: every address that failed this minute waits...
    expect(await guard.retryAfterSeconds('10.0.0.1')).toBeGreaterThan(0);
    // ...a class behind an address that guessed nothing is still let through.
    expect(await guard.retryAfterSeconds('192.168.1.1')).toBe(0);
    // Fresh addresses get one failure each, up to their own global cap; then everyone waits.
    await fail(guard, '10.0.1.1');
    expect(await guard.retryAfterSeconds('10.0.1.1')).toBeGreaterThan(0);
    await fail(guard, '10.0.1.2');
    expect(await guard.retryAfterSeconds('192.168.1.1')).toBeGreaterThan(0);
  });
});
