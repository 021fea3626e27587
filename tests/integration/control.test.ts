import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Harness, watchRoster } from './harness';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.start();
});
afterEach(() => h.close());

describe('socket.io control plane', () => {
  it('authenticates the handshake and keeps the roster current as people come and go', async () => {
    const { code, facilitatorKey } = await h.createWorkshop();
    const facilitator = await h.facilitator(code, facilitatorKey);
    const presenter = h.control(code, facilitator.token);
    const roster = watchRoster(presenter);
    await vi.waitFor(async () => expect(roster.fullLists).toBe(1));

    const ana = await h.join(code, 'Ana');
    const anaSocket = h.control(code, ana.token);
    await vi.waitFor(async () => expect(roster.entries.find((e) => e.name === 'Ana')?.isOnline).toBe(true));
    anaSocket.close();
    await vi.waitFor(async () => expect(roster.entries.find((e) => e.name === 'Ana')?.isOnline).toBe(false));
    expect(roster.fullLists).toBe(1);
  });

  it('refuses a bad token, a token of another workshop, and a malformed handshake', async () => {
    const first = await h.createWorkshop('First');
    const second = await h.createWorkshop('Second');
    const ana = await h.join(first.code, 'Ana');
    for (const [code, token] of [
      [first.code, 'nope-nope-nope-nope-nope'],
      [second.code, ana.token],
      ['not a code', ana.token],
    ] as const) {
      const socket = h.control(code, token);
      const error = await new Promise<Error>((resolve) => socket.on('connect_error', resolve));
      expect(error.message).toBe('unauthorized');
    }
  });
});
