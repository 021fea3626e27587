import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_BUILD } from 'next/constants.js';
import createNextIntlPlugin from 'next-intl/plugin';
import { writePseudoCatalog } from './i18n/pseudoLocale.mjs';

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Yjs must be one module instance on the server, or its type checks (instanceof) break.
  serverExternalPackages: ['yjs', 'y-websocket', 'y-protocols', 'lib0'],
  poweredByHeader: false,
  productionBrowserSourceMaps: process.env.PW_SOURCE_MAPS === '1',
  reactStrictMode: true,
  // `npm run typecheck` checks app, server, tests and e2e together before the build in
  // `npm test`; checking again inside `next build` would only add half a minute.
  typescript: { ignoreBuildErrors: true },
  turbopack: {
    resolveAlias: {
      // No Buffer polyfill in the browser: see components/sync/noBuffer.js.
      'next/dist/compiled/buffer': { browser: './components/sync/noBuffer.js' },
      // Yjs only prints warnings through lib0's logging. Its browser build can also log into the
      // page's DOM, which brings lib0's DOM and schema modules (2.5 kB gzip) to every phone; the
      // console-only build (what lib0 gives Node and Deno) prints the same warnings.
      'lib0/logging': { browser: './node_modules/lib0/logging.node.js' },
    },
  },
};

// The UI language per request (i18n/request.ts): no locale segment in the URLs. The catalogs
// are precompiled at build time, so the browser gets no ICU parser (see README, Languages).
const withNextIntl = createNextIntlPlugin({
  requestConfig: './i18n/request.ts',
  experimental: { messages: { path: './messages', format: 'json', locales: 'infer', precompile: true } },
});

// The pseudo-locale's catalog (accented, longer English for the overflow run) is generated from
// English before the catalogs are compiled, so it is always in step (i18n/pseudoLocale.mjs).
export default function config(phase) {
  if (phase === PHASE_PRODUCTION_BUILD || phase === PHASE_DEVELOPMENT_SERVER) writePseudoCatalog('./messages');
  return withNextIntl(nextConfig);
}
