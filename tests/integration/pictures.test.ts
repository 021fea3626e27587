import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreateWorkshopReply } from '../../lib/api';
import { readPersonas } from '../../lib/board';
import { setPersonaPicture } from '../../lib/personaBoard';
import { MAX_PICTURE_BYTES } from '../../server/pictures/processPicture';
import { quadrantHeic, quadrantJpeg, readQuadrants } from '../fixtures/pictures/quadrants';
import { Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.start();
});
afterEach(() => h.close());

function upload(code: string, token: string, body: Uint8Array, contentType = 'image/png'): Promise<Response> {
  return fetch(`${h.server.url}/api/workshops/${code}/pictures`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body: new Uint8Array(body),
  });
}

function download(code: string, token: string, pictureId: string): Promise<Response> {
  return fetch(`${h.server.url}/api/workshops/${code}/pictures/${pictureId}`, { headers: { authorization: `Bearer ${token}` } });
}

const bigPng = () =>
  sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#f80' } })
    .png()
    .toBuffer();

describe('persona pictures', () => {
  it('accepts a PNG made here, stores it as WebP at most 1024 px, and serves it to the workshop', async () => {
    const { code } = await h.createWorkshop();
    const ana = await h.join(code, 'Ana');
    const res = await upload(code, ana.token, await bigPng());
    expect(res.status).toBe(201);
    const { pictureId } = (await res.json()) as { pictureId: string };
    expect(pictureId).toMatch(/^[0-9A-Za-z_-]{1,64}$/);

    const bo = await h.join(code, 'Bo');
    const served = await download(code, bo.token, pictureId);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(served.headers.get('content-security-policy')).toBe("default-src 'none'");
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect(meta.format).toBe('webp');
    expect(Math.max(meta.width, meta.height)).toBe(1024);
  });

  it('drops EXIF metadata (camera, GPS) from a JPEG', async () => {
    const { code } = await h.createWorkshop();
    const ana = await h.join(code, 'Ana');
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#08f' } })
      .jpeg()
      .withExifMerge({ IFD0: { Make: 'SecretCam', Copyright: 'Ana at home' } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const { pictureId } = (await (await upload(code, ana.token, jpeg, 'image/jpeg')).json()) as { pictureId: string };
    const stored = Buffer.from(await (await download(code, ana.token, pictureId)).arrayBuffer());
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(stored.includes('SecretCam')).toBe(false);
  });

  it('accepts an iPhone HEIC (HEVC, irot 90° and EXIF orientation 6) and stores it upright as WebP, without EXIF', async () => {
    const { code } = await h.createWorkshop();
    const ana = await h.join(code, 'Ana');
    const res = await upload(code, ana.token, quadrantHeic(6), 'image/heic');
    expect(res.status).toBe(201);
    const { pictureId } = (await res.json()) as { pictureId: string };
    const served = await download(code, ana.token, pictureId);
    expect(served.headers.get('content-type')).toBe('image/webp');
    const stored = Buffer.from(await served.arrayBuffer());
    expect(await readQuadrants(stored)).toEqual({ width: 80, height: 120, quadrants: ['blue', 'red', 'white', 'green'] });
    const meta = await sharp(stored).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.exif).toBeUndefined();
  });

  it('refuses a HEIC cut short, or claiming too many pixels, with a clear 400, and keeps serving', async () => {
    const { code } = await h.createWorkshop();
    const ana = await h.join(code, 'Ana');
    const whole = quadrantHeic(1);
    for (const cut of [whole.subarray(0, 100), whole.subarray(0, whole.length - 1)]) {
      const res = await upload(code, ana.token, cut, 'image/heic');
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/HEIC photo could not be read: it may be damaged or cut short/);
    }
    const huge = Buffer.from(whole);
    huge.writeUInt32BE(12_000, huge.indexOf('ispe') + 8); // the header now claims 12,000 × 6,000 px
    huge.writeUInt32BE(6_000, huge.indexOf('ispe') + 12);
    const tooLarge = await upload(code, ana.token, huge, 'image/heic');
    expect(tooLarge.status).toBe(400);
    expect(((await tooLarge.json()) as { error: string }).error).toMatch(/72 megapixels, at most 50/);

    expect((await upload(code, ana.token, whole, 'image/heic')).status).toBe(201);
    expect((await upload(code, ana.token, await bigPng())).status).toBe(201);
  });

  it('accepts AVIF (HEIF with AV1, decoded by sharp) with its irot applied', async () => {
    const { code } = await h.createWorkshop();
    const ana = await h.join(code, 'Ana');
    const avif = await sharp(await quadrantJpeg(1))
      .avif()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const res = await upload(code, ana.token, avif, 'image/avif');
    expect(res.status).toBe(201);
    const { pictureId } = (await res.json()) as { pictureId: string };
    const stored = Buffer.from(await (await download(code, ana.token, pictureId)).arrayBuffer());
    expect(await readQuadrants(stored)).toEqual({ width: 80, height: 120, quadrants: ['blue', 'red', 'white', 'green'] });
  });

  it('refuses a file that is not an image, whatever its content type says', async () => {
    const { code } = await h.createWorkshop();
    const ana = await h.join(code, 'Ana');
    const res = await upload(code, ana.token, new TextEncoder().encode('<svg onload="alert(1)"></svg>'), 'image/png');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/not a picture we can read/);
  });

  it('refuses an upload over 5 MiB with 413', async () => {
    const { code } = await h.createWorkshop();
    const ana = await h.join(code, 'Ana');
    const res = await upload(code, ana.token, new Uint8Array(MAX_PICTURE_BYTES + 1));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/larger than 5 MB/);
  });

  it('refuses a token of another workshop, for upload and download', async () => {
    const first = await h.createWorkshop('First');
    const second = await h.createWorkshop('Second');
    const ana = await h.join(first.code, 'Ana');
    const eve = await h.join(second.code, 'Eve');
    const { pictureId } = (await (await upload(first.code, ana.token, await bigPng())).json()) as { pictureId: string };

    expect((await upload(first.code, eve.token, await bigPng())).status).toBe(403);
    expect((await download(first.code, eve.token, pictureId)).status).toBe(403);
    // Eve's own workshop does not hold the picture either.
    expect((await download(second.code, eve.token, pictureId)).status).toBe(404);
    expect((await fetch(`${h.server.url}/api/workshops/${first.code}/pictures/${pictureId}`)).status).toBe(401);
  });

  it('go along when the workshop is copied as a new one', async () => {
    const source = await h.createWorkshop();
    const ana = await h.join(source.code, 'Ana');
    const { pictureId } = (await (await upload(source.code, ana.token, await bigPng())).json()) as { pictureId: string };
    const workshopId = (await h.server.storage.workshops.byCode(source.code))!.id;
    await h.server.rooms.change(workshopId, (doc) => setPersonaPicture(doc, readPersonas(doc)[0]!.id, pictureId));

    const res = await h.post(`/api/workshops/${source.code}/copy`, {}, { authorization: `Bearer ${source.facilitatorKey}` });
    const copy = (await res.json()) as CreateWorkshopReply;
    const copyId = (await h.server.storage.workshops.byCode(copy.code))!.id;
    expect(await h.server.rooms.readDoc(copyId, (doc) => readPersonas(doc)[0]!.pictureId)).toBe(pictureId);
    const facilitator = await h.facilitator(copy.code, copy.facilitatorKey);
    expect((await download(copy.code, facilitator.token, pictureId)).status).toBe(200);
  });
});
