import sharp, { type Metadata, type Sharp } from 'sharp';
import { fail, ok, type Result } from '../../lib/result';
import { decodeHeic } from './decodeHeic';
import type { StoredPicture } from './PictureStore';
import { refusalText } from '../../lib/refusals';

/** Largest upload accepted, checked while the body streams in. */
export const MAX_PICTURE_BYTES = 5 * 1024 * 1024;
/** Longest edge of the stored picture: plenty for a card and a printed poster. */
export const PICTURE_MAX_EDGE_PX = 1024;
/**
 * Decompression-bomb guard, checked against the header before anything is decoded: a 5 MiB file
 * may still claim a gigapixel canvas. 50 MP lets a 48 MP phone photo (8064 × 6048) through.
 */
export const MAX_INPUT_PIXELS = 50_000_000;
/** A 12 MP HEIC takes 1–2 s here, a 48 MP one 4–6 s (2 cores, under load): past this the decoder is stopped. */
export const HEIC_DECODE_TIMEOUT_MS = 20_000;

/** Formats sharp decodes itself; HEIF files (HEIC and AVIF) are told apart by their codec below. */
const DECODABLE = new Set(['jpeg', 'png', 'webp', 'gif']);

/** Names the common formats only (HEIC and AVIF are read too); e2e/pictures.spec.ts pins the text. */
export const NOT_AN_IMAGE = refusalText('notAPicture');
export const HEIC_UNREADABLE = refusalText('heicUnreadable');
export const HEIC_TOO_SLOW = refusalText('heicTooSlow');

const tooManyPixels = (width: number, height: number) =>
  refusalText('pictureTooManyPixels', { megapixels: Math.round((width * height) / 1e6), max: MAX_INPUT_PIXELS / 1e6 });

export interface ProcessOptions {
  heicTimeoutMs?: number;
  /** Why the codec refused a HEIC (its own words, never the user's data), for the server's log. */
  onHeicFailure?: (detail: string) => void;
}

/**
 * sharp reports HEIC and AVIF both as 'heif'. Its prebuilt libvips decodes AV1 but has no HEVC
 * decoder (patent licensing), so an iPhone's HEIC goes to libheif-js instead.
 */
function decoderFor(meta: Metadata): 'sharp' | 'heic' | null {
  if (meta.format === 'heif') {
    if (meta.compression === 'av1') return 'sharp';
    return meta.compression === 'hevc' ? 'heic' : null;
  }
  return meta.format && DECODABLE.has(meta.format) ? 'sharp' : null;
}

/** Brands of HEVC-coded HEIF in the `ftyp` box: iPhone photos say `heic`. */
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);

/** A HEIC whose header sharp cannot parse (an upload cut short) gets the HEIC message, not "not a picture". */
function hasHeicBrand(input: Buffer): boolean {
  if (input.length < 16 || input.toString('latin1', 4, 8) !== 'ftyp') return false;
  const end = Math.min(input.readUInt32BE(0), input.length, 64);
  for (let at = 8; at + 4 <= end; at += 4) if (HEIC_BRANDS.has(input.toString('latin1', at, at + 4))) return true;
  return false;
}

async function openHeic(input: Buffer, options: ProcessOptions): Promise<Result<Sharp>> {
  const decoded = await decodeHeic(input, { maxPixels: MAX_INPUT_PIXELS, timeoutMs: options.heicTimeoutMs ?? HEIC_DECODE_TIMEOUT_MS });
  if (decoded.type === 'tooLarge') return fail(tooManyPixels(decoded.width, decoded.height));
  if (decoded.type === 'timedOut') return fail(HEIC_TOO_SLOW);
  if (decoded.type === 'codecUnavailable') throw new Error(`The HEIC decoder could not be loaded: ${decoded.detail}`);
  if (decoded.type === 'unreadable') {
    options.onHeicFailure?.(decoded.detail);
    return fail(HEIC_UNREADABLE);
  }
  const { width, height, pixels, hasAlpha } = decoded;
  // No .rotate(): libheif has applied irot/imir, and raw pixels carry no EXIF, so the orientation
  // tag an iPhone also writes is not applied a second time (in HEIF, irot/imir are what count).
  const image = sharp(pixels, { raw: { width, height, channels: 4 }, limitInputPixels: MAX_INPUT_PIXELS });
  return ok(hasAlpha ? image : image.removeAlpha());
}

/** Whatever the client claims, sniff the real format, then re-encode: metadata (EXIF, GPS) is dropped. */
export async function processPicture(input: Buffer, options: ProcessOptions = {}): Promise<Result<StoredPicture>> {
  let meta: Metadata;
  try {
    meta = await sharp(input).metadata();
  } catch {
    return fail(hasHeicBrand(input) ? HEIC_UNREADABLE : NOT_AN_IMAGE);
  }
  const decoder = decoderFor(meta);
  if (!decoder || !meta.width || !meta.height) return fail(NOT_AN_IMAGE);
  if (meta.width * meta.height > MAX_INPUT_PIXELS) return fail(tooManyPixels(meta.width, meta.height));

  let image: Sharp;
  if (decoder === 'heic') {
    const opened = await openHeic(input, options);
    if (!opened.ok) return fail(opened.error);
    image = opened.value;
  } else {
    // .rotate() applies the EXIF orientation before the EXIF block is dropped (for AVIF, libheif
    // has already applied irot/imir and sharp reports no orientation).
    image = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, animated: false }).rotate();
  }
  try {
    const bytes = await image
      .resize({ width: PICTURE_MAX_EDGE_PX, height: PICTURE_MAX_EDGE_PX, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer();
    return ok({ bytes, contentType: 'image/webp' });
  } catch {
    return fail(NOT_AN_IMAGE);
  }
}
