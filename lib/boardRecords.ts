import * as Y from 'yjs';
import { ActionItemSchema, QuestionSchema } from './actions';
import { GroupSchema } from './groups';
import { JourneyStepSchema } from './journey';
import { NoteSchema } from './note';
import { byOrder } from './order';
import { parsePersona } from './persona';
import { BOARD_ROOTS } from './roots';

/**
 * How each record root of the board doc is read, one record at a time: the same schemas and
 * the same sort orders as `readBoard` (lib/board.ts), so a store built from these equals it.
 */

interface Parsed<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

const through =
  <T>(schema: Parsed<T>) =>
  (json: Record<string, unknown>): T | null => {
    const parsed = schema.safeParse(json);
    return parsed.success ? parsed.data : null;
  };

/** Oldest first, ties by id (notes and groups). */
export const byCreation = (a: { createdAt: number; id: string }, b: { createdAt: number; id: string }) =>
  a.createdAt - b.createdAt || a.id.localeCompare(b.id);

/** Personas: by their fractional order, ties by id. */
export const byPersonaOrder = byOrder;

export interface RecordKind<T> {
  root: string;
  parse(json: Record<string, unknown>): T | null;
  compare(a: T, b: T): number;
}

export const RECORD_KINDS = {
  personas: { root: BOARD_ROOTS.personas, parse: parsePersona, compare: byPersonaOrder },
  notes: { root: BOARD_ROOTS.notes, parse: through(NoteSchema), compare: byCreation },
  groups: { root: BOARD_ROOTS.groups, parse: through(GroupSchema), compare: byCreation },
  journeySteps: { root: BOARD_ROOTS.journeySteps, parse: through(JourneyStepSchema), compare: byOrder },
  questions: { root: BOARD_ROOTS.questions, parse: through(QuestionSchema), compare: byOrder },
  actions: { root: BOARD_ROOTS.actions, parse: through(ActionItemSchema), compare: byOrder },
} as const;

/** Reads one record map (a half-synced or foreign value reads as null, as `readBoard` skips it). */
export function readRecordMap<T>(kind: RecordKind<T>, value: unknown): T | null {
  return value instanceof Y.Map ? kind.parse(value.toJSON() as Record<string, unknown>) : null;
}

/** Deep equality of plain parsed values (records hold strings, numbers, booleans, null, arrays, objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameValue(item, other[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((key) => left[key] !== undefined);
  if (keys.length !== Object.keys(right).filter((key) => right[key] !== undefined).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && sameValue(left[key], right[key]));
}

/** `next` unless it has the same items as `previous` (same objects, same order): then `previous`. */
export function shareArray<T>(previous: readonly T[], next: T[]): readonly T[] {
  if (previous.length !== next.length) return next;
  for (let i = 0; i < next.length; i++) if (previous[i] !== next[i]) return next;
  return previous;
}

/**
 * One record root's valid records, kept up to date one record at a time: `mark` the keys a
 * transaction touched, then `refresh` re-reads only those (keys, as `readBoard` reads values
 * whatever their key; the server refuses a record whose id is not its key). A record whose value did not change
 * keeps its object; `sorted` is rebuilt only when some record did change.
 */
export class RecordCache<T extends { id: string }> {
  private readonly byId = new Map<string, T>();
  private readonly dirty = new Set<string>();
  private isAllDirty = true;
  /** Every valid record of the root, in board order (deleted personas' records included). */
  sorted: readonly T[] = [];

  constructor(
    private readonly map: Y.Map<unknown>,
    private readonly kind: RecordKind<T>,
  ) {}

  mark(id: string): void {
    if (!this.isAllDirty) this.dirty.add(id);
  }

  markAll(): void {
    this.isAllDirty = true;
    this.dirty.clear();
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  /** Re-reads what was marked; true when any record's value changed (and `sorted` with it). */
  refresh(): boolean {
    if (!this.isAllDirty && this.dirty.size === 0) return false;
    const keys = this.isAllDirty ? new Set([...this.byId.keys(), ...this.map.keys()]) : this.dirty;
    const replaced = new Map<T, T | undefined>();
    const added: T[] = [];
    for (const key of keys) {
      const previous = this.byId.get(key);
      const next = this.reread(key);
      if (next === previous) continue;
      if (previous === undefined) added.push(next!);
      else replaced.set(previous, next);
    }
    this.isAllDirty = false;
    this.dirty.clear();
    if (replaced.size === 0 && added.length === 0) return false;
    this.sorted = this.resort(replaced, added);
    return true;
  }

  /**
   * The new `sorted`: a record whose sort keys did not change takes its old place, the others
   * are removed and inserted by binary search, so an edit costs no sort (a big batch re-sorts).
   */
  private resort(replaced: ReadonlyMap<T, T | undefined>, added: T[]): T[] {
    const { compare } = this.kind;
    const moving = [...added];
    for (const [previous, next] of replaced) if (next !== undefined && compare(previous, next) !== 0) moving.push(next);
    if (moving.length > 64) return [...this.byId.values()].sort(compare);
    const sorted: T[] = [];
    for (const record of this.sorted) {
      if (!replaced.has(record)) sorted.push(record);
      else {
        const next = replaced.get(record);
        if (next !== undefined && compare(record, next) === 0) sorted.push(next);
      }
    }
    for (const record of moving) sorted.splice(insertionPoint(sorted, record, compare), 0, record);
    return sorted;
  }

  /** Reads one key into `byId`; returns the record now held (the old object if its value is the same). */
  private reread(key: string): T | undefined {
    const previous = this.byId.get(key);
    const next = readRecordMap(this.kind, this.map.get(key));
    if (next === null) {
      this.byId.delete(key);
      return undefined;
    }
    if (previous !== undefined && sameValue(previous, next)) return previous;
    this.byId.set(key, next);
    return next;
  }
}

/** Where `record` goes in `sorted` (after its equals, as a stable sort of the whole would put it). */
function insertionPoint<T>(sorted: readonly T[], record: T, compare: (a: T, b: T) => number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(sorted[middle]!, record) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
