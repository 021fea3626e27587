import * as Y from 'yjs';
import { BOARD_ROOTS } from '../../lib/board';
import { PROFILE_LIMITS, customFieldIdOf } from '../../lib/profile';
import { fail, ok, type Result } from '../../lib/result';

/** Checks `validateUpdate` makes beyond one field's schema. */

/**
 * Plain JSON: arrays and objects with the ordinary prototype. lib0 decodes an object key
 * `__proto__` by assignment, which swaps the prototype and lets inherited values pass a schema.
 */
export function isPlainJson(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (depth > 4) return false;
  if (Array.isArray(value)) return value.every((entry) => isPlainJson(entry, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every((entry) => isPlainJson(entry, depth + 1));
}

/** Counts, per persona record, the `custom_<id>` keys an update adds that the record lacks. */
export class CustomValueCounter {
  private readonly added = new Map<string, Set<string>>();
  constructor(private readonly doc: Y.Doc) {}

  private record(id: string): Y.Map<unknown> | null {
    const map = this.doc.getMap(BOARD_ROOTS.personas).get(id);
    return map instanceof Y.Map ? map : null;
  }

  note(at: { root: string; record: string | null; key: string | null }): void {
    if (at.root !== BOARD_ROOTS.personas || at.record === null || at.key === null || customFieldIdOf(at.key) === null) return;
    if (this.record(at.record)?.has(at.key)) return;
    const keys = this.added.get(at.record) ?? new Set<string>();
    keys.add(at.key);
    this.added.set(at.record, keys);
  }

  check(): Result<void> {
    for (const [id, keys] of this.added) {
      const existing = [...(this.record(id)?.keys() ?? [])].filter((key) => customFieldIdOf(key) !== null).length;
      if (existing + keys.size > PROFILE_LIMITS.customValuesPerPersona) return fail('too many custom fields on a persona');
    }
    return ok(undefined);
  }
}
