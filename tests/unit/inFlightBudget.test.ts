import { describe, expect, it } from 'vitest';
import { InFlightBudget } from '../../server/yjs/InFlightBudget';

const chunk = (bytes: number) => Buffer.alloc(bytes);

describe('the budget of half-received WebSocket bytes', () => {
  it('counts what arrives, settles what completes, and sheds the largest holder past the budget', () => {
    const budget = new InFlightBudget(1000);
    const shed: string[] = [];
    const a = budget.track(() => shed.push('a'));
    const b = budget.track(() => shed.push('b'));
    a.onData(chunk(600));
    b.onData(chunk(300));
    expect(budget.bytes).toBe(900);
    a.settle(586); // a message of 586 bytes (+ up to 14 of frame header) completed
    expect(a.bytes).toBe(0);
    expect(budget.bytes).toBe(300);
    a.onData(chunk(500));
    b.onData(chunk(300)); // 1,100 in flight: b holds 600, a 500
    expect(shed).toEqual(['b']);
    expect(b.isReleased).toBe(true);
    expect(budget.bytes).toBe(500);
    b.onData(chunk(5000)); // a shed connection's late chunks count nothing
    expect(budget.bytes).toBe(500);
  });

  it('gives back what a closed connection held', () => {
    const budget = new InFlightBudget(10_000);
    const a = budget.track(() => undefined);
    a.onData(chunk(4000));
    a.release();
    a.release();
    expect(budget.bytes).toBe(0);
  });
});
