import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from './Metrics';

const JOIN = /^\/api\/workshops\/[^/]+\/(participants|facilitator-session)$/;
const EXPORT = /^\/api\/workshops\/[^/]+\/export\.(pdf|md|csv|json)$/;

/**
 * Counts one HTTP exchange when its response is finished: status class, 429s, joins and
 * exports. Read from the outside (method, path, status) so the routes need no metric calls.
 */
export function observeHttp(metrics: Metrics, req: IncomingMessage, res: ServerResponse, pathname: string): void {
  const startedAt = performance.now();
  res.once('finish', () => {
    const status = res.statusCode;
    metrics.httpResponses.inc({ code: `${Math.floor(status / 100)}xx` });
    if (status === 429) metrics.rateLimited.inc({ limit: 'http' });
    if (req.method === 'POST' && status === 201) {
      const join = JOIN.exec(pathname);
      if (join) metrics.joins.inc({ role: join[1] === 'participants' ? 'participant' : 'facilitator' });
    }
    const exported = req.method === 'GET' ? EXPORT.exec(pathname) : null;
    if (exported) {
      const format = exported[1]!;
      metrics.exports.inc({ format, status: String(status) });
      metrics.exportSeconds.observe({ format }, (performance.now() - startedAt) / 1000);
    }
  });
}
