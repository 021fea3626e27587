import { rmSync } from 'node:fs';
import { createAppServer } from '../server/createAppServer';
import { createLogger } from '../server/log';
import { reportLoopDelayOnSignal } from './serverProbe';

/**
 * Our server as the benchmark's child process: API and Yjs endpoint only (no Next.js), silent
 * logs, join limits (failures, participants and joins per workshop) wide open so hundreds of
 * benchmark clients can join from one address.
 * Prints `{ url, pid }` as its first stdout line, then its event-loop delay on each SIGUSR2; stops
 * on SIGTERM, SIGINT or when the parent's stdin pipe closes (the parent died).
 */
const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: ourServer.ts <dataDir>');

const UNLIMITED = 1_000_000;
const app = await createAppServer({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  databaseUrl: process.env.BENCH_DATABASE_URL || null,
  // `--cluster`: several of these share the database and Redis.
  redisUrl: process.env.BENCH_REDIS_URL || null,
  next: false,
  logger: createLogger('silent'),
  joinLimits: { failuresPerIpPerMinute: UNLIMITED, failuresPerMinute: UNLIMITED, createsPerIpPerMinute: UNLIMITED },
  limits: { participantsPerWorkshop: UNLIMITED, joinsPerWorkshopPerMinute: UNLIMITED },
  // Awareness keeps its production limit: dropping echoed presence is part of what we measure.
  yjs: { messagesPerSecond: UNLIMITED },
});
process.stdout.write(`${JSON.stringify({ url: app.url, pid: process.pid })}\n`);
reportLoopDelayOnSignal();

let isStopping = false;
const stop = (isOrphaned: boolean) => {
  if (isStopping) return;
  isStopping = true;
  // The drain `server/main.ts` runs on SIGTERM.
  app.drain({ graceMs: 0, timeoutMs: 5_000 }).then(
    () => {
      // The parent removes the temp dir after reading it; an orphan cleans up after itself.
      if (isOrphaned) rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    },
    () => process.exit(1),
  );
};
process.on('SIGTERM', () => stop(false));
process.on('SIGINT', () => stop(false));
process.stdin.on('end', () => stop(true));
process.stdin.resume();
