import type { Logger } from '../log';

/**
 * A roster or state update nobody waits for: a storage error (PostgreSQL down, say) is logged,
 * not left an unhandled rejection, and the next change or resync corrects what the clients were sent.
 */
export function inBackground(log: Logger, update: Promise<void>): void {
  update.catch((error: Error) => log.warn({ err: error.message }, 'background roster or state update failed'));
}
