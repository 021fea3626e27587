import { readStoredWorkshop, type StoredWorkshop } from './storedBoard';
import type { TypingRoom, TypingWorkshop } from './typingRoom';

/** Where one workshop stands against what PostgreSQL holds. */
export interface WorkshopCheck {
  code: string;
  stored: StoredWorkshop;
  /** Acknowledged notes (received by someone other than their author) missing from storage. */
  lostAcknowledged: string[];
  /** Notes a typist created (still connected, so it would resend them) missing from storage. */
  lostCreated: string[];
  /** Typists whose board differs from the stored one (their names). */
  divergent: string[];
}

export async function checkWorkshop(databaseUrl: string, workshop: TypingWorkshop): Promise<WorkshopCheck> {
  const stored = await readStoredWorkshop(databaseUrl, workshop.code);
  const missing = (ids: Iterable<string>) => [...ids].filter((id) => !stored.noteIds.has(id));
  const same = (ids: Set<string>) => ids.size === stored.noteIds.size && [...ids].every((id) => stored.noteIds.has(id));
  return {
    code: workshop.code,
    stored,
    lostAcknowledged: missing(workshop.acknowledged),
    lostCreated: missing(workshop.created()),
    divergent: workshop.typists.filter((t) => !same(t.noteIds())).map((t) => t.seat.name),
  };
}

/**
 * With typing paused: waits (bounded) until, in every workshop, storage holds every note any
 * typist created and every typist's board is exactly the stored one. Resolves with the last
 * check either way (the test asserts on it, so a failure names what is missing), and how long
 * convergence took.
 */
export async function waitForConvergence(
  databaseUrl: string,
  room: TypingRoom,
  timeoutMs: number,
): Promise<{ checks: WorkshopCheck[]; convergeMs: number }> {
  const startedAt = Date.now();
  const isDone = (c: WorkshopCheck) => c.lostCreated.length === 0 && c.divergent.length === 0;
  for (;;) {
    const checks = await Promise.all(room.workshops.map((w) => checkWorkshop(databaseUrl, w)));
    if (checks.every(isDone) || Date.now() - startedAt > timeoutMs) return { checks, convergeMs: Date.now() - startedAt };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
