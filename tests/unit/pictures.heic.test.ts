import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeHeic } from '../../server/pictures/decodeHeic';
import { HEIC_TOO_SLOW, HEIC_UNREADABLE, NOT_AN_IMAGE, processPicture } from '../../server/pictures/processPicture';
import { quadrantHeic as heic, quadrantJpeg, readQuadrants as layout } from '../fixtures/pictures/quadrants';

async function stored(input: Buffer, options?: Parameters<typeof processPicture>[1]): Promise<Buffer> {
  const result = await processPicture(input, options);
  if (!result.ok) throw new Error(result.error);
  return result.value.bytes;
}

/** The fixture with its ispe box claiming another size (the coded picture is unchanged). */
function withIspe(input: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(input);
  const at = copy.indexOf('ispe');
  copy.writeUInt32BE(width, at + 8);
  copy.writeUInt32BE(height, at + 12);
  return copy;
}

// The fixtures are genuine HEVC-coded HEICs made offline with libheif + x265 (tests/fixtures/pictures/README.md).
describe('HEIC pictures', () => {
  it('stores an iPhone-style portrait (pixels landscape, irot 90°, EXIF orientation 6) upright, once', async () => {
    const webp = await stored(heic(6));
    expect(await layout(webp)).toEqual({ width: 80, height: 120, quadrants: ['blue', 'red', 'white', 'green'] });
    const meta = await sharp(webp).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.exif).toBeUndefined();
    expect(meta.hasAlpha).toBe(false);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'turns orientation %i (irot/imir) upright exactly as the JPEG path turns its EXIF tag',
    async (orientation) => {
      const fromHeic = await layout(await stored(heic(orientation)));
      const fromJpeg = await layout(await stored(await quadrantJpeg(orientation)));
      expect(fromHeic).toEqual(fromJpeg);
    },
  );

  it('refuses a HEIC cut short with the HEIC message, wherever the cut falls', async () => {
    // EXIF sits after the picture data here, so sharp's header read already sees the cut.
    const withExif = heic(6);
    for (const length of [16, 100, 300, withExif.length - 200, withExif.length - 1]) {
      const result = await processPicture(withExif.subarray(0, length));
      expect(result, `cut at ${length} of ${withExif.length}`).toEqual({ ok: false, error: HEIC_UNREADABLE });
    }
    // Nothing after the picture data: the header reads fine and the decoder finds the cut.
    const withoutExif = heic(1);
    for (const length of [400, withoutExif.length - 1]) {
      const details: string[] = [];
      const result = await processPicture(withoutExif.subarray(0, length), { onHeicFailure: (detail) => details.push(detail) });
      expect(result, `cut at ${length} of ${withoutExif.length}`).toEqual({ ok: false, error: HEIC_UNREADABLE });
      expect(details.join(' ')).toMatch(/end of file/i);
    }
  });

  it('refuses a header that claims more than 50 MP, naming the size', async () => {
    const result = await processPicture(withIspe(heic(1), 10_000, 8_000));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/80 megapixels, at most 50/);
  });

  it('refuses a coded picture whose size differs from its header (what libheif 1.15 wrote for 90° turns)', async () => {
    const details: string[] = [];
    const result = await processPicture(withIspe(heic(6), 80, 120), { onHeicFailure: (detail) => details.push(detail) });
    expect(result).toEqual({ ok: false, error: HEIC_UNREADABLE });
    expect(details.join(' ')).toMatch(/size/);
  });

  it('survives garbage in the HEVC data: a picture or the HEIC message, never a throw', async () => {
    const corrupt = Buffer.from(heic(1));
    const mdat = corrupt.indexOf('mdat') + 4;
    let seed = 7;
    for (let i = mdat + 8; i < corrupt.length; i++) corrupt[i] = seed = (seed * 1103515245 + 12345) & 0xff;
    const result = await processPicture(corrupt);
    expect(result.ok || result.error === HEIC_UNREADABLE).toBe(true);
    expect((await layout(await stored(heic(1)))).width).toBe(120);
  });

  it('stops a decoder past its deadline', async () => {
    expect(await processPicture(heic(1), { heicTimeoutMs: 1 })).toEqual({ ok: false, error: HEIC_TOO_SLOW });
    expect(await decodeHeic(heic(1), { maxPixels: 1e6, timeoutMs: 1 })).toEqual({ type: 'timedOut' });
  });

  it('checks the pixel limit in the decoder too, before decoding', async () => {
    expect(await decodeHeic(heic(6), { maxPixels: 80 * 120 - 1, timeoutMs: 10_000 })).toEqual({ type: 'tooLarge', width: 80, height: 120 });
  });
});

describe('other formats around HEIC', () => {
  it('decodes AVIF (HEIF with AV1) with sharp, its irot applied', async () => {
    const avif = await sharp(await quadrantJpeg(1))
      .avif()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(avif.toString('latin1', 8, 12)).toBe('avif');
    expect(await layout(await stored(avif))).toEqual(await layout(await stored(await quadrantJpeg(6))));
  });

  it('refuses any format claiming over 50 MP from its header, with the size', async () => {
    const chunk = (type: string, data: Buffer) => {
      const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(data.length);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(body));
      return Buffer.concat([length, body, crc]);
    };
    const header = Buffer.alloc(13);
    header.writeUInt32BE(10_000, 0);
    header.writeUInt32BE(10_000, 4);
    header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB; the one IDAT row is all the file holds
    const png = Buffer.concat([
      Buffer.from('89504e470d0a1a0a', 'hex'),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(Buffer.alloc(100))),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    const result = await processPicture(png);
    expect(!result.ok && result.error).toMatch(/100 megapixels, at most 50/);
  });

  it('still calls an unknown ISO box file "not a picture"', async () => {
    const mp4ish = Buffer.concat([Buffer.from('00000018667479706d703432000000006d703431', 'hex'), Buffer.alloc(64)]);
    expect(await processPicture(mp4ish)).toEqual({ ok: false, error: NOT_AN_IMAGE });
  });
});
