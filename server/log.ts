import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs. Tokens and keys must never reach a log line: callers log ids only, and
 * these paths are redacted as a second line of defence.
 */
export function createLogger(level: string = 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: undefined,
    redact: {
      paths: ['token', 'key', 'facilitatorKey', 'authorization', '*.token', '*.key', '*.authorization', 'req.headers.authorization', 'url'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
