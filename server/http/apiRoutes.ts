import type { IncomingMessage, ServerResponse } from 'node:http';
import { CreateWorkshopBodySchema, JoinBodySchema, type CreateWorkshopReply, type WorkshopInfoReply } from '../../lib/api';
import { parseRoomCode } from '../../lib/roomCode';
import type { Sessions } from '../control/Sessions';
import { EXPORT_FORMATS, sendBoardExport, type ExportFormat } from '../export/exportRoutes';
import type { PdfExporter } from '../export/PdfExporter';
import type { Logger } from '../log';
import { receivePicture, sendPicture } from '../pictures/pictureRoutes';
import type { PictureStore } from '../pictures/PictureStore';
import { listSnapshots, sendSnapshot, sendSnapshotJson, SnapshotBodySchema, takeSnapshot } from '../snapshots/snapshotRoutes';
import type { SnapshotStore } from '../snapshots/SnapshotStore';
import { copyContent } from '../workshops/copyWorkshop';
import { MAX_IMPORT_BYTES, parseImport } from '../workshops/importWorkshop';
import { encodeBoard } from '../workshops/writeBoard';
import { newId } from '../../lib/ids';
import { LIMITS } from '../../lib/limits';
import type { RoomRegistry } from '../yjs/RoomRegistry';
import { bearerSecret } from '../secrets';
import type { WorkshopRow } from '../storage/Store';
import { blankBoard, sessionReply, type Workshops } from '../Workshops';
import { clientIp } from './clientIp';
import type { JoinGuard } from './JoinGuard';
import { HttpError, readJson, sendJson } from './respond';

const MAX_BODY_BYTES = 16 * 1024;

export interface ApiContext {
  sessions: Sessions;
  workshops: Workshops;
  rooms: RoomRegistry;
  joinGuard: JoinGuard;
  log: Logger;
  publicUrl: string | null;
  trustProxy: boolean;
  /** Bounded PDF rendering (worker threads); made on the first PDF export if not given. */
  pdfExporter: PdfExporter;
  pictures: PictureStore;
  snapshots: SnapshotStore;
}

type Handler = (ctx: ApiContext, req: IncomingMessage, res: ServerResponse, params: { code?: string; id?: string }) => Promise<void>;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

/** Absolute base URL for links handed out: the configured one, else the request's own host. */
function baseUrl(ctx: ApiContext, req: IncomingMessage): string {
  if (ctx.publicUrl) return ctx.publicUrl;
  const host = req.headers.host ?? '';
  return /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:]+\](:\d{1,5})?$/.test(host) ? `http://${host}` : 'http://localhost';
}

/**
 * The workshop a room code names; unknown codes count as failed attempts for rate limiting.
 * `isMember`: the caller proves a token or key next, so a rotated-away code still counts.
 */
async function findWorkshop(ctx: ApiContext, req: IncomingMessage, rawCode: string | undefined, isMember = false): Promise<WorkshopRow> {
  const ip = clientIp(req, ctx.trustProxy);
  const wait = await ctx.joinGuard.retryAfterSeconds(ip);
  if (wait > 0) throw new HttpError(429, `Too many attempts. Try again in ${wait} seconds.`);
  const code = parseRoomCode(rawCode);
  const workshop = code ? (isMember ? ctx.workshops.byCodeForMember(code) : ctx.workshops.byCode(code)) : null;
  if (!workshop) {
    await ctx.joinGuard.recordFailure(ip);
    throw new HttpError(404, 'No workshop has that room code. Check the code on the big screen.');
  }
  return workshop;
}

async function requireFacilitator(ctx: ApiContext, req: IncomingMessage, rawCode: string | undefined): Promise<WorkshopRow> {
  const workshop = await findWorkshop(ctx, req, rawCode, true);
  const key = bearerSecret(req.headers.authorization);
  if (!key) throw new HttpError(401, 'Send the facilitator key as "Authorization: Bearer <key>".');
  if (!ctx.workshops.isFacilitatorKey(workshop, key)) {
    await ctx.joinGuard.recordFailure(clientIp(req, ctx.trustProxy));
    throw new HttpError(403, 'That facilitator key does not open this workshop.');
  }
  return workshop;
}

