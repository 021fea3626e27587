import type * as Y from 'yjs';

/**
 * Fractional ordering for records kept in a `Y.Map` (journey steps, questions, actions): a move
 * is one `order` write, so it merges with a concurrent rename of the same record.
 */

interface Ordered {
  id: string;
  order: number;
}

/** Oldest-insertion-independent order every peer agrees on: by `order`, then by id. */
export const byOrder = (a: Ordered, b: Ordered) => a.order - b.order || a.id.localeCompare(b.id);

/** The `order` for a record added after `siblings`. */
export const nextOrder = (siblings: readonly Ordered[]) => siblings.reduce((max, s) => Math.max(max, s.order), 0) + 1;

/**
 * Moves `id` to `toIndex` among `siblings` (already sorted, `id` included). Writes one `order`
 * between its new neighbours; when floats run out of room between them, renumbers them all.
 */
export function moveToIndex(records: Y.Map<Y.Map<unknown>>, siblings: readonly Ordered[], id: string, toIndex: number): number {
  const others = siblings.filter((s) => s.id !== id);
  const index = Math.max(0, Math.min(others.length, Math.trunc(toIndex)));
  const before = others[index - 1]?.order;
  const after = others[index]?.order;
  const order =
    before === undefined ? (after === undefined ? 1 : after - 1) : after === undefined ? before + 1 : before + (after - before) / 2;
  if ((before === undefined || order > before) && (after === undefined || order < after)) {
    const map = records.get(id);
    if (map && map.get('order') !== order) map.set('order', order);
    return index;
  }
  const ids = others.map((s) => s.id);
  ids.splice(index, 0, id);
  records.doc?.transact(() => ids.forEach((recordId, i) => records.get(recordId)?.set('order', i + 1)));
  return index;
}
