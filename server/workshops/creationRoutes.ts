import type { IncomingMessage, ServerResponse } from 'node:http';
import { CreateWorkshopBodySchema, type CreateWorkshopReply } from '../../lib/api';
import { newId } from '../../lib/ids';
import { LIMITS } from '../../lib/limits';
import { baseUrl, parseBody, requireFacilitator, requireStorage, type ApiContext } from '../http/access';
import { clientIp } from '../http/clientIp';
import { apiError, HttpError, readJson, sendJson } from '../http/respond';
import type { WorkshopRow } from '../storage/ports';
import { blankBoard } from '../Workshops';
import { copyContent } from './copyWorkshop';
import { MAX_IMPORT_BYTES, parseImport } from './importWorkshop';
import { encodeBoard } from './writeBoard';

const MAX_BODY_BYTES = 16 * 1024;

async function requireCreationAllowance(ctx: ApiContext, req: IncomingMessage): Promise<void> {
  if (!(await ctx.joinGuard.mayCreate(clientIp(req, ctx.trustProxy)))) {
    throw apiError(429, 'tooManyCreated', {}, { 'retry-after': '60' });
  }
}

/** Creation, import and copy answer alike: the new workshop's code, key and links. */
function sendCreated(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  created: { workshop: WorkshopRow; facilitatorKey: string },
): void {
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

export async function createWorkshop(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  await requireCreationAllowance(ctx, req);
  const { title, template, locale } = parseBody(CreateWorkshopBodySchema, await readJson(req, MAX_BODY_BYTES));
  const now = Date.now();
  const board = blankBoard(title, now, template, locale);
  await requireStorage(ctx, board.byteLength, null);
  sendCreated(ctx, req, res, await ctx.workshops.create(title, now, board));
}

/** A new workshop holding an `export.json` (personas, profiles, notes, groups). */
export async function importWorkshop(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  await requireCreationAllowance(ctx, req);
  // Refused before the body is read when nothing new may be stored at all.
  await requireStorage(ctx, 0, null);
  const content = parseImport(await readJson(req, MAX_IMPORT_BYTES), newId());
  if (!content.ok) throw new HttpError(400, content.error);
  const now = Date.now();
  const update = encodeBoard(content.value, now);
  if (update.byteLength > LIMITS.docBytes) throw apiError(413, 'exportTooLarge');
  await requireStorage(ctx, update.byteLength, null);
  sendCreated(ctx, req, res, await ctx.workshops.create(content.value.title, now, update));
}

/**
 * A new workshop with this one's personas and their pictures, for a follow-up session (see
 * `copyContent`): only the pictures the copied personas show are copied, and all of it counts
 * against the storage limits.
 */
export async function copyWorkshop(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, code: string | undefined): Promise<void> {
  const source = await requireFacilitator(ctx, req, code);
  await requireCreationAllowance(ctx, req);
  const content = await ctx.rooms.readDoc(source.id, (doc) => copyContent(doc, source.title));
  const now = Date.now();
  const board = encodeBoard(content, now);
  const pictureIds = [...new Set(content.personas.flatMap((persona) => (persona.pictureId ? [persona.pictureId] : [])))];
  await requireStorage(ctx, board.byteLength + (await ctx.pictures.bytesOf(source.id, pictureIds)), null);
  const created = await ctx.workshops.create(content.title, now, board);
  await ctx.pictures.copy(source.id, created.workshop.id, pictureIds, now);
  sendCreated(ctx, req, res, created);
}
