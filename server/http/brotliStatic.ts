import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

/**
 * Built files under `/_next/static/`, sent brotli-compressed to a browser that takes it.
 * `npm run build` writes `<file>.br` next to each compressible file at brotli's best quality
 * (scripts/compress-static.mjs), about 13 % smaller than the gzip Next.js makes per request
 * (README, Performance). Everything else, and any client that does not take `br`, goes to
 * Next.js as before (gzip).
 */
export type BrotliStatic = ReadonlyMap<string, BrotliFile>;

interface BrotliFile {
  file: string;
  size: number;
  contentType: string;
  etag: string;
}

const STATIC_PREFIX = '/_next/static/';
export const BROTLI_SUFFIX = '.br';
/** The types Next.js sends for the same files, so the two encodings differ only in their bytes. */
const CONTENT_TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=UTF-8',
  '.css': 'text/css; charset=UTF-8',
  '.json': 'application/json; charset=UTF-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=UTF-8',
};

/**
 * Indexes the `.br` files of a build (`<dir>/.next/static`), once at start: the files are
 * immutable while the server runs, and only a file in the index is ever opened, so no request
 * path reaches the file system. A build without them serves gzip only.
 */
export async function indexBrotliStatic(nextDir: string): Promise<BrotliStatic> {
  const root = path.join(nextDir, 'static');
  const index = new Map<string, BrotliFile>();
  const names = await readdir(root, { recursive: true }).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.endsWith(BROTLI_SUFFIX)) continue;
    const original = name.slice(0, -BROTLI_SUFFIX.length);
    const contentType = CONTENT_TYPES[path.extname(original)];
    if (!contentType) continue;
    const file = path.join(root, name);
    const info = await stat(file);
    const url = STATIC_PREFIX + original.split(path.sep).join('/');
    index.set(url, { file, size: info.size, contentType, etag: `"br-${info.size.toString(16)}-${info.mtimeMs.toString(16)}"` });
  }
  return index;
}

/** Whether an `Accept-Encoding` header takes `coding` (RFC 9110 §12.5.3: named, or `*`, with q > 0). */
export function acceptsEncoding(header: string | string[] | undefined, coding: string): boolean {
  let named: boolean | null = null;
  let wildcard = false;
  for (const entry of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [name = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    const weight = params.find((param) => param.startsWith('q='));
    const accepted = weight === undefined || Number(weight.slice(2)) > 0;
    if (name === coding) named = accepted;
    else if (name === '*') wildcard = accepted;
  }
  return named ?? wildcard;
}

/** Answers a GET or HEAD of an indexed file from a client that takes `br`; false leaves the request to Next.js. */
export function serveBrotliStatic(index: BrotliStatic, req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const found = index.get(pathname);
  if (!found || !acceptsEncoding(req.headers['accept-encoding'], 'br')) return false;
  res.setHeader('vary', 'Accept-Encoding');
  res.setHeader('cache-control', 'public, max-age=31536000, immutable');
  res.setHeader('etag', found.etag);
  if (req.headers['if-none-match'] === found.etag) {
    res.writeHead(304).end();
    return true;
  }
  res.writeHead(200, { 'content-type': found.contentType, 'content-encoding': 'br', 'content-length': found.size });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  // The build's files do not go away while it is served; if one does, this one answer breaks.
  createReadStream(found.file)
    .on('error', () => res.destroy())
    .pipe(res);
  return true;
}
