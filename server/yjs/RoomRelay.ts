/**
 * How a room reaches its replicas on other instances (the multi-instance mode, `REDIS_URL`):
 * `server/cluster/RoomChannels.ts` implements it over Redis. Without it a room is alone (one
 * instance), or reads the others' commits from PostgreSQL on a timer.
 */
export interface RoomRelay {
  /** Subscribes to the workshop's channel; messages that arrive before `attach` are held. */
  open(workshopId: string): Promise<RelayChannel>;
}

export interface RelayChannel {
  attach(listener: RelayListener): void;
  /** Whether another instance may have the room open (alone, nothing is published but queries). */
  hasPeers(): boolean;
  /** Seqs `first..last` are committed; `update` is them merged, or null when too large to carry. */
  publishUpdate(first: number, last: number, update: Uint8Array | null): void;
  /** Presence of this instance's clients (an awareness update). */
  publishAwareness(update: Uint8Array): void;
  /** Asks the other instances for their clients' presence (the room just opened here). */
  queryAwareness(): void;
  close(): void;
}

/** What a room does with what other instances send. */
export interface RelayListener {
  update(first: number, last: number, update: Uint8Array): void;
  stored(first: number, last: number): void;
  awareness(update: Uint8Array): void;
  awarenessQuery(): void;
}
