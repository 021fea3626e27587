import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';

/** How long the room's changes may wait before they are written to this device's copy. */
const REMOTE_BATCH_MS = 1_000;

/**
 * This device's copy of the board in IndexedDB (y-indexeddb), written in batches. y-indexeddb
 * opens one IndexedDB transaction per update; at 25 changes a second from the room that is a
 * tenth of a slow phone's main thread. The room's changes are merged and written once a second
 * (the server has them anyway); this person's own are written at once, with anything waiting,
 * so a note typed offline survives a reload as before.
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
    const update = this.pending.length === 1 ? this.pending[0]! : Y.mergeUpdates(this.pending);
    this.pending = [];
    this.persistence._storeUpdate(update, null);
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
