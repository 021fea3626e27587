import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { readWorkshopLocale } from '../lib/board';
import { currentStep, isDraftStep } from '../lib/session/state';
import { firstAgenda, markWorkshopLocale } from './i18n/workshopLocale';
import { CONTROL_PATH, YJS_PATH_PREFIX } from '../lib/wire';
import { startCluster, type Cluster } from './cluster/Cluster';
import { wireCluster } from './cluster/wireCluster';
import { CommandHandler } from './control/CommandHandler';
import { ControlPlane } from './control/ControlPlane';
import { PdfExporter, type PdfExportLimits } from './export/PdfExporter';
import { Sessions } from './control/Sessions';
import { handleApi } from './http/apiRoutes';
import { DEFAULT_JOIN_LIMITS, JoinGuard, type JoinGuardLimits } from './http/JoinGuard';
import { sendJson } from './http/respond';
import { indexBrotliStatic, serveBrotliStatic, type BrotliStatic } from './http/brotliStatic';
import { contentSecurityPolicy, securityHeaders } from './http/securityHeaders';
import { RequestLimits } from './http/RequestLimits';
import { serverLimits, type ServerLimits } from './limits';
import { createLogger, type Logger } from './log';
import { openStorage } from './storage/openStorage';
import type { Storage } from './storage/ports';
import { SqliteStorage } from './storage/sqlite/SqliteStorage';
import { StorageQuota } from './storage/StorageQuota';
import { Metrics } from './ops/Metrics';
import { observeHttp } from './ops/httpMetrics';
import { handleProbe, PROBE_PATHS, refusalWhileNotReady, sendUnavailable, type Phase } from './ops/probes';
import { drainAndClose, type DrainOptions, type DrainReport } from './ops/shutdown';
import { hashSecret } from './secrets';
import { Workshops } from './Workshops';
import { RoomRegistry } from './yjs/RoomRegistry';
import { DEFAULT_YJS_OPTIONS, YjsEndpoint, type YjsEndpointOptions } from './yjs/YjsEndpoint';

export interface AppServerOptions {
  port?: number;
  host?: string;
  dataDir: string;
  /** `DATABASE_URL`: PostgreSQL instead of SQLite under `dataDir`. */
  databaseUrl?: string | null;
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
  /** A lower cap on notes per workshop than `LIMITS.notesPerWorkshop` (`NOTES_PER_WORKSHOP`; tests use it). */
  notesPerWorkshop?: number;
  pdfExport?: Partial<PdfExportLimits>;
  /** Required as a bearer token on `/metrics`; without it only loopback clients may scrape. */
  metricsToken?: string | null;
  /** `REDIS_URL`: the multi-instance mode (board updates, presence, socket.io, rate limits, kicks through Redis). */
  redisUrl?: string | null;
  /**
   * `CATCH_UP_INTERVAL_MS` (PostgreSQL only): how often a room with clients checks storage for
   * other instances' commits. Default 1 s without Redis (the only way they arrive), 5 s with it
   * (a safety net: they arrive on Redis).
   */
  catchUpIntervalMs?: number;
}

export interface AppServer {
  url: string;
  port: number;
  storage: Storage;
  rooms: RoomRegistry;
  metrics: Metrics;
  /** Loads the PDF renderer and fonts now, so the first export is not the slow one. */
  warmUp(): Promise<void>;
  /**
   * Graceful stop (SIGTERM): not ready at once, clients told to reconnect elsewhere, everything
   * committed, storage closed; connections left at the timeout are cut. Idempotent with `close`.
   */
  drain(options: DrainOptions): Promise<DrainReport>;
  /** Quick stop (tests, Ctrl-C): the same commits, without waiting for clients to leave. */
  close(): Promise<void>;
}

type NextHandlers = {
  request: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;
  close: () => Promise<void>;
  /** Sends a built file brotli-compressed when the client takes it; false leaves it to `request`. */
  staticBrotli: (req: IncomingMessage, res: ServerResponse, pathname: string) => boolean;
};

