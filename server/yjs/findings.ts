import { MAX_REFUSALS_PER_NOTICE, type Refusal, type RefusalReason } from '../../lib/boardNotices';
import { BOARD_ROOTS } from '../../lib/roots';
import type { Location } from './updateIndex';

/** One reason an update is refused, where on the board (when known), and a message for the logs. */
export interface Problem {
  reason: RefusalReason;
  at: Location | null;
  error: string;
}

export function problem(reason: RefusalReason, at: Location | null, error: string): Problem {
  return { reason, at, error };
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'reason' in value && 'error' in value;
}

/**
 * The problems found in one update, so a refusal names every refused change at once (up to
 * the notice's limit) and the browser drops them in one go instead of one per round trip.
 */
export class Findings {
  readonly problems: Problem[] = [];

  add(reason: RefusalReason, at: Location | null, error: string): void {
    if (this.problems.length < MAX_REFUSALS_PER_NOTICE) this.problems.push({ reason, at, error });
  }

  get isFull(): boolean {
    return this.problems.length >= MAX_REFUSALS_PER_NOTICE;
  }
}

/**
 * The wire form of a problem: its reason and place, as root, record key and field (a whole
 * record is `{ root, record, field: null }`; a key of `meta` is `{ root: 'meta', record: null, field }`).
 */
export function toRefusal({ reason, at }: Problem): Refusal {
  const clip = (value: string | null) => (value === null ? null : value.slice(0, 200));
  if (!at) return { reason, root: null, record: null, field: null };
  const isRecordEntry = at.record === null && at.root !== BOARD_ROOTS.meta;
  return {
    reason,
    root: clip(at.root),
    record: clip(isRecordEntry ? at.key : at.record),
    field: clip(isRecordEntry ? null : at.key),
  };
}
