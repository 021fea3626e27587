import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from. `X-Forwarded-For` is anyone's to write, so it is read only
 * when the server is configured to sit behind a trusted proxy (the proxy's hop is the last).
 */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').pop()?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
