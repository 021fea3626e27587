/**
 * Reconnect delays with "full jitter": a random wait up to an exponentially growing cap, so a
 * room of phones that lost the server at the same moment does not come back at the same moment.
 */
export const RECONNECT_BASE_MS = 500;
export const RECONNECT_CAP_MS = 10_000;

export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** Math.min(attempt, 10));
  return Math.round(ceiling * (0.2 + 0.8 * random()));
}
