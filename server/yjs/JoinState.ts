import * as Y from 'yjs';
import { encodeSyncStep2, encodeSyncUpdate } from './messages';

/** Past this many updates since the base, the next join encodes the whole doc again. */
const MAX_TAIL_UPDATES = 256;

/**
 * What a client with an empty doc is sent when it joins: the whole doc as one sync step 2,
 * encoded once and kept, then the updates broadcast since, merged into one update (built once
 * per join that finds new ones). A phone joining a busy room applies two messages, not the base
 * and then every edit since, one transaction each; the server encodes the whole board again only
 * when the tail grows long (a quarter of the base, or `MAX_TAIL_UPDATES` updates).
 */
export class JoinState {
  private base: Uint8Array | null = null;
  private tail: Uint8Array[] = [];
  private tailBytes = 0;
  /** The tail as one sync update message, while no update was added to it. */
  private mergedTail: Uint8Array | null = null;

  /** `encodeState`: the whole doc, encoded now (`Y.encodeStateAsUpdate`). */
  constructor(private readonly encodeState: () => Uint8Array) {}

  /** An update every client was sent (committed and broadcast): fresh clients get it too. */
  extend(update: Uint8Array): void {
    if (!this.base) return;
    this.tail.push(update);
    this.tailBytes += update.byteLength;
    this.mergedTail = null;
    if (this.tail.length > MAX_TAIL_UPDATES || this.tailBytes > this.base.byteLength / 4) this.base = null;
  }

  /** The messages that bring an empty doc up to date, in order. */
  messages(): Uint8Array[] {
    if (!this.base) {
      this.base = encodeSyncStep2(this.encodeState());
      this.tail = [];
      this.tailBytes = 0;
      this.mergedTail = null;
    }
    if (this.tail.length === 0) return [this.base];
    this.mergedTail ??= encodeSyncUpdate(this.tail.length === 1 ? this.tail[0]! : Y.mergeUpdates(this.tail));
    return [this.base, this.mergedTail];
  }
}

/** A client with nothing new sends this (no structs, no deletions) in its sync step 2. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}

/** Does this state vector claim anything of a client the doc has items of? (If not, the join state answers it.) */
export function namesKnownClient(doc: Y.Doc, stateVector: Uint8Array): boolean {
  for (const [client, clock] of Y.decodeStateVector(stateVector)) if (clock > 0 && doc.store.clients.has(client)) return true;
  return false;
}
