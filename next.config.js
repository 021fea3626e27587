/** @type {import('next').NextConfig} */
const nextConfig = {
  // Yjs must be one module instance on the server, or its type checks (instanceof) break.
  serverExternalPackages: ['yjs', 'y-websocket', 'y-protocols', 'lib0'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
