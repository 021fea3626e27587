/** @type {import('next').NextConfig} */
const nextConfig = {
  // Yjs must be one module instance on the server, or its type checks (instanceof) break.
  serverExternalPackages: ['yjs', 'y-websocket', 'y-protocols', 'lib0'],
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm run typecheck` checks app, server, tests and e2e together before the build in
  // `npm test`; checking again inside `next build` would only add half a minute.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
