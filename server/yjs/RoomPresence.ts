import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { frameBinary } from './frames';
import { encodeAwarenessEntries, encodeAwarenessMessage, readAwarenessEntries, readOwnAwarenessEntries } from './messages';
import type { RoomConnection } from './RoomConnection';
import type { RelayChannel } from './RoomRelay';

/** The origin of presence from other instances' clients: never sent back to Redis. */
const REMOTE = Symbol('remote presence');

/** Largest JSON presence state one client may publish. */
const MAX_AWARENESS_STATE_CHARS = 4096;
/** Most entries one awareness message may carry. */
const MAX_AWARENESS_ENTRIES = 64;
/** Most entries one relayed awareness message may carry (one instance's clients of a room, at most). */
const MAX_REMOTE_ENTRIES = 1_000;
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
 *
 * With a relay (several instances), what this instance's clients publish goes to the workshop's
 * channel in the same batches, and the other instances' clients' presence comes in from it and
 * goes to the clients here like any other. A remote client whose instance dies stops being
 * renewed and times out (y-protocols' 30 s); one that leaves is removed at once.
 */
export class RoomPresence {
  private readonly awareness: awarenessProtocol.Awareness;
  /** Entries to forward: changed ones go at once, renewals wait for the timer. */
  private readonly pending = new Set<number>();
  /** Clients whose state itself changed in the awareness update being handled. */
  private readonly changed = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private isClosed = false;
  /** Clients whose presence came from other instances (never published from here). */
  private readonly remote = new Set<number>();

  constructor(
    doc: Y.Doc,
    private readonly connections: ReadonlySet<RoomConnection>,
    private readonly relay: RelayChannel | null = null,
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
    if (conn.awarenessClientId !== null) this.remote.delete(conn.awarenessClientId); // moved here from another instance
    const own = read.own.filter((entry) => entry.state.length <= MAX_AWARENESS_STATE_CHARS);
    if (own.length === 0) return;
    const ownUpdate = own.length === read.count ? update : encodeAwarenessEntries(own);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, ownUpdate, conn);
  }

  /** The connection left: its client's presence is removed for everyone at once. */
  remove(conn: RoomConnection): void {
    if (conn.awarenessClientId !== null) awarenessProtocol.removeAwarenessStates(this.awareness, [conn.awarenessClientId], null);
  }

  /**
   * Presence from another instance's clients. Parsed and bounded like a client's (a malformed
   * update throws here, to the relay, which logs it); entries whose state is not JSON are dropped.
   */
  applyRemote(update: Uint8Array): void {
    if (this.isClosed) return;
    const bounded = readAwarenessEntries(update, MAX_REMOTE_ENTRIES).filter(
      (entry) => entry.state.length <= MAX_AWARENESS_STATE_CHARS && isJson(entry.state),
    );
    if (bounded.length === 0) return;
    for (const entry of bounded) this.remote.add(entry.clientId);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(bounded), REMOTE);
  }

  /** Everything this instance's clients publish now, for an instance that just opened the room. */
  publishLocal(): void {
    const local = [...this.awareness.getStates().keys()].filter((id) => !this.remote.has(id));
    if (local.length > 0 && this.relay) this.relay.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, local));
  }

  close(): void {
    // The other instances drop this instance's clients now rather than after their timeout.
    const local = [...this.awareness.getStates().keys()].filter((id) => !this.remote.has(id));
    if (this.relay && local.length > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, local, null);
      this.flush();
    }
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
    const ids = [...this.pending];
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids);
    this.pending.clear();
    const message = frameBinary(encodeAwarenessMessage(update));
    for (const conn of this.connections) conn.sendFramed(message);
    if (!this.relay) return;
    // Only what this instance's clients said (or their leaving): the others speak for theirs.
    const local = ids.filter((id) => !this.remote.has(id));
    if (local.length === 0) return;
    this.relay.publishAwareness(local.length === ids.length ? update : awarenessProtocol.encodeAwarenessUpdate(this.awareness, local));
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
