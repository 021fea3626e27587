import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { frameBinary } from './frames';
import { encodeAwarenessEntries, encodeAwarenessMessage, readOwnAwarenessEntries } from './messages';
import type { RoomConnection } from './RoomConnection';

/** Largest JSON presence state one client may publish. */
const MAX_AWARENESS_STATE_CHARS = 4096;
/** Most entries one awareness message may carry. */
const MAX_AWARENESS_ENTRIES = 64;
/**
 * Unchanged presence (each y-websocket client renews its state every 15 s) is forwarded at most
 * this much later, with every other renewal due, in one message. Clients drop a peer after 30 s
 * without one, so a renewal still arrives within about 23 s of the last.
 */
export const PRESENCE_RENEWAL_BATCH_MS = 5_000;

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

/**
 * The presence (y-protocols awareness) of one room's clients. Each connection may publish only
 * its own client id's state. A change is forwarded to everyone at once; a renewal (the same state
 * with a newer clock) waits up to PRESENCE_RENEWAL_BATCH_MS and goes out with the others due.
 * Every y-websocket client echoes each presence message it receives back to the server, so one
 * message per batch instead of one per renewal also divides those echoes.
 */
export class RoomPresence {
  private readonly awareness: awarenessProtocol.Awareness;
  /** Entries to forward: changed ones go at once, renewals wait for the timer. */
  private readonly pending = new Set<number>();
  /** Clients whose state itself changed in the awareness update being handled. */
  private readonly changed = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private isClosed = false;

  constructor(
    doc: Y.Doc,
    private readonly connections: ReadonlySet<RoomConnection>,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    // Awareness emits 'change' (the state differs) before 'update' (any newer clock).
    this.awareness.on('change', this.onChange);
    this.awareness.on('update', this.onUpdate);
  }

  /** Everyone's current presence, for a connection that just joined or asked for it. */
  sendAll(conn: RoomConnection): void {
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length === 0) return;
    conn.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)));
  }

  /** An awareness message from `conn`: only its own client's entry is applied, the rest dropped. */
  receive(conn: RoomConnection, update: Uint8Array): void {
    if (!conn.awarenessBudget.take()) return; // presence is best effort: drop, don't close
    // Clients echo every presence change they receive; keeping only the sender's own entry drops
    // those, and stops one client from speaking for another.
    const read = readOwnAwarenessEntries(update, conn.awarenessClientId, MAX_AWARENESS_ENTRIES);
    conn.awarenessClientId ??= read.clientId;
    const own = read.own.filter((entry) => entry.state.length <= MAX_AWARENESS_STATE_CHARS);
    if (own.length === 0) return;
    const ownUpdate = own.length === read.count ? update : encodeAwarenessEntries(own);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, ownUpdate, conn);
  }

  /** The connection left: its client's presence is removed for everyone at once. */
  remove(conn: RoomConnection): void {
    if (conn.awarenessClientId !== null) awarenessProtocol.removeAwarenessStates(this.awareness, [conn.awarenessClientId], null);
  }

  close(): void {
    this.isClosed = true;
    if (this.timer) clearTimeout(this.timer);
    this.awareness.destroy();
  }

  private onChange = (change: AwarenessChange): void => {
    for (const id of [...change.added, ...change.updated, ...change.removed]) this.changed.add(id);
  };

  /**
   * Presence goes to everyone, the sender included: y-websocket drops a connection that hears
   * nothing for 30 s, and a client alone in a room (the presenter in the lobby) would otherwise
   * reconnect every 30 s. The sender ignores its own state (same clock), so nothing echoes.
   */
  private onUpdate = (change: AwarenessChange): void => {
    let hasChanged = false;
    for (const id of [...change.added, ...change.updated, ...change.removed]) {
      this.pending.add(id);
      if (this.changed.has(id)) hasChanged = true;
    }
    this.changed.clear();
    if (hasChanged) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), PRESENCE_RENEWAL_BATCH_MS);
      this.timer.unref();
    }
  };

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0 || this.isClosed) return;
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.pending]);
    this.pending.clear();
    const message = frameBinary(encodeAwarenessMessage(update));
    for (const conn of this.connections) conn.sendFramed(message);
  }
}
