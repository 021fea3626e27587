import { createAppServer, type AppServer } from '../server/createAppServer';
import { createLogger } from '../server/log';

/**
 * The server under test as a child process: API, Yjs and socket.io (no Next.js), silent logs,
 * join limits open (the suite joins hundreds of clients from one address). Usage:
 * `node --import tsx reliability/server.ts <dataDir> <port>`. Prints `{ url, pid }` once
 * listening; on SIGUSR2 runs `gc()` (when started with `--expose-gc`) and prints
 * `{ stats: { rooms, rssBytes, heapUsedBytes } }` (test hook only, the server code is untouched).
 * Stops on SIGTERM (graceful close) or when the parent's stdin closes.
 */
const [dataDir, portArg] = process.argv.slice(2);
if (!dataDir || !portArg) throw new Error('usage: server.ts <dataDir> <port>');

// Registered before start-up, so a signal that races it never kills the process.
let app: AppServer | null = null;
process.on('SIGUSR2', () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const mem = process.memoryUsage();
  const stats = { rooms: app?.rooms.size ?? 0, rssBytes: mem.rss, heapUsedBytes: mem.heapUsed };
  process.stdout.write(`${JSON.stringify({ stats })}\n`);
});

const UNLIMITED = 1_000_000;
const server = await createAppServer({
  port: Number(portArg),
  host: '127.0.0.1',
  dataDir,
  next: false,
  logger: createLogger('silent'),
  joinLimits: { failuresPerIpPerMinute: UNLIMITED, failuresPerMinute: UNLIMITED, createsPerIpPerMinute: UNLIMITED },
});
app = server;
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);

let isStopping = false;
const stop = () => {
  if (isStopping) return;
  isStopping = true;
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
