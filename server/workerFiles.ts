/**
 * Entry files of the server's worker threads, resolved from this module. It lives in server/,
 * and `npm run build` (scripts/build-server.mjs) puts the compiled server at dist/main.mjs with
 * each worker at the same path below dist/ as below server/, so these URLs hold both when the
 * sources run under tsx or Vitest and when the compiled bundle runs: only a module at this
 * level may resolve them (inside the bundle every module shares main.mjs's `import.meta.url`).
 */

/** Source: a shim that loads the TypeScript renderer through tsx. Compiled: the bundled renderer. */
export const PDF_WORKER_URL = new URL('./export/pdf/workerEntry.mjs', import.meta.url);

/** Plain JavaScript in both. */
export const HEIC_WORKER_URL = new URL('./pictures/heicWorker.mjs', import.meta.url);
