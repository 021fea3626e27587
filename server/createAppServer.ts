import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { readQuadrants } from '../lib/board';
import type { Quadrant } from '../lib/quadrants';
import { CONTROL_PATH, YJS_PATH_PREFIX } from '../lib/wire';
import { CommandHandler } from './control/CommandHandler';
import { ControlPlane } from './control/ControlPlane';
import { PdfExporter, type PdfExportLimits } from './export/PdfExporter';
import { Sessions } from './control/Sessions';
import { handleApi } from './http/apiRoutes';
import { DEFAULT_JOIN_LIMITS, JoinGuard, type JoinGuardLimits } from './http/JoinGuard';
import { sendJson } from './http/respond';
import { contentSecurityPolicy, securityHeaders } from './http/securityHeaders';
import { RequestLimits } from './http/RequestLimits';
import { serverLimits, type ServerLimits } from './limits';
import { createLogger, type Logger } from './log';
import { PictureStore } from './pictures/PictureStore';
import { SnapshotStore } from './snapshots/SnapshotStore';
import { StorageQuota } from './storage/StorageQuota';
import { Store } from './storage/Store';
import { Workshops } from './Workshops';
import { RoomRegistry } from './yjs/RoomRegistry';
import { DEFAULT_YJS_OPTIONS, YjsEndpoint, type YjsEndpointOptions } from './yjs/YjsEndpoint';

export interface AppServerOptions {
  port?: number;
  host?: string;
  dataDir: string;
  /** Serve the Next.js app too (off in integration tests, which need only the API and sockets). */
  next?: { dev: boolean; dir: string } | false;
  /** Base of the links handed out (join URL, presenter URL); defaults to the request's host. */
  publicUrl?: string | null;
  /** Read `X-Forwarded-For` (only behind a proxy you run). */
  trustProxy?: boolean;
  logger?: Logger;
  joinLimits?: Partial<JoinGuardLimits>;
  /** What a workshop, a person or an address may cost (`server/limits.ts`; the README's table of limits). */
  limits?: Partial<ServerLimits>;
  yjs?: Partial<YjsEndpointOptions>;
  pdfExport?: Partial<PdfExportLimits>;
}

export interface AppServer {
  url: string;
  port: number;
  store: Store;
  rooms: RoomRegistry;
  /** Loads the PDF renderer and fonts now, so the first export is not the slow one. */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

type NextHandlers = {
  request: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;
  close: () => Promise<void>;
};

async function loadNext(options: { dev: boolean; dir: string }, host: string, port: number): Promise<NextHandlers> {
  const { default: next } = await import('next');
  const app = next({ dev: options.dev, dir: options.dir, hostname: host, port, customServer: true });
  await app.prepare();
  const request = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();
  return {
    request: (req, res) => request(req, res),
    upgrade: (req, socket, head) => upgrade(req, socket, head),
    close: () => app.close(),
  };
}

/**
 * One process, one port: the Next.js app, the HTTP API, the Yjs endpoint and socket.io.
 * Several can live in one test process (no module state); only `main.ts` reads the env.
 */
export async function createAppServer(options: AppServerOptions): Promise<AppServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.logger ?? createLogger();
  const limits = serverLimits(options.limits);
  const store = new Store(options.dataDir);
  const workshops = new Workshops(store);
  // A workshop's first session gets an agenda step per quadrant of its map (read when first needed).
  const sessions: Sessions = new Sessions(store, log, (workshopId): readonly Quadrant[] => rooms.readDoc(workshopId, readQuadrants));
  const control = new ControlPlane(workshops, log, limits.connectionsPerParticipant);
  const rooms = new RoomRegistry(
    store,
    log,
    {
      // The lock is enforced here, where updates arrive, not by hiding buttons.
      canWrite: (conn) => conn.identity.role === 'facilitator' || !sessions.get(conn.identity.workshopId).isBoardLocked,
      onWriteRefused: (conn, reason) => control.notifyParticipant(conn.identity.participantId, reason),
    },
    limits,
  );
  const yjs = new YjsEndpoint(workshops, rooms, log, { ...DEFAULT_YJS_OPTIONS, ...limits, ...options.yjs });
  control.useCommands(new CommandHandler({ sessions, workshops, control, rooms, yjs, log, limits }));
  const pdfExporter = new PdfExporter(options.pdfExport);
  const api = {
    pdfExporter,
    pictures: new PictureStore(store.connection()),
    snapshots: new SnapshotStore(store.connection()),
    sessions,
    workshops,
    rooms,
    joinGuard: new JoinGuard({ ...DEFAULT_JOIN_LIMITS, ...options.joinLimits }),
    limits,
    requestLimits: new RequestLimits(limits),
    quota: new StorageQuota(store.connection(), options.dataDir, limits),
    log,
    publicUrl: options.publicUrl?.replace(/\/+$/, '') ?? null,
    trustProxy: options.trustProxy ?? false,
  };
  // Next.js is ready before the port opens: a page request never meets a half-started server.
  const nextApp: NextHandlers | null = options.next ? await loadNext(options.next, host, options.port ?? 0) : null;

  const server = createServer(async (req, res) => {
    securityHeaders(res);
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    if (pathname === '/healthz') return sendJson(res, 200, { ok: true });
    if (pathname.startsWith(`${CONTROL_PATH}/`)) return control.handleRequest(req, res);
    if (await handleApi(api, req, res, pathname)) return;
    if (nextApp) {
      contentSecurityPolicy(req, res, options.next ? options.next.dev : false);
      return nextApp.request(req, res);
    }
    sendJson(res, 404, { error: 'Not found.' });
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  // The one upgrade router: every upgrade is ours to route, and errors stay on that socket.
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      const pathname = (req.url ?? '/').split('?')[0] ?? '/';
      if (pathname.startsWith(YJS_PATH_PREFIX)) return yjs.handleUpgrade(req, socket, head);
      if (pathname.startsWith(`${CONTROL_PATH}/`)) return control.handleUpgrade(req, socket, head);
      if (nextApp) return void nextApp.upgrade(req, socket, head).catch(() => socket.destroy());
      socket.destroy();
    } catch (error) {
      log.warn({ err: (error as Error).message }, 'upgrade failed');
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log.info({ port }, 'server listening');

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    store,
    rooms,
    warmUp: () => pdfExporter.warm(),
    close() {
      closing ??= (async () => {
        yjs.close();
        await control.close();
        rooms.closeAll();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await nextApp?.close();
        await pdfExporter.close();
        store.close();
      })();
      return closing;
    },
  };
}
