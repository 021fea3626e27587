import { encodeBoardNotice } from '../../lib/boardNotices';
import { CLOSE_CODES } from '../../lib/closeCodes';
import type { Logger } from '../log';
import type { AppliedSeqs } from './AppliedSeqs';
import type { BoardSizeWatch } from './BoardSizeWatch';
import { frameBinary, type FramedMessage } from './frames';
import { JoinState } from './JoinState';
import { encodeSyncUpdate } from './messages';
import { STORED } from './RoomCatchUp';
import type { RoomCompaction } from './RoomCompaction';
import type { RoomConnection } from './RoomConnection';
import type { RoomReplication } from './RoomReplication';
import type { UpdateLog } from './UpdateLog';

/** What the broadcast sees of its room. */
export interface BroadcastRoom {
  readonly workshopId: string;
  readonly connections: ReadonlySet<RoomConnection>;
  readonly seqs: AppliedSeqs;
  readonly size: BoardSizeWatch;
  readonly compaction: RoomCompaction;
  readonly replication: RoomReplication | null;
  /** The whole doc, encoded now. */
  fullState(): Uint8Array;
}

/**
 * What one room sends all its clients. Every change to the doc is committed to storage before it
 * is sent to anyone, so whatever a client has seen survives a crash; then it goes out encoded
 * once, skipping the sender. A client with an empty doc gets the cached join state, and every
 * connection the board notices (size, unlocked). When storage fails the room breaks: nothing
 * more goes out from this copy.
 */
export class RoomBroadcast {
  /** What a new client with an empty doc is sent: the cached whole doc and the updates since, merged. */
  private readonly joinState = new JoinState(() => this.room.fullState());
  /** Set when storage failed: nothing more is broadcast or compacted from this copy. */
  private hasBroken = false;

  constructor(
    private readonly room: BroadcastRoom,
    private readonly updates: UpdateLog,
    private readonly log: Logger,
  ) {}

  get isBroken(): boolean {
    return this.hasBroken;
  }

  /** Persist (group commit at the end of this turn), then broadcast, encoded once, skipping the sender. */
  onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.hasBroken) return;
    this.room.compaction.measureIn(this.room.size.grew(update.byteLength));
    this.tellSize();
    const message = frameBinary(encodeSyncUpdate(update));
    // Read back from storage: committed already, so it goes straight out.
    if (origin === STORED) return this.sendToAll(message, null, update);
    this.updates.append(
      this.room.workshopId,
      update,
      (seq) => {
        this.room.seqs.committed(seq);
        this.room.replication?.committed(seq, update);
        this.sendToAll(message, origin, update);
        this.room.compaction.addOwn();
      },
      (error) => this.breakRoom(error),
    );
  };

  private sendToAll(message: FramedMessage, origin: unknown, update: Uint8Array): void {
    for (const conn of this.room.connections) if (conn !== origin) conn.sendFramed(message);
    this.joinState.extend(update);
  }

  /** Sends a client with an empty doc everything (see `JoinState`). */
  sendEverything(conn: RoomConnection): void {
    for (const message of this.joinState.messages()) conn.send(message);
  }

  /** The facilitator unlocked the board: clients that held changes back (refused as locked) send them now. */
  tellUnlocked(): void {
    const notice = frameBinary(encodeBoardNotice({ kind: 'unlocked' }));
    for (const conn of this.room.connections) conn.sendFramed(notice);
  }

  /** Tells every connection when the board crossed the 90 % line of its size limit (either way). */
  tellSize(): void {
    const change = this.room.size.change();
    if (!change) return;
    const notice = frameBinary(encodeBoardNotice(change));
    for (const conn of this.room.connections) conn.sendFramed(notice);
  }

  /**
   * Storage failed, so the doc in memory holds a change that is not on disk. Nobody may see it:
   * close every connection; clients reconnect to a fresh load and resend their changes.
   */
  private breakRoom(error: Error): void {
    this.log.error({ err: error.message }, 'storing an update failed; closing the room');
    this.hasBroken = true;
    for (const conn of this.room.connections) conn.close(CLOSE_CODES.roomUnavailable, 'storage failed');
  }
}
