// Compiles the server (server/ and the lib/ it imports) to JavaScript under dist/, so
// `npm start` runs plain Node with no TypeScript loader. esbuild rather than tsc: our imports
// are extensionless (`moduleResolution: bundler`), which Node's ESM loader cannot resolve in
// tsc's one-file-per-module output, and esbuild compiles the PDF worker's JSX in the same pass.
// The options (every npm package external, only our code bundled) are in serverBuildOptions.mjs.
//
// Layout: dist/ mirrors server/. dist/main.js sits one level below the repository as
// server/main.ts does (it finds the Next.js build at `..`), and each worker thread's entry sits
// at the same path below dist/ as below server/ (see server/workerFiles.ts).
import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { ROOT, SERVER_BUILD_OPTIONS } from './serverBuildOptions.mjs';

const OUT = path.join(ROOT, 'dist');

/** Bundled entries: the server, and the PDF worker (which needs no TypeScript loader once compiled). */
const ENTRIES = [
  { in: 'server/main.ts', out: 'main' },
  { in: 'server/export/pdf/pdfWorker.ts', out: 'export/pdf/workerEntry' },
];
/** Plain JavaScript workers, copied as they are. */
const COPIED = ['pictures/heicWorker.mjs'];

await rm(OUT, { recursive: true, force: true });
await build({
  ...SERVER_BUILD_OPTIONS,
  entryPoints: ENTRIES.map((entry) => ({ in: path.join(ROOT, entry.in), out: entry.out })),
  outdir: OUT,
});
for (const file of COPIED) {
  await mkdir(path.dirname(path.join(OUT, file)), { recursive: true });
  await copyFile(path.join(ROOT, 'server', file), path.join(OUT, file));
}
console.log(`server compiled to ${path.relative(ROOT, OUT)}/`);
