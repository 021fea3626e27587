import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONTROL_PATH } from '../../lib/wire';
import { clientIp } from '../http/clientIp';
import { sendJson } from '../http/respond';
import { apiErrorText, requestLocale } from '../i18n/apiErrors';
import { bearerSecret, secretMatches } from '../secrets';
import type { Metrics } from './Metrics';

/** Where an instance is in its life: only `ready` takes new work. */
export type Phase = 'starting' | 'ready' | 'draining';

export interface ProbeContext {
  phase(): Phase;
  metrics: Metrics;
  /** SHA-256 of `METRICS_TOKEN`; null: /metrics answers loopback clients only. */
  metricsTokenHash: Buffer | null;
  trustProxy: boolean;
}

export const PROBE_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** `/healthz` (the process answers), `/readyz` (it takes traffic) and `/metrics` (Prometheus). */
export async function handleProbe(ctx: ProbeContext, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  if (pathname === '/healthz') return sendJson(res, 200, { ok: true });
  if (pathname === '/readyz') {
    const phase = ctx.phase();
    return sendJson(res, phase === 'ready' ? 200 : 503, { ready: phase === 'ready', phase });
  }
  const refusal = metricsRefusal(ctx, req);
  if (refusal) return sendJson(res, refusal.status, { error: refusal.error });
  const body = await ctx.metrics.exposition();
  res.writeHead(200, { 'content-type': ctx.metrics.contentType, 'cache-control': 'no-store' });
  res.end(body);
}

/**
 * The metrics name no workshop and no person, but they tell an outsider how busy the service
 * is and when it restarts, so they are not public: with a token configured, the token is
 * required from everyone; without one, only this machine may scrape.
 */
function metricsRefusal(ctx: ProbeContext, req: IncomingMessage): { status: number; error: string } | null {
  if (ctx.metricsTokenHash) {
    const token = bearerSecret(req.headers.authorization);
    if (token && secretMatches(token, ctx.metricsTokenHash)) return null;
    return { status: 401, error: 'Send the metrics token as "Authorization: Bearer <token>".' };
  }
  if (isLoopback(clientIp(req, ctx.trustProxy))) return null;
  return { status: 403, error: 'Metrics are served to this machine only; set METRICS_TOKEN to scrape from elsewhere.' };
}

function isLoopback(address: string): boolean {
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}

/** Starting: only probes. Draining: no new sessions or writes (pages and reads still served). */
export function refusalWhileNotReady(
  phase: Phase,
  method: string | undefined,
  pathname: string,
): 'serverStarting' | 'serverRestarting' | null {
  if (phase === 'starting') return 'serverStarting';
  const isNewWork = pathname.startsWith(`${CONTROL_PATH}/`) || (pathname.startsWith('/api/') && method !== 'GET' && method !== 'HEAD');
  return phase === 'draining' && isNewWork ? 'serverRestarting' : null;
}

/** 503 with a reason in the asker's language; the client (or the balancer) tries again shortly, here or elsewhere. */
export function sendUnavailable(req: IncomingMessage, res: ServerResponse, reason: 'serverStarting' | 'serverRestarting'): void {
  res.setHeader('retry-after', '2');
  res.setHeader('connection', 'close');
  sendJson(res, 503, { error: apiErrorText(requestLocale(req), reason) });
}
