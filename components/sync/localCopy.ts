import * as idb from 'lib0/indexeddb';
import { IndexeddbPersistence, PREFERRED_TRIM_SIZE, storeState } from 'y-indexeddb';
import type * as Y from 'yjs';

/** How long the room's changes may wait before they are written to this device's copy. */
const REMOTE_BATCH_MS = 1_000;

/**
 * This device's copy of the board in IndexedDB (y-indexeddb), written in batches. y-indexeddb
 * opens one IndexedDB transaction per update; at 25 changes a second from the room that is a
 * tenth of a slow phone's main thread. The room's changes are merged and written once a second
 * (the server has them anyway); this person's own are written at once, with anything waiting,
 * so a note typed offline survives a reload as before. A batch is one IndexedDB transaction with
 * one row per update, not one merged update: merging a batch that held the join's whole board
 * (`Y.mergeUpdates`) cost a throttled phone 650 ms of its first seconds at 1,000 notes.
 */
export class LocalCopy {
  readonly persistence: IndexeddbPersistence;
  private pending: Uint8Array[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    name: string,
    private readonly doc: Y.Doc,
  ) {
    this.persistence = new IndexeddbPersistence(name, doc);
    doc.off('update', this.persistence._storeUpdate);
    doc.on('update', this.onUpdate);
    window.addEventListener('pagehide', this.store);
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (origin === this.persistence) return;
    this.pending.push(update);
    if (transaction.local) this.store();
    else this.timer ??= setTimeout(this.store, REMOTE_BATCH_MS);
  };

  /** Writes what is waiting, as one update. */
  readonly store = (): void => {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const updates = this.pending;
    this.pending = [];
    const { persistence } = this;
    // Not open yet: y-indexeddb writes the whole doc when it opens, as it does for its own updates.
    if (!persistence.db || persistence._destroyed) return;
    const [rows] = idb.transact(persistence.db, ['updates']);
    // lib0 types the value narrower than IndexedDB takes it (y-indexeddb stores Uint8Arrays the same way).
    for (const update of updates) void idb.addAutoKey(rows!, update as unknown as ArrayBuffer);
    persistence._dbsize += updates.length;
    // y-indexeddb's own compaction, debounced as it does it: the rows become one state row.
    if (persistence._dbsize >= PREFERRED_TRIM_SIZE) {
      clearTimeout(persistence._storeTimeoutId);
      persistence._storeTimeoutId = setTimeout(() => {
        void storeState(persistence, false);
        persistence._storeTimeoutId = null;
      }, persistence._storeTimeout);
    }
  };

  /** Forgets this device's copy (and whatever was waiting to be written). */
  clear(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
    return this.persistence.clearData();
  }

  destroy(): Promise<void> {
    this.store();
    this.doc.off('update', this.onUpdate);
    window.removeEventListener('pagehide', this.store);
    return this.persistence.destroy();
  }
}
