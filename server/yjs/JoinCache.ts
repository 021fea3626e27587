import * as Y from 'yjs';
import { encodeSyncStep2 } from './messages';
import type { FramedMessage } from './frames';
import type { RoomConnection } from './RoomConnection';

/** A join tail longer than this is folded into a fresh base on the next join. */
const JOIN_TAIL_MAX_MESSAGES = 256;

/**
 * What a new client with an empty doc is sent: the whole doc as one sync step 2, encoded once,
 * plus the update messages broadcast since. Rebuilt only when that tail grows long, so joins
 * during a busy workshop cost a few sends, not an encode of the whole board each.
 */
export class JoinCache {
  private base: Uint8Array | null = null;
  private tail: FramedMessage[] = [];
  private tailBytes = 0;

  constructor(private readonly fullState: () => Uint8Array) {}

  /** An update message that went to every client: new joiners get it after the base. */
  extend(message: FramedMessage): void {
    if (!this.base) return;
    this.tail.push(message);
    this.tailBytes += message.message.byteLength;
    if (this.tail.length > JOIN_TAIL_MAX_MESSAGES || this.tailBytes > this.base.byteLength / 4) this.base = null;
  }

  /** Sends a client with an empty doc everything: the cached base, then the updates since. */
  send(conn: RoomConnection): void {
    if (!this.base) {
      this.base = encodeSyncStep2(this.fullState());
      this.tail = [];
      this.tailBytes = 0;
    }
    conn.send(this.base);
    for (const message of this.tail) conn.sendFramed(message);
  }
}

/** A client with nothing new sends this (no structs, no deletions) in its sync step 2. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}

/** Does this state vector claim anything of a client the doc has items of? (If not, the join cache answers it.) */
export function namesKnownClient(doc: Y.Doc, stateVector: Uint8Array): boolean {
  for (const [client, clock] of Y.decodeStateVector(stateVector)) if (clock > 0 && doc.store.clients.has(client)) return true;
  return false;
}