/** Anyone in the workshop: a participant token or the facilitator's connection token. */
async function requireMember(ctx: ApiContext, req: IncomingMessage, rawCode: string | undefined): Promise<WorkshopRow> {
  const workshop = await findWorkshop(ctx, req, rawCode, true);
  const token = bearerSecret(req.headers.authorization);
  if (!token) throw new HttpError(401, 'Send your session token as "Authorization: Bearer <token>".');
  if (!ctx.workshops.authenticate(workshop, token)) {
    await ctx.joinGuard.recordFailure(clientIp(req, ctx.trustProxy));
    throw new HttpError(403, 'That token does not belong to this workshop.');
  }
  return workshop;
}

function parseBody<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } },
  body: unknown,
): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, parsed.error.issues[0]?.message ?? 'Invalid request body.');
  return parsed.data;
}

const createWorkshop: Handler = async (ctx, req, res) => {
  await requireCreationAllowance(ctx, req);
  const { title, template } = parseBody(CreateWorkshopBodySchema, await readJson(req, MAX_BODY_BYTES));
  const now = Date.now();
  sendCreated(ctx, req, res, ctx.workshops.create(title, now, blankBoard(title, now, template)));
};

async function requireCreationAllowance(ctx: ApiContext, req: IncomingMessage): Promise<void> {
  if (!(await ctx.joinGuard.mayCreate(clientIp(req, ctx.trustProxy)))) {
    throw new HttpError(429, 'Too many workshops created from here. Try again in a minute.');
  }
}

/** Creation, import and copy answer alike: the new workshop's code, key and links. */
function sendCreated(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  created: { workshop: WorkshopRow; facilitatorKey: string },
) {
  const { workshop, facilitatorKey } = created;
  const base = baseUrl(ctx, req);
  ctx.log.info({ workshopId: workshop.id }, 'workshop created');
  const reply: CreateWorkshopReply = {
    code: workshop.code,
    title: workshop.title,
    facilitatorKey,
    presenterUrl: `${base}/w/${workshop.code}/present#key=${facilitatorKey}`,
    joinUrl: `${base}/join/${workshop.code}`,
  };
  sendJson(res, 201, reply);
}

/** A new workshop holding an `export.json` (personas, profiles, notes, groups). */
const importWorkshop: Handler = async (ctx, req, res) => {
  await requireCreationAllowance(ctx, req);
  const content = parseImport(await readJson(req, MAX_IMPORT_BYTES), newId());
  if (!content.ok) throw new HttpError(400, content.error);
  const now = Date.now();
  const update = encodeBoard(content.value, now);
  if (update.byteLength > LIMITS.docBytes) throw new HttpError(413, 'This export is too large for one workshop.');
  sendCreated(ctx, req, res, ctx.workshops.create(content.value.title, now, update));
};

/** A new workshop with this one's personas and pictures, for a follow-up session (see `copyContent`). */
const copyWorkshop: Handler = async (ctx, req, res, { code }) => {
  const source = await requireFacilitator(ctx, req, code);
  await requireCreationAllowance(ctx, req);
  const content = ctx.rooms.readDoc(source.id, (doc) => copyContent(doc, source.title));
  const now = Date.now();
  const created = ctx.workshops.create(content.title, now, encodeBoard(content, now));
  ctx.pictures.copyAll(source.id, created.workshop.id, now);
  sendCreated(ctx, req, res, created);
};

const workshopInfo: Handler = async (ctx, req, res, { code }) => {
  const workshop = await findWorkshop(ctx, req, code);
  const reply: WorkshopInfoReply = { code: workshop.code, title: workshop.title, joinUrl: `${baseUrl(ctx, req)}/join/${workshop.code}` };
  sendJson(res, 200, reply);
};

const joinWorkshop: Handler = async (ctx, req, res, { code }) => {
  const workshop = await findWorkshop(ctx, req, code);
  const { name } = parseBody(JoinBodySchema, await readJson(req, MAX_BODY_BYTES));
  if (ctx.sessions.get(workshop.id).isLobbyLocked)
    throw new HttpError(403, 'The facilitator has closed the lobby: ask them to let you in.');
  const session = ctx.workshops.join(workshop, name);
  ctx.log.info({ workshopId: workshop.id, participantId: session.participantId }, 'participant joined');
  sendJson(res, 201, session);
};

const facilitatorSession: Handler = async (ctx, req, res, { code }) => {
  const workshop = await requireFacilitator(ctx, req, code);
  sendJson(res, 201, ctx.workshops.facilitatorSession(workshop));
};

