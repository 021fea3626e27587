// First, before any module builds a schema: every zod schema built after this is compiled on
// its first parse (falling back to zod's own parser for what it cannot compile). The shared lib/
// schemas are Zod Mini (lib/zod.ts), whose objects zod would otherwise parse at half the speed of
// full zod's; compiled, the server's validation is faster than before. Not in the browser, whose
// CSP allows no eval (zod stays jitless there: lib/zodBrowser.ts).
import 'zod/compile';
import path from 'node:path';
import { z } from 'zod';
import { createAppServer } from './createAppServer';
import { limitsFromEnv } from './limits';
import { createLogger } from './log';
import { StorageUnavailableError } from './storage/openStorage';

/** The only place that reads the environment. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** `postgres://…` (or `postgresql://…`): PostgreSQL instead of SQLite under DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/./, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional(),
  PUBLIC_URL: z.url().optional(),
  TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PDF_WARMUP: z.enum(['0', '1']).default('1'),
  /** Lowers the note cap (at most the default 10,000); the end-to-end tests fill a board with it. */
  NOTES_PER_WORKSHOP: z.coerce.number().int().min(1).max(10_000).optional(),
  METRICS_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9_-]{20,128}$/, 'METRICS_TOKEN must be 20–128 characters of A–Z, a–z, 0–9, _ or -')
    .optional(),
  DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  DRAIN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  /** Enables the multi-instance mode: socket.io, rate limits, kicks and presence shared through Redis. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'REDIS_URL must be a redis:// or rediss:// URL')
    .optional(),
  /** With PostgreSQL: how often a room with clients checks for other instances' commits (ms; default 1000, 5000 with REDIS_URL). */
  CATCH_UP_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).optional(),
});

/** Past the drain's own bounds, something hangs: exit anyway rather than never. */
const HARD_STOP_MARGIN_MS = 10_000;

async function main(): Promise<void> {
  const env = EnvSchema.parse(process.env);
  const limits = limitsFromEnv(process.env);
  const isDev = process.argv.includes('--dev');
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  const logger = createLogger(env.LOG_LEVEL);
  const app = await createAppServer({
    port: env.PORT,
    host: env.HOST,
    dataDir: path.resolve(env.DATA_DIR),
    databaseUrl: env.DATABASE_URL ?? null,
    next: { dev: isDev, dir: path.resolve(import.meta.dirname, '..') },
    publicUrl: env.PUBLIC_URL ?? null,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    notesPerWorkshop: env.NOTES_PER_WORKSHOP,
    limits,
    metricsToken: env.METRICS_TOKEN ?? null,
    redisUrl: env.REDIS_URL ?? null,
    catchUpIntervalMs: env.CATCH_UP_INTERVAL_MS,
    logger,
  });
  logger.info(`Persona Workshop is running at ${app.url}`);
  if (env.PDF_WARMUP === '1') void app.warmUp();
  let isStopping = false;
  const stop = (signal: string) => {
    if (isStopping) {
      if (signal === 'SIGINT') process.exit(1); // a second Ctrl-C: stop waiting for clients
      return;
    }
    isStopping = true;
    logger.info({ signal, timeoutMs: env.DRAIN_TIMEOUT_MS, graceMs: env.DRAIN_GRACE_MS }, 'draining');
    setTimeout(
      () => {
        logger.error('drain hung; exiting');
        process.exit(1);
      },
      env.DRAIN_GRACE_MS + env.DRAIN_TIMEOUT_MS + HARD_STOP_MARGIN_MS,
    ).unref();
    app.drain({ graceMs: env.DRAIN_GRACE_MS, timeoutMs: env.DRAIN_TIMEOUT_MS }).then(
      (report) => {
        logger.info(report, 'stopped');
        process.exit(0);
      },
      (error: Error) => {
        logger.error({ err: error.message }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  // An operator's mistake (a bad variable, an unreachable database) is one clear line, not a stack.
  if (error instanceof StorageUnavailableError) console.error(`Persona Workshop cannot start: ${error.message}`);
  else if (error instanceof z.ZodError)
    console.error(`Persona Workshop cannot start: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  else console.error(error);
  process.exit(1);
});
