import type * as Y from 'yjs';
import { BoardStore } from '../../lib/boardStore';

/** A hidden tab gets no animation frames; it still catches up this often. */
const HIDDEN_FLUSH_MS = 200;

/**
 * A board store in the browser, flushed at the pace a screen can show: this device's own
 * changes at once (the person sees what they typed), changes from the room at most once per
 * animation frame, however many arrive in it. A reveal of 200 notes, or 25 edits a second from
 * the room, costs one re-read and one render per frame, so a slow phone never falls behind.
 */
export class LiveBoard {
  readonly store: BoardStore;
  private frame: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly stopListening: () => void;

  constructor(
    doc: Y.Doc,
    private readonly onChange: () => void,
  ) {
    this.store = new BoardStore(doc);
    this.stopListening = this.store.onChange((isLocal) => (isLocal ? this.flush() : this.schedule()));
  }

  private schedule(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(this.flush, HIDDEN_FLUSH_MS);
    if (typeof requestAnimationFrame === 'function') this.frame = requestAnimationFrame(this.flush);
  }

  private cancel(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    if (this.timer !== null) clearTimeout(this.timer);
    this.frame = null;
    this.timer = null;
  }

  /** Re-reads what changed now, and tells the owner if the board did. */
  readonly flush = (): void => {
    this.cancel();
    if (this.store.flush()) this.onChange();
  };

  destroy(): void {
    this.cancel();
    this.stopListening();
    this.store.destroy();
  }
}
