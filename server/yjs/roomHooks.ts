import type { RoomConnection } from './RoomConnection';
import type { RelayChannel } from './RoomRelay';
import type { ReplicationHooks } from './RoomReplication';

/** What a room asks of the rest of the server (the session's rules) and tells it (metrics). */
export interface RoomHooks extends ReplicationHooks {
  /** Loads what the other hooks read synchronously (the workshop's session) before the room opens. */
  prepare?(workshopId: string): Promise<void>;
  /** May this connection change the board right now (e.g. not while the board is locked)? */
  canWrite(conn: RoomConnection): boolean;
  /**
   * Must this connection's new notes, questions and actions go through private drafts right now
   * (a participant in a private or anonymous step)? Then the validator refuses them (`private-step`).
   */
  mustDraft?(conn: RoomConnection): boolean;
  /** Record caps lower than the defaults, by root (tests lower the note cap). */
  caps?: Partial<Record<string, number>>;
  /** Told when an update was refused (in band): by the lock, or by the validator. For metrics. */
  onUpdateRefused?(conn: RoomConnection, reason: 'locked' | 'schema'): void;
  /** Told when a connection went over its message rate (closed with 4008). For metrics. */
  onRateLimited?(conn: RoomConnection): void;
  /** After each group commit: how long each update waited for it (ms). For metrics. */
  onCommitted?(waitsMs: readonly number[]): void;
  /** A group commit failed for this many updates. For metrics. */
  onCommitFailed?(updateCount: number): void;
}

/** How the room reaches other instances' replicas (several instances on one PostgreSQL). */
export interface RoomReplicaOptions {
  /** The workshop's Redis channel (`REDIS_URL`), subscribed before the load; null: storage only. */
  relay: RelayChannel | null;
  /** How often a room with clients checks storage for what it missed (defaults in RoomReplication). */
  catchUpIntervalMs?: number;
}
