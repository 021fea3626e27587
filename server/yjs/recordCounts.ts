import * as Y from 'yjs';

/** How many records a root map holds now: what the record caps compare against. */
export interface RecordSizes {
  size(root: string): number;
}

/** Counts by walking the map: `Y.Map.size` visits every entry (fine for a one-off check or a test). */
export function countedSizes(doc: Y.Doc): RecordSizes {
  return { size: (root) => doc.getMap(root).size };
}

/**
 * Record counts per root map of one doc, kept up to date from the maps' own change events, so a
 * cap check costs O(1) instead of a walk over 10,000 notes on every new note. A root is counted
 * once, the first time it is asked for; from then on each transaction that adds or removes one
 * of its keys adjusts the count (field edits inside a record do not fire the root's observer).
 */
export class RecordCounts implements RecordSizes {
  private readonly counts = new Map<string, { value: number }>();

  constructor(private readonly doc: Y.Doc) {}

  size(root: string): number {
    let count = this.counts.get(root);
    if (count === undefined) {
      const map = this.doc.getMap(root);
      const counted = { value: map.size };
      map.observe((event) => {
        for (const change of event.changes.keys.values()) {
          if (change.action === 'add') counted.value++;
          else if (change.action === 'delete') counted.value--;
        }
      });
      this.counts.set(root, counted);
      count = counted;
    }
    return count.value;
  }
}
