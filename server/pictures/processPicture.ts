import sharp from 'sharp';
import { fail, ok, type Result } from '../../lib/result';
import type { StoredPicture } from './PictureStore';

/** Largest upload accepted, checked while the body streams in. */
export const MAX_PICTURE_BYTES = 5 * 1024 * 1024;
/** Longest edge of the stored picture: plenty for a card and a printed poster. */
export const PICTURE_MAX_EDGE_PX = 1024;
/** Decompression-bomb guard: a 5 MiB file may still claim a gigapixel canvas. */
const MAX_INPUT_PIXELS = 40_000_000;

/**
 * Formats we decode. The prebuilt sharp/libvips from npm reads AVIF through libheif but has no
 * HEVC decoder (patent licensing), so iPhone HEIC photos are refused with a hint instead.
 */
const DECODABLE = new Set(['jpeg', 'png', 'webp', 'gif', 'avif']);

export const NOT_AN_IMAGE = 'That file is not a picture we can read. Use a JPEG, PNG, WebP or GIF image.';

/** Whatever the client claims, sniff the real format, then re-encode: metadata (EXIF, GPS) is dropped. */
export async function processPicture(input: Buffer): Promise<Result<StoredPicture>> {
  let format: string | undefined;
  try {
    const meta = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    format = meta.format;
    if (meta.compression === 'hevc') format = 'heic';
  } catch {
    return fail(NOT_AN_IMAGE);
  }
  if (format === 'heic' || format === 'heif') {
    return fail('HEIC photos cannot be read here. Choose "Most compatible" (JPEG) in the camera settings, or send a JPEG or PNG.');
  }
  if (!format || !DECODABLE.has(format)) return fail(NOT_AN_IMAGE);
  try {
    const bytes = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, animated: false })
      .rotate() // applies the EXIF orientation before the EXIF block is dropped
      .resize({ width: PICTURE_MAX_EDGE_PX, height: PICTURE_MAX_EDGE_PX, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer();
    return ok({ bytes, contentType: 'image/webp' });
  } catch {
    return fail(NOT_AN_IMAGE);
  }
}
