import type { IncomingMessage } from 'node:http';
import { parseRoomCode } from '../../lib/roomCode';
import type { Sessions } from '../control/Sessions';
import type { PdfExporter } from '../export/PdfExporter';
import type { ServerLimits } from '../limits';
import type { Logger } from '../log';
import { bearerSecret } from '../secrets';
import type { PictureStorePort, SnapshotStorePort, WorkshopRow } from '../storage/ports';
import type { QuotaRefusal, StorageQuota } from '../storage/StorageQuota';
import type { Workshops } from '../Workshops';
import type { RoomRegistry } from '../yjs/RoomRegistry';
import { clientIp } from './clientIp';
import type { JoinGuard } from './JoinGuard';
import type { RequestLimits } from './RequestLimits';
import { apiError, HttpError } from './respond';

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
  pictures: PictureStorePort;
  snapshots: SnapshotStorePort;
  limits: ServerLimits;
  requestLimits: RequestLimits;
  quota: StorageQuota;
}

/** Absolute base URL for links handed out: the configured one, else the request's own host. */
export function baseUrl(ctx: ApiContext, req: IncomingMessage): string {
  if (ctx.publicUrl) return ctx.publicUrl;
  const host = req.headers.host ?? '';
  return /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:]+\](:\d{1,5})?$/.test(host) ? `http://${host}` : 'http://localhost';
}

/**
 * The workshop a room code names; unknown codes count as failed attempts for rate limiting.
 * `isMember`: the caller proves a token or key next, so a rotated-away code still counts.
 */
export async function findWorkshop(
  ctx: ApiContext,
  req: IncomingMessage,
  rawCode: string | undefined,
  isMember = false,
): Promise<WorkshopRow> {
  const ip = clientIp(req, ctx.trustProxy);
  const wait = await ctx.joinGuard.retryAfterSeconds(ip);
  if (wait > 0) throw apiError(429, 'tooManyAttempts', { seconds: wait }, { 'retry-after': String(wait) });
  const code = parseRoomCode(rawCode);
  const workshop = code ? await (isMember ? ctx.workshops.byCodeForMember(code) : ctx.workshops.byCode(code)) : null;
  if (!workshop) {
    await ctx.joinGuard.recordFailure(ip);
    throw apiError(404, 'unknownRoom');
  }
  return workshop;
}

export async function requireFacilitator(ctx: ApiContext, req: IncomingMessage, rawCode: string | undefined): Promise<WorkshopRow> {
  const workshop = await findWorkshop(ctx, req, rawCode, true);
  const key = bearerSecret(req.headers.authorization);
  if (!key) throw apiError(401, 'facilitatorKeyMissing', { header: 'Authorization: Bearer <key>' });
  if (!ctx.workshops.isFacilitatorKey(workshop, key)) {
    await ctx.joinGuard.recordFailure(clientIp(req, ctx.trustProxy));
    throw apiError(403, 'wrongFacilitatorKey');
  }
  return workshop;
}

/** Anyone in the workshop: a participant token or the facilitator's connection token. */
export async function requireMember(ctx: ApiContext, req: IncomingMessage, rawCode: string | undefined): Promise<WorkshopRow> {
  const workshop = await findWorkshop(ctx, req, rawCode, true);
  const token = bearerSecret(req.headers.authorization);
  if (!token) throw apiError(401, 'tokenMissing', { header: 'Authorization: Bearer <token>' });
  if (!(await ctx.workshops.authenticate(workshop, token))) {
    await ctx.joinGuard.recordFailure(clientIp(req, ctx.trustProxy));
    throw apiError(403, 'wrongToken');
  }
  return workshop;
}

export function parseBody<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } },
  body: unknown,
): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message;
    throw message ? new HttpError(400, message) : apiError(400, 'invalidBody');
  }
  return parsed.data;
}

/** 507 unless `bytes` more may be stored (for the workshop, or for a new one when null). */
export async function requireStorage(ctx: ApiContext, bytes: number, workshopId: string | null): Promise<void> {
  const refusal = await ctx.quota.refusal(bytes, workshopId);
  if (refusal) {
    ctx.log.warn({ workshopId, bytes, reason: refusal.key }, 'storage quota refused a write');
    throw quotaError(refusal);
  }
}

/** 507 Insufficient Storage, saying why in the asker's language. */
export function quotaError(refusal: QuotaRefusal): HttpError {
  return apiError(507, refusal.key, refusal.values);
}

/** One download of a board (any export format, a snapshot read): 429 past the address's or the workshop's minute. */
export async function requireExportAllowance(ctx: ApiContext, req: IncomingMessage, workshop: WorkshopRow): Promise<void> {
  const wait = await ctx.requestLimits.export(clientIp(req, ctx.trustProxy), workshop.id);
  if (wait > 0) throw apiError(429, 'tooManyDownloads', { seconds: wait }, { 'retry-after': String(wait) });
}
