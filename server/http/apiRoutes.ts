import type { IncomingMessage, ServerResponse } from 'node:http';
import { JoinBodySchema, type WorkshopInfoReply } from '../../lib/api';
import { readWorkshopLocale } from '../../lib/board';
import { EXPORT_FORMATS, sendBoardExport, type ExportFormat } from '../export/exportRoutes';
import { receivePicture, sendPicture } from '../pictures/pictureRoutes';
import { bearerSecret } from '../secrets';
import {
  deleteSnapshot,
  listSnapshots,
  sendSnapshot,
  sendSnapshotJson,
  SnapshotBodySchema,
  takeSnapshot,
} from '../snapshots/snapshotRoutes';
import { copyWorkshop, createWorkshop, importWorkshop } from '../workshops/creationRoutes';
import { sessionReply } from '../Workshops';
import { baseUrl, findWorkshop, parseBody, requireExportAllowance, requireFacilitator, requireMember, type ApiContext } from './access';
import { apiError, errorBody, HttpError, readJson, sendJson } from './respond';

export type { ApiContext } from './access';

const MAX_BODY_BYTES = 16 * 1024;

type Handler = (ctx: ApiContext, req: IncomingMessage, res: ServerResponse, params: { code?: string; id?: string }) => Promise<void>;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

const workshopInfo: Handler = async (ctx, req, res, { code }) => {
  const workshop = await findWorkshop(ctx, req, code);
  const reply: WorkshopInfoReply = {
    code: workshop.code,
    title: workshop.title,
    locale: await ctx.rooms.readDoc(workshop.id, readWorkshopLocale),
    joinUrl: `${baseUrl(ctx, req)}/join/${workshop.code}`,
  };
  sendJson(res, 200, reply);
};

const joinWorkshop: Handler = async (ctx, req, res, { code }) => {
  const workshop = await findWorkshop(ctx, req, code);
  const { name } = parseBody(JoinBodySchema, await readJson(req, MAX_BODY_BYTES));
  if ((await ctx.sessions.get(workshop.id)).isLobbyLocked) throw apiError(403, 'lobbyClosed');
  const max = ctx.limits.participantsPerWorkshop;
  if ((await ctx.workshops.participantCount(workshop.id)) >= max) {
    throw apiError(409, 'workshopFull', { max });
  }
  const wait = await ctx.requestLimits.join(workshop.id);
  if (wait > 0) throw apiError(429, 'manyJoining', { seconds: wait }, { 'retry-after': String(wait) });
  const session = await ctx.workshops.join(workshop, name);
  ctx.log.info({ workshopId: workshop.id, participantId: session.participantId }, 'participant joined');
  sendJson(res, 201, session);
};

const facilitatorSession: Handler = async (ctx, req, res, { code }) => {
  const workshop = await requireFacilitator(ctx, req, code);
  sendJson(res, 201, await ctx.workshops.facilitatorSession(workshop));
};

/** A reload proves its stored token is still good and learns who it is. */
const currentSession: Handler = async (ctx, req, res, { code }) => {
  const workshop = await findWorkshop(ctx, req, code, true);
  const token = bearerSecret(req.headers.authorization);
  const identity = token ? await ctx.workshops.authenticate(workshop, token) : null;
  if (!token || !identity) throw apiError(401, 'notInWorkshop');
  sendJson(res, 200, sessionReply(workshop, { id: identity.participantId, name: identity.name, role: identity.role }, token));
};

/** `export.json`, `.md`, `.csv`, `.pdf`: the board as a download, for the facilitator only. */
const exportBoard =
  (format: ExportFormat): Handler =>
  async (ctx, req, res, { code }) => {
    const workshop = await requireFacilitator(ctx, req, code);
    await requireExportAllowance(ctx, req, workshop);
    await sendBoardExport({ ...ctx, pdf: ctx.pdfExporter }, workshop, format, res);
  };

const CODE = '([^/]{1,32})';
const ID = '([0-9A-Za-z_-]{1,64})';
const ROUTES: Route[] = [
  { method: 'POST', pattern: /^\/api\/workshops$/, handler: (ctx, req, res) => createWorkshop(ctx, req, res) },
  { method: 'POST', pattern: /^\/api\/workshops\/import$/, handler: (ctx, req, res) => importWorkshop(ctx, req, res) },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/workshops/${CODE}/copy$`),
    handler: (ctx, req, res, { code }) => copyWorkshop(ctx, req, res, code),
  },
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
      await takeSnapshot(ctx, workshop, parseBody(SnapshotBodySchema, await readJson(req, MAX_BODY_BYTES)).name, res);
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
    handler: async (ctx, req, res, { code, id }) => {
      const workshop = await requireFacilitator(ctx, req, code);
      await requireExportAllowance(ctx, req, workshop);
      await sendSnapshot(ctx, workshop, id, res);
    },
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/api/workshops/${CODE}/snapshots/${ID}$`),
    handler: async (ctx, req, res, { code, id }) => deleteSnapshot(ctx, await requireFacilitator(ctx, req, code), id, res),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/api/workshops/${CODE}/snapshots/${ID}/export\\.json$`),
    handler: async (ctx, req, res, { code, id }) => {
      const workshop = await requireFacilitator(ctx, req, code);
      await requireExportAllowance(ctx, req, workshop);
      await sendSnapshotJson(ctx, workshop, id, res);
    },
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
    sendJson(res, 404, errorBody(req, apiError(404, 'noRoute')));
    return true;
  }
  const route = matches.find((candidate) => candidate.method === req.method);
  if (!route) {
    res.setHeader('allow', matches.map((m) => m.method).join(', '));
    sendJson(res, 405, errorBody(req, apiError(405, 'useMethod', { methods: matches.map((m) => m.method).join(' or ') })));
    return true;
  }
  try {
    const [, code, id] = route.pattern.exec(pathname) ?? [];
    await route.handler(ctx, req, res, { code: code === undefined ? undefined : safeDecode(code), id });
  } catch (error) {
    if (error instanceof HttpError) {
      for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
      sendJson(res, error.status, errorBody(req, error));
    } else {
      ctx.log.error({ err: (error as Error).message, path: pathname.replace(/\/[^/]+\/?$/, '/…') }, 'api handler failed');
      if (!res.headersSent) sendJson(res, 500, errorBody(req, apiError(500, 'serverError')));
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
