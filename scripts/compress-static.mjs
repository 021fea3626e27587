// Writes `<file>.br` next to each compressible file of the Next.js build's `.next/static/`, at
// brotli's best quality (too slow to run per request, so Next.js itself sends gzip). The server
// sends them to browsers that take `br` (server/http/brotliStatic.ts). Run by `npm run build`
// after `next build`; a build without them is served in gzip as before.
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants } from 'node:zlib';

const ROOT = path.resolve(import.meta.dirname, '..');
const STATIC = path.join(ROOT, '.next/static');
/** The types server/http/brotliStatic.ts knows; source maps are left out (debugging aids, and slow at this quality). */
const COMPRESSIBLE = new Set(['.js', '.css', '.json', '.svg', '.txt']);
/** Below this, a response's headers outweigh what compression saves (the size Next.js starts to gzip at). */
const MIN_BYTES = 1024;
const compress = promisify(brotliCompress);

async function compressFile(file) {
  const source = await readFile(file);
  const compressed = await compress(source, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
    },
  });
  if (compressed.length >= source.length) return { source: source.length, compressed: source.length };
  await writeFile(`${file}.br`, compressed);
  return { source: source.length, compressed: compressed.length };
}

const names = await readdir(STATIC, { recursive: true });
// A `.br` left from an earlier run of the same build is written again; one without its file goes.
await Promise.all(names.filter((name) => name.endsWith('.br')).map((name) => rm(path.join(STATIC, name))));
const files = [];
for (const name of names) {
  const file = path.join(STATIC, name);
  if (COMPRESSIBLE.has(path.extname(name)) && (await stat(file)).size >= MIN_BYTES) files.push(file);
}
// zlib compresses on libuv's thread pool, so the files are compressed in parallel.
const results = await Promise.all(files.map(compressFile));
const total = (key) => results.reduce((sum, result) => sum + result[key], 0);
console.log(`brotli: ${files.length} files in .next/static, ${total('source')} → ${total('compressed')} bytes`);