async function loadNext(options: { dev: boolean; dir: string }, host: string, port: number): Promise<NextHandlers> {
  const { default: next } = await import('next');
  const app = next({ dev: options.dev, dir: options.dir, hostname: host, port, customServer: true });
  await app.prepare();
  const request = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();
  const brotli: BrotliStatic = options.dev ? new Map() : await indexBrotliStatic(path.join(options.dir, '.next'));
  return {
    request: (req, res) => request(req, res),
    upgrade: (req, socket, head) => upgrade(req, socket, head),
    close: () => app.close(),
    staticBrotli: (req, res, pathname) => serveBrotliStatic(brotli, req, res, pathname),
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
  let phase: Phase = 'starting';
  // Connection errors (PostgreSQL unreachable, a bad URL) reject here: `main` says so and exits.
  const storage = await openStorage({ dataDir: options.dataDir, databaseUrl: options.databaseUrl }, log);
  const metrics: Metrics = new Metrics({
    rooms: () => rooms.size,
    sharedRooms: () => cluster?.rooms.sharedCount() ?? 0,
    yjsConnections: () => yjs.connectionCount,
    controlConnections: () => control.connectionCount,
    isReady: () => phase === 'ready',
  });
  let cluster: Cluster | null = null;
  try {
    cluster = options.redisUrl
      ? await startCluster({
          redisUrl: options.redisUrl,
          log,
          countMessage: (direction) => metrics.crossInstanceMessages.inc({ direction }),
          roomCounts: metrics.roomChannelCounts(),
        })
      : null;
  } catch (error) {
    await storage.close();
    throw error;
  }
  const workshops = new Workshops(storage);
  // A workshop's first session gets an agenda step per quadrant of its map, in its language (read when first needed).
  const sessions: Sessions = new Sessions(
    storage.sessions,
    log,
    (workshopId) => rooms.readDoc(workshopId, firstAgenda),
    undefined,
    (workshopId) => rooms.get(workshopId) !== undefined,
  );
  const control = new ControlPlane(workshops, log, {
    connectionsPerParticipant: limits.connectionsPerParticipant,
    onRateLimited: () => metrics.rateLimited.inc({ limit: 'control_commands' }),
    cluster,
  });
  // The door decides on every update without waiting: a room's session is loaded before the
  // room (`prepare`) and stays in memory while the room does (`Sessions`' pinning).
  // A session that left memory anyway refuses (never lets a private step's note through); it is
  // loaded again at once, and the room told to send what it held back.
  const liveSession = (workshopId: string) => {
    const session = sessions.peek(workshopId);
    if (!session)
      void sessions.get(workshopId).then(
        () => rooms.get(workshopId)?.tellUnlocked(),
        () => undefined,
      );
    return session;
  };
  const rooms = new RoomRegistry(
    storage,
    log,
    {
      prepare: async (workshopId) => void (await sessions.get(workshopId)),
      // The lock is enforced here, where updates arrive, not by hiding buttons.
      canWrite: (conn) => conn.identity.role === 'facilitator' || liveSession(conn.identity.workshopId)?.isBoardLocked === false,
      // Private writing too: in a private or anonymous step a participant's new records are drafts.
      mustDraft: (conn) => {
        const session = liveSession(conn.identity.workshopId);
        return conn.identity.role !== 'facilitator' && (!session || isDraftStep(currentStep(session)));
      },
      caps: options.notesPerWorkshop === undefined ? {} : { notes: options.notesPerWorkshop },
      ...metrics.roomHooks(),
    },
    limits,
    storage instanceof SqliteStorage ? storage.store.connection() : null,
    { relay: cluster?.rooms ?? null, catchUpIntervalMs: options.catchUpIntervalMs },
  );
  const yjs = new YjsEndpoint(workshops, rooms, log, { ...DEFAULT_YJS_OPTIONS, ...limits, ...options.yjs });
  control.useCommands(new CommandHandler({ sessions, workshops, control, rooms, yjs, log, limits }));
  if (cluster) wireCluster(cluster, { sessions, workshops, control, yjs, rooms, log });
  const pdfExporter = new PdfExporter(options.pdfExport);
  const api = {
    pdfExporter,
    pictures: storage.pictures,
    snapshots: storage.snapshots,
    sessions,
    workshops,
    rooms,
    joinGuard: new JoinGuard({ ...DEFAULT_JOIN_LIMITS, ...options.joinLimits }, cluster?.limiters),
    limits,
    requestLimits: new RequestLimits(limits, cluster?.limiters),
    // The free-disk floor watches the SQLite file's disk; PostgreSQL's disk is not ours to see.
    quota: new StorageQuota(storage.usage, storage.engine === 'sqlite' ? options.dataDir : null, limits),
    log,
    publicUrl: options.publicUrl?.replace(/\/+$/, '') ?? null,
    trustProxy: options.trustProxy ?? false,
  };
  const probes = {
    phase: () => phase,
    metrics,
    trustProxy: api.trustProxy,
    metricsTokenHash: options.metricsToken ? hashSecret(options.metricsToken) : null,
  };
  let nextApp: NextHandlers | null = null;

  const server = createServer(async (req, res) => {
    securityHeaders(res);
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    observeHttp(metrics, req, res, pathname);
    if (PROBE_PATHS.has(pathname)) return handleProbe(probes, req, res, pathname);
    const refusal = refusalWhileNotReady(phase, req.method, pathname);
    if (refusal) return sendUnavailable(req, res, refusal);
    if (pathname.startsWith(`${CONTROL_PATH}/`)) return control.handleRequest(req, res);
    if (await handleApi(api, req, res, pathname)) return;
    if (nextApp) {
      if (nextApp.staticBrotli(req, res, pathname)) return;
      // Built files are not documents: a policy on them does nothing and cost a phone's first
      // load about 400 bytes a script (README, Performance).
      if (!pathname.startsWith('/_next/static/')) contentSecurityPolicy(req, res, options.next ? options.next.dev : false);
      // The projector's language is a nicety: a storage hiccup here renders the page in the default.
      await markWorkshopLocale(req, pathname, async (code) => {
        const workshop = await workshops.byCodeForMember(code);
        return workshop ? rooms.readDoc(workshop.id, readWorkshopLocale) : null;
      }).catch((error: Error) => log.warn({ err: error.message }, 'reading the workshop language failed'));
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
      // Starting or draining: a client is better off at another instance (or retrying shortly).
      if (phase !== 'ready')
        return void socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 2\r\nContent-Length: 0\r\n\r\n');
      if (pathname.startsWith(YJS_PATH_PREFIX)) return void yjs.handleUpgrade(req, socket, head).catch(() => socket.destroy());
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
  // The port opens first so probes answer (readyz 503) while Next.js prepares; pages wait for it.
  if (options.next) {
    try {
      nextApp = await loadNext(options.next, host, port);
    } catch (error) {
      server.close();
      await control.close(); // stops the socket.io adapter's Redis readers before Redis closes
      await rooms.closeAll();
      await storage.close();
      await cluster?.close();
      throw error;
    }
  }
  phase = 'ready';

  let stopping: Promise<DrainReport> | null = null;
  const stop = (drainOptions: DrainOptions) => {
    phase = 'draining';
    stopping ??= drainAndClose(
      {
        ...{ server, yjs, control, rooms, pdfExporter, storage, log },
        // Redis goes last: the control plane's adapter is closed by then.
        closeNext: async () => {
          await nextApp?.close();
          await cluster?.close();
        },
      },
      drainOptions,
    );
    return stopping;
  };
  return {
    url,
    port,
    storage,
    rooms,
    metrics,
    warmUp: () => pdfExporter.warm(),
    drain: stop,
    close: async () => void (await stop({ graceMs: 0, timeoutMs: 0 })),
  };
}
