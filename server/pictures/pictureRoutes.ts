import type { IncomingMessage, ServerResponse } from 'node:http';
import { newId } from '../../lib/ids';
import { PictureIdSchema } from '../../lib/persona';
import { quotaError } from '../http/access';
import { apiError, HttpError, sendJson } from '../http/respond';
import type { Logger } from '../log';
import type { StorageQuota } from '../storage/StorageQuota';
import type { PictureStorePort, WorkshopRow } from '../storage/ports';
import { MAX_PICTURE_BYTES, processPicture } from './processPicture';

/**
 * Pictures are kept (immutable ids: snapshots and undo may point at an old one), so a workshop
 * holds a bounded number: at most ~300 KB each after re-encoding.
 */
export const MAX_PICTURES_PER_WORKSHOP = 300;
/**
 * Decoding is CPU-heavy (libvips threads; a HEIC worker thread each): a burst of uploads is turned
 * away instead of starving the rooms, and at most this many HEIC decoders hold memory at once.
 */
export const MAX_CONCURRENT_PICTURES = 2;

/** Past this, an oversized upload is cut off instead of drained (draining lets the client read our 413). */
const DRAIN_LIMIT_BYTES = 4 * MAX_PICTURE_BYTES;

const tooLarge = () => apiError(413, 'pictureTooLarge', { megabytes: MAX_PICTURE_BYTES / (1024 * 1024) });

/** Reads a raw body of at most `maxBytes`, counting while it streams (never buffering more). */
export async function readBodyBytes(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > DRAIN_LIMIT_BYTES) {
    req.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > DRAIN_LIMIT_BYTES) {
      req.destroy();
      break;
    }
    if (size <= maxBytes) chunks.push(chunk as Buffer);
  }
  if (size > maxBytes) throw tooLarge();
  return Buffer.concat(chunks);
}

export interface PictureContext {
  pictures: PictureStorePort;
  log: Logger;
  quota: StorageQuota;
}

async function requireRoom(ctx: PictureContext, workshopId: string, bytes: number): Promise<void> {
  const refusal = await ctx.quota.refusal(bytes, workshopId);
  if (refusal) throw quotaError(refusal);
}

/** Counts uploads being decoded, per server (not a module global, so test servers stay apart). */
const inFlight = new WeakMap<PictureStorePort, number>();

/** `POST …/pictures`: the caller has proven a token of `workshop`. Replies `201 {pictureId}`. */
export async function receivePicture(ctx: PictureContext, workshop: WorkshopRow, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if ((await ctx.pictures.count(workshop.id)) >= MAX_PICTURES_PER_WORKSHOP) {
    throw apiError(409, 'tooManyPictures', { max: MAX_PICTURES_PER_WORKSHOP });
  }
  await requireRoom(ctx, workshop.id, 0); // a full workshop or disk is told before the upload is read
  const body = await readBodyBytes(req, MAX_PICTURE_BYTES);
  if (body.length === 0) throw apiError(400, 'pictureMissing');
  const busy = inFlight.get(ctx.pictures) ?? 0;
  if (busy >= MAX_CONCURRENT_PICTURES) {
    res.setHeader('retry-after', '2');
    throw apiError(503, 'picturesBusy');
  }
  inFlight.set(ctx.pictures, busy + 1);
  const onHeicFailure = (detail: string) => ctx.log.warn({ workshopId: workshop.id, detail }, 'HEIC photo refused by the decoder');
  const picture = await processPicture(body, { onHeicFailure }).finally(() =>
    inFlight.set(ctx.pictures, (inFlight.get(ctx.pictures) ?? 1) - 1),
  );
  if (!picture.ok) throw new HttpError(400, picture.error);
  await requireRoom(ctx, workshop.id, picture.value.bytes.length);
  const pictureId = newId();
  await ctx.pictures.add(workshop.id, pictureId, picture.value, Date.now());
  ctx.log.info({ workshopId: workshop.id, pictureId, bytes: picture.value.bytes.length }, 'picture stored');
  sendJson(res, 201, { pictureId });
}

/**
 * `GET …/pictures/<id>`: the stored bytes, for someone with a token of `workshop`. Immutable (a
 * new upload gets a new id) and private; the CSP and nosniff keep it an image, whatever it holds.
 */
export async function sendPicture(
  ctx: PictureContext,
  workshop: WorkshopRow,
  rawId: string | undefined,
  res: ServerResponse,
): Promise<void> {
  const id = PictureIdSchema.safeParse(rawId);
  const picture = id.success ? await ctx.pictures.get(workshop.id, id.data) : null;
  if (!picture) throw apiError(404, 'noPicture');
  res.writeHead(200, {
    'content-type': picture.contentType,
    'content-length': picture.bytes.length,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, max-age=31536000, immutable',
    'content-security-policy': "default-src 'none'",
  });
  res.end(picture.bytes);
}