/** A reload proves its stored token is still good and learns who it is. */
const currentSession: Handler = async (ctx, req, res, { code }) => {
  const workshop = await findWorkshop(ctx, req, code, true);
  const token = bearerSecret(req.headers.authorization);
  const identity = token ? ctx.workshops.authenticate(workshop, token) : null;
  if (!token || !identity) throw new HttpError(401, 'This device is not in the workshop (any more). Join again.');
  sendJson(res, 200, sessionReply(workshop, { id: identity.participantId, name: identity.name, role: identity.role }, token));
};

/** `export.json`, `.md`, `.csv`, `.pdf`: the board as a download, for the facilitator only. */
const exportBoard =
  (format: ExportFormat): Handler =>
  async (ctx, req, res, { code }) => {
    const workshop = await requireFacilitator(ctx, req, code);
    await sendBoardExport({ ...ctx, pdf: ctx.pdfExporter }, workshop, format, res);
  };

const CODE = '([^/]{1,32})';
const ID = '([0-9A-Za-z_-]{1,64})';
const ROUTES: Route[] = [
  { method: 'POST', pattern: /^\/api\/workshops$/, handler: createWorkshop },
  { method: 'POST', pattern: /^\/api\/workshops\/import$/, handler: importWorkshop },
  { method: 'POST', pattern: new RegExp(`^/api/workshops/${CODE}/copy$`), handler: copyWorkshop },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/workshops/${CODE}/pictures$`),
    handler: async (ctx, req, res, { code }) => receivePicture(ctx, await requireMember(ctx, req, code), req, res),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/api/workshops/${CODE}/pictures/${ID}$`),
    handler: async (ctx, req, res, { code, id }) => sendPicture(ctx, await requireMember(ctx, req, code), id, res),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/workshops/${CODE}/snapshots$`),
    handler: async (ctx, req, res, { code }) => {
      const workshop = await requireFacilitator(ctx, req, code);
      takeSnapshot(ctx, workshop, parseBody(SnapshotBodySchema, await readJson(req, MAX_BODY_BYTES)).name, res);
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/api/workshops/${CODE}/snapshots$`),
    handler: async (ctx, req, res, { code }) => listSnapshots(ctx, await requireFacilitator(ctx, req, code), res),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/api/workshops/${CODE}/snapshots/${ID}$`),
    handler: async (ctx, req, res, { code, id }) => sendSnapshot(ctx, await requireFacilitator(ctx, req, code), id, res),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/api/workshops/${CODE}/snapshots/${ID}/export\\.json$`),
    handler: async (ctx, req, res, { code, id }) => sendSnapshotJson(ctx, await requireFacilitator(ctx, req, code), id, res),
  },
  { method: 'GET', pattern: new RegExp(`^/api/workshops/${CODE}$`), handler: workshopInfo },
  { method: 'POST', pattern: new RegExp(`^/api/workshops/${CODE}/participants$`), handler: joinWorkshop },
  { method: 'POST', pattern: new RegExp(`^/api/workshops/${CODE}/facilitator-session$`), handler: facilitatorSession },
  { method: 'GET', pattern: new RegExp(`^/api/workshops/${CODE}/session$`), handler: currentSession },
  ...EXPORT_FORMATS.map((format) => ({
    method: 'GET',
    pattern: new RegExp(`^/api/workshops/${CODE}/export\\.${format}$`),
    handler: exportBoard(format),
  })),
];

/** Serves `/api/…`; returns false when the path is not an API route. */
export async function handleApi(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
  if (!pathname.startsWith('/api/')) return false;
  const matches = ROUTES.filter((route) => route.pattern.test(pathname));
  if (matches.length === 0) {
    sendJson(res, 404, { error: 'No such API route.' });
    return true;
  }
  const route = matches.find((candidate) => candidate.method === req.method);
  if (!route) {
    res.setHeader('allow', matches.map((m) => m.method).join(', '));
    sendJson(res, 405, { error: `Use ${matches.map((m) => m.method).join(' or ')}.` });
    return true;
  }
  try {
    const [, code, id] = route.pattern.exec(pathname) ?? [];
    await route.handler(ctx, req, res, { code: code === undefined ? undefined : safeDecode(code), id });
  } catch (error) {
    if (error instanceof HttpError) sendJson(res, error.status, { error: error.message });
    else {
      ctx.log.error({ err: (error as Error).message, path: pathname.replace(/\/[^/]+\/?$/, '/…') }, 'api handler failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'Something went wrong on the server.' });
    }
  }
  return true;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
