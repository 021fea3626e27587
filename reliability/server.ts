import { createAppServer, type AppServer } from '../server/createAppServer';
import { createLogger } from '../server/log';

/**
 * The server under test as a child process: API, Yjs and socket.io (no Next.js), silent logs,
 * join limits open (the suite joins hundreds of clients from one address). Usage:
 * `node --import tsx reliability/server.ts <dataDir> <port>`. Prints `{ url, pid }` once
 * listening; on SIGUSR2 runs `gc()` (when started with `--expose-gc`) and prints
 * `{ stats: { rooms, rssBytes, heapUsedBytes, prototypeAdded } }` (test hook only, the server
 * code is untouched; `prototypeAdded` lists keys that appeared on `Object.prototype`).
 * Stops on SIGTERM (the production drain) or when the parent's stdin closes.
 * Env (test only): `RELIABILITY_JOIN_LIMITS=production` keeps the production join limits
 * (`DEFAULT_JOIN_LIMITS` and the participants, joins and exports of `DEFAULT_SERVER_LIMITS`, as
 * `server/main.ts` runs); `RELIABILITY_TRUST_PROXY=1` reads
 * `X-Forwarded-For` as `TRUST_PROXY=1` does.
 */
const [dataDir, portArg] = process.argv.slice(2);
if (!dataDir || !portArg) throw new Error('usage: server.ts <dataDir> <port>');

// Registered before start-up, so a signal that races it never kills the process.
let app: AppServer | null = null;
const prototypeKeys = new Set(Object.getOwnPropertyNames(Object.prototype));
process.on('SIGUSR2', () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const mem = process.memoryUsage();
  const prototypeAdded = Object.getOwnPropertyNames(Object.prototype).filter((key) => !prototypeKeys.has(key));
  const stats = { rooms: app?.rooms.size ?? 0, rssBytes: mem.rss, heapUsedBytes: mem.heapUsed, prototypeAdded };
  process.stdout.write(`${JSON.stringify({ stats })}\n`);
});

const UNLIMITED = 1_000_000;
const server = await createAppServer({
  port: Number(portArg),
  host: '127.0.0.1',
  dataDir,
  next: false,
  logger: createLogger('silent'),
  joinLimits:
    process.env.RELIABILITY_JOIN_LIMITS === 'production'
      ? undefined
      : { failuresPerIpPerMinute: UNLIMITED, failuresPerMinute: UNLIMITED, createsPerIpPerMinute: UNLIMITED },
  trustProxy: process.env.RELIABILITY_TRUST_PROXY === '1',
  // Hundreds of clients join a few rooms from one address, far faster than a class would.
  limits:
    process.env.RELIABILITY_JOIN_LIMITS === 'production'
      ? undefined
      : {
          participantsPerWorkshop: UNLIMITED,
          joinsPerWorkshopPerMinute: UNLIMITED,
          exportsPerAddressPerMinute: UNLIMITED,
          // The fuzzer opens dozens of sockets at once on one participant's token; the cap would
          // cut its cases short (the cap has its own integration tests).
          connectionsPerParticipant: UNLIMITED,
        },
});
app = server;
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);

let isStopping = false;
const stop = () => {
  if (isStopping) return;
  isStopping = true;
  // The drain `server/main.ts` runs on SIGTERM: clients told 4002, everything committed.
  server.drain({ graceMs: 0, timeoutMs: 5_000 }).then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
