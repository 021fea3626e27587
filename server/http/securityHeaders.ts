import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Headers every response carries. */
export function securityHeaders(res: ServerResponse): void {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
}

/**
 * A Content-Security-Policy with no inline scripts for pages: a fresh nonce per request, put
 * on the request too, where Next.js reads it and stamps its own scripts with it. Whatever a
 * hostile note smuggles into the page cannot run. Dev mode needs eval for fast refresh.
 */
export function contentSecurityPolicy(req: IncomingMessage, res: ServerResponse, isDev: boolean): void {
  const nonce = randomBytes(16).toString('base64');
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ''}`,
    // Inline style attributes (drag transforms) and Next's style tags; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  req.headers['content-security-policy'] = policy;
  res.setHeader('content-security-policy', policy);
}
