import sharp from 'sharp';
import type { Logger } from '../log';
import type { PictureStorePort } from '../storage/ports';
import type { ExportModel } from './exportModel';

/**
 * The poster prints a picture about 80 pt wide: 320 px is ~290 dpi there, sharp on paper, and
 * a JPEG of it is 15–30 KB, so six personas add little to the file or to the worker message.
 */
export const POSTER_PICTURE_PX = 320;
/** Converted pictures kept per server: ids are immutable, so a cached conversion never goes stale. */
const CACHED_PICTURES = 64;

/** Per picture store (one per server, not a module-wide cache shared by test servers). */
const caches = new WeakMap<PictureStorePort, Map<string, Promise<Uint8Array | null>>>();

/**
 * The stored WebP as a square JPEG, cropped from the middle like the round avatar on screen.
 * react-pdf embeds JPEG and PNG only; sharp converts here, on the main thread's libuv pool,
 * so the PDF worker gets bytes (never a URL: nothing is fetched while rendering).
 */
async function toPosterJpeg(webp: Buffer): Promise<Uint8Array> {
  const jpeg = await sharp(webp)
    .resize({ width: POSTER_PICTURE_PX, height: POSTER_PICTURE_PX, fit: 'cover', position: 'centre', withoutEnlargement: false })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 82, chromaSubsampling: '4:2:0' })
    .toBuffer();
  // A plain copy: the Buffer may be a view into a larger pool, which structured clone would copy whole.
  return new Uint8Array(jpeg);
}

function cacheOf(pictures: PictureStorePort): Map<string, Promise<Uint8Array | null>> {
  let cache = caches.get(pictures);
  if (!cache) {
    cache = new Map();
    caches.set(pictures, cache);
  }
  return cache;
}

function posterPicture(pictures: PictureStorePort, workshopId: string, pictureId: string, log: Logger): Promise<Uint8Array | null> {
  const cache = cacheOf(pictures);
  const key = `${workshopId}/${pictureId}`;
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key); // re-inserted below: the Map's order is the recency order
    cache.set(key, cached);
    return cached;
  }
  const converted = pictures
    .get(workshopId, pictureId)
    .then((stored) => (stored ? toPosterJpeg(stored.bytes) : null))
    .catch((error: unknown) => {
      // The poster falls back to the initials avatar; the picture itself was checked on upload.
      log.warn({ workshopId, pictureId, error: (error as Error).message }, 'picture could not be converted for the poster');
      cache.delete(key);
      return null;
    });
  cache.set(key, converted);
  for (const oldest of cache.keys()) {
    if (cache.size <= CACHED_PICTURES) break;
    cache.delete(oldest);
  }
  return converted;
}

/** Fills in each persona's `picture` from the workshop's stored pictures (a missing one stays null). */
export async function attachPosterPictures(
  model: ExportModel,
  pictures: PictureStorePort,
  workshopId: string,
  log: Logger,
): Promise<ExportModel> {
  const personas = await Promise.all(
    model.personas.map(async (persona) => ({
      ...persona,
      picture: persona.pictureId ? await posterPicture(pictures, workshopId, persona.pictureId, log) : null,
    })),
  );
  return { ...model, personas };
}
