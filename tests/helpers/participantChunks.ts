import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The Next.js build's directory in this checkout. */
export const NEXT_DIR = path.resolve(import.meta.dirname, '../../.next');

function entryChunks(route: string): string[] {
  const manifestFile = path.join(NEXT_DIR, 'server/app', route, 'page_client-reference-manifest.js');
  // The manifest is a script that assigns to globalThis.__RSC_MANIFEST[<page>].
  const sandbox = { __RSC_MANIFEST: {} as Record<string, { entryJSFiles: Record<string, string[]> }> };
  new Function('globalThis', 'self', readFileSync(manifestFile, 'utf8'))(sandbox, sandbox);
  const page = sandbox.__RSC_MANIFEST[`/${route}/page`];
  if (!page) throw new Error(`no client manifest for /${route}`);
  // Every page also loads its not-found boundary (app/not-found.tsx), whether or not it shows.
  return ['layout', 'not-found', `${route}/page`].flatMap((entry) => page.entryJSFiles[`[project]/app/${entry}`] ?? []);
}

/**
 * What `next build` ships to a participant's phone before the board shows: the join page (the
 * QR code's link) and the participant page, each the root files every page loads plus its
 * layout's and its page's entry chunks, counted once (paths below `.next/`, e.g.
 * `static/chunks/….js`). The lazily loaded chunks are not in it.
 */
export function participantChunks(): string[] {
  const build = JSON.parse(readFileSync(path.join(NEXT_DIR, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] };
  return [...new Set([...build.rootMainFiles, ...entryChunks('join/[code]'), ...entryChunks('w/[code]')])];
}
