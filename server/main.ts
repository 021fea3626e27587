import path from 'node:path';
import { z } from 'zod';
import { createAppServer } from './createAppServer';
import { limitsFromEnv } from './limits';
import { createLogger } from './log';

/** The only place that reads the environment. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: z.url().optional(),
  TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PDF_WARMUP: z.enum(['0', '1']).default('1'),
});

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
    next: { dev: isDev, dir: path.resolve(import.meta.dirname, '..') },
    publicUrl: env.PUBLIC_URL ?? null,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    limits,
    logger,
  });
  logger.info(`Persona Workshop is running at ${app.url}`);
  if (env.PDF_WARMUP === '1') void app.warmUp();
  let isStopping = false;
  const stop = (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    logger.info({ signal }, 'stopping');
    app.close().then(
      () => process.exit(0),
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
  console.error(error);
  process.exit(1);
});
