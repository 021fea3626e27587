// How our server code is compiled for Node: by `npm run build` (scripts/build-server.mjs) and by
// the benchmarks, which measure the JavaScript production runs rather than the tsx loader.
// Every npm package stays external (native addons, wasm, fonts and Next.js load from
// node_modules as they do in development); only our own code is bundled.
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');

/** esbuild options shared by every server bundle; the caller adds its entry points and outdir. */
export const SERVER_BUILD_OPTIONS = {
  absWorkingDir: ROOT,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20.9',
  tsconfig: path.join(ROOT, 'tsconfig.json'),
  jsx: 'automatic',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
};
