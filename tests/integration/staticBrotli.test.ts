import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { appForSuite } from '../helpers/appForSuite';
import { NEXT_DIR, participantChunks } from '../helpers/participantChunks';

/**
 * The built files in brotli (server/http/brotliStatic.ts, written by `npm run build`'s
 * scripts/compress-static.mjs) against the same files in gzip from Next.js, through the real
 * server. Raw HTTP, not fetch: fetch would decode the bodies and hide the encoding.
 */
const CHROMIUM = 'gzip, deflate, br, zstd';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('built files in brotli, as served', () => {
  const chunks = participantChunks();
  if (!chunks.every((file) => existsSync(path.join(NEXT_DIR, `${file}.br`))))
    throw new Error('the brotli files are missing: run `npm run build` (or `npm run build:static` after `next build`)');
  const built = (file: string) => readFileSync(path.join(NEXT_DIR, file));
  const app = appForSuite('brotli');

  it('sends each participant script in brotli to a browser that takes it, the same bytes decoded, typed and cached as Next.js does', async () => {
    for (const file of chunks) {
      const [br, gzip] = await Promise.all([
        get(`${app().url}/_next/${file}`, { 'accept-encoding': CHROMIUM }),
        get(`${app().url}/_next/${file}`, { 'accept-encoding': 'gzip' }),
      ]);
      expect(br.status).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.body).equals(built(file))).toBe(true);
      expect(Number(br.headers['content-length'])).toBe(br.body.length);
      expect(br.headers['content-type']).toBe('application/javascript; charset=UTF-8');
      expect(br.headers['content-type']).toBe(gzip.headers['content-type']);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(br.headers['cache-control']).toBe(gzip.headers['cache-control']);
      expect(br.headers['vary']).toBe('Accept-Encoding');
      expect(br.headers['x-content-type-options']).toBe('nosniff');
      expect(br.headers['content-security-policy']).toBeUndefined();
      expect(br.body.length).toBeLessThan(gzip.body.length);
      // The fallback: Next.js's gzip, which says it varies too.
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gzip.headers['vary']).toContain('Accept-Encoding');
      expect(gunzipSync(gzip.body).equals(built(file))).toBe(true);
    }
  });

  it('sends the stylesheet in brotli with its own type', async () => {
    const css = (await get(`${app().url}/`)).body.toString().match(/\/_next\/(static\/[^"]+\.css)/)?.[1];
    expect(css).toBeTruthy();
    const res = await get(`${app().url}/_next/${css}`, { 'accept-encoding': 'br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('text/css; charset=UTF-8');
    expect(brotliDecompressSync(res.body).equals(built(css as string))).toBe(true);
  });

  it('keeps to gzip or plain bytes for a client that does not take br', async () => {
    const file = chunks[0]!;
    for (const acceptEncoding of ['gzip, deflate', 'br;q=0, gzip', '*;q=0, gzip']) {
      const res = await get(`${app().url}/_next/${file}`, { 'accept-encoding': acceptEncoding });
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(res.body).equals(built(file))).toBe(true);
    }
    const plain = await get(`${app().url}/_next/${file}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(built(file))).toBe(true);
  });

  it('answers HEAD with the headers alone and a matching If-None-Match with 304', async () => {
    const url = `${app().url}/_next/${chunks[0]}`;
    const head = await get(url, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(Number(head.headers['content-length'])).toBe(readFileSync(path.join(NEXT_DIR, `${chunks[0]}.br`)).length);
    expect(head.body.length).toBe(0);
    const etag = head.headers['etag'] as string;
    expect(etag).toMatch(/^"br-/);
    const again = await get(url, { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const changed = await get(url, { 'accept-encoding': 'br', 'if-none-match': '"br-0-0"' });
    expect(changed.status).toBe(200);
  });

  it('opens no file outside the build: unknown and climbing paths get no brotli answer, and the server keeps serving', async () => {
    const hostile = [
      '/_next/static/chunks/nothing-here.js',
      '/_next/static/../../package.json',
      '/_next/static/chunks/..%2f..%2f..%2fpackage.json',
      '/_next/static/%2e%2e/%2e%2e/package.json',
      '/_next/static/chunks/%00.js',
      `/_next/static//${chunks[0]!.slice('static/'.length)}`,
    ];
    for (const pathname of hostile) {
      const res = await get(`${app().url}${pathname}`, { 'accept-encoding': 'br' });
      expect(res.headers['content-encoding'], pathname).not.toBe('br');
      expect(res.body.toString(), pathname).not.toContain('"persona-workshop"');
    }
    expect((await get(`${app().url}/_next/static/chunks/nothing-here.js`, { 'accept-encoding': 'br' })).status).toBe(404);
    expect((await get(`${app().url}/_next/${chunks[0]}`, { 'accept-encoding': 'br' })).status).toBe(200);
  });
});
