import type { Server } from 'node:http';
import type { ControlPlane } from '../control/ControlPlane';
import type { PdfExporter } from '../export/PdfExporter';
import type { Logger } from '../log';
import type { Storage } from '../storage/ports';
import type { RoomRegistry } from '../yjs/RoomRegistry';
import type { YjsEndpoint } from '../yjs/YjsEndpoint';

export interface DrainOptions {
  /** Keep serving (readyz already 503) this long first, so a balancer stops sending new clients. */
  graceMs: number;
  /** Past this, connections still open are cut; the commits still finish. */
  timeoutMs: number;
}

/** What a stop did, for the log. */
export interface DrainReport {
  /** Every client left and every request finished before the timeout. */
  isClean: boolean;
  durationMs: number;
}

export interface StoppableParts {
  server: Server;
  yjs: YjsEndpoint;
  control: ControlPlane;
  rooms: RoomRegistry;
  pdfExporter: PdfExporter;
  storage: Storage;
  closeNext(): Promise<void>;
  log: Logger;
}

const POLL_MS = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stops an instance without losing anything. The caller has already turned it not-ready (new
 * upgrades and API writes get 503). Then: stop listening; tell every client to reconnect
 * elsewhere (Yjs 4002, socket.io `server:stopping` + transport close); wait, bounded, for them
 * to go and for requests in flight to finish, still applying and committing the updates that
 * arrive meanwhile; then commit and compact every room, stop the workers and close storage.
 * With `timeoutMs: 0` it is the quick close the tests use: clients are closed at once (Yjs still
 * with 4002), with the same commits.
 */
export async function drainAndClose(parts: StoppableParts, options: DrainOptions): Promise<DrainReport> {
  const startedAt = Date.now();
  if (options.graceMs > 0) await sleep(options.graceMs);
  const deadline = Date.now() + options.timeoutMs;
  const httpClosed = new Promise<void>((resolve) => parts.server.close(() => resolve()));
  parts.server.closeIdleConnections();
  let isClean = true;
  if (options.timeoutMs > 0) {
    parts.control.beginStop();
    parts.yjs.beginStop();
    isClean = await waitUntil(() => parts.yjs.connectionCount === 0 && parts.control.connectionCount === 0, deadline);
    isClean = isClean && (await Promise.race([httpClosed.then(() => true), sleep(Math.max(0, deadline - Date.now())).then(() => false)]));
    if (!isClean) {
      parts.log.warn(
        { yjsConnections: parts.yjs.connectionCount, controlConnections: parts.control.connectionCount },
        'drain timed out; closing what is left',
      );
    }
  }
  parts.yjs.close();
  await parts.control.close();
  await parts.rooms.closeAll(); // commits the update log and compacts every room
  parts.server.closeAllConnections();
  await httpClosed;
  await parts.closeNext();
  await parts.pdfExporter.close();
  await parts.storage.close();
  return { isClean, durationMs: Date.now() - startedAt };
}

async function waitUntil(isDone: () => boolean, deadline: number): Promise<boolean> {
  while (!isDone()) {
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}
