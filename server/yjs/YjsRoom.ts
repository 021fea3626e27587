import * as Y from 'yjs';
import { CLOSE_CODES } from '../../lib/closeCodes';
import type { Logger } from '../log';
import type { LoadedDoc, Storage } from '../storage/ports';
import { AppliedSeqs } from './AppliedSeqs';
import { BoardSizeWatch } from './BoardSizeWatch';
import { ClientBindings } from './ClientBindings';
import { encodeSyncStep1 } from './messages';
import { RecordCounts } from './recordCounts';
import { RoomBroadcast } from './RoomBroadcast';
import { RoomCompaction } from './RoomCompaction';
import type { RoomConnection } from './RoomConnection';
import { RoomInbox } from './RoomInbox';
import { RoomPresence } from './RoomPresence';
import { RoomReplication } from './RoomReplication';
import type { RoomHooks, RoomReplicaOptions } from './roomHooks';
import { UpdateGate } from './UpdateGate';
import type { UpdateLog } from './UpdateLog';

export { COMPACT_AFTER_UPDATES } from './RoomCompaction';
export type { RoomHooks, RoomReplicaOptions } from './roomHooks';

/**
 * One workshop's live board: the Y.Doc, the presence of its clients and their connections.
 * Loaded on the first connection, closed (and compacted) after the last. What clients send is
 * handled one message at a time by the `RoomInbox`; every change is committed to storage before
 * the `RoomBroadcast` sends it to anyone, so whatever a client has seen survives a crash.
 */
export class YjsRoom {
  readonly doc = new Y.Doc({ gc: true });
  readonly connections = new Set<RoomConnection>();
  private readonly presence: RoomPresence;
  /** Records per root, kept incrementally for the validator's caps. */
  private readonly recordCounts = new RecordCounts(this.doc);
  /** The log seqs this replica holds (its own commits and what it caught up on). */
  private readonly seqs: AppliedSeqs;
  private readonly compaction: RoomCompaction;
  /** Other instances' replicas (PostgreSQL only): what this one commits goes out, theirs comes in. */
  private readonly replication: RoomReplication | null;
  /** Upper bound of the encoded state's size, kept without re-encoding on every update. */
  private readonly size: BoardSizeWatch;
  /** Judges every update a client sends: refused in band, or let in. */
  private readonly gate: UpdateGate;
  /** Sends every change once committed, and the board notices. */
  private readonly broadcast: RoomBroadcast;
  /** Handles what clients send, one message at a time. */
  private readonly inbox: RoomInbox;
  private isClosed = false;

  private constructor(
    readonly workshopId: string,
    storage: Storage,
    updates: UpdateLog,
    private readonly log: Logger,
    hooks: RoomHooks,
    stored: LoadedDoc,
    clients: ClientBindings,
    replica: RoomReplicaOptions | null,
  ) {
    // A doc that fails to load throws here, before any handler is attached: nothing is
    // written back, so a bad load never overwrites what is stored.
    this.doc.transact(() => {
      if (stored.state) Y.applyUpdate(this.doc, stored.state);
      for (const update of stored.updates) Y.applyUpdate(this.doc, update.data);
    }, 'load');
    this.seqs = new AppliedSeqs(stored.lastSeq);
    this.presence = new RoomPresence(this.doc, this.connections, replica?.relay ?? null);
    // What replication and compaction see of this room.
    const view = {
      ...{ workshopId, doc: this.doc, seqs: this.seqs, fullState: () => this.fullState() },
      isLive: () => !this.isClosed && !this.broadcast.isBroken,
      isSound: () => !this.broadcast.isBroken,
      isOpen: () => !this.isClosed,
      hasClients: () => this.connections.size > 0,
      onRead: (count: number) => this.compaction.addRead(count),
      fill: async () => void (await this.replication?.fill()),
      measured: (bytes: number) => {
        this.size.measured(bytes);
        if (!this.isClosed) this.broadcast.tellSize();
      },
    };
    this.replication = replica ? new RoomReplication(storage.docs, view, replica.relay, this.log, hooks) : null;
    this.compaction = new RoomCompaction(storage.docs, updates, view, this.log, stored.updates.length);
    this.size = new BoardSizeWatch((stored.state?.byteLength ?? 0) + stored.updates.reduce((sum, u) => sum + u.data.byteLength, 0));
    const { connections, size, compaction, replication } = this;
    this.broadcast = new RoomBroadcast({ ...view, connections, size, compaction, replication }, updates, this.log);
    this.gate = new UpdateGate(this.doc, clients, hooks, this.log, this.recordCounts, this.size, view.fill);
    this.inbox = new RoomInbox(this.doc, updates, this.gate, this.presence, this.broadcast, hooks, this.log);
  }

  /**
   * Reads the stored doc and its client-id owners; throws (nothing written) when they cannot be
   * loaded. `replica`: the room shares its workshop with other instances (its relay, if any, was
   * subscribed before this load, so nothing committed after the read is missed).
   */
  static async load(
    workshopId: string,
    storage: Storage,
    updates: UpdateLog,
    log: Logger,
    hooks: RoomHooks,
    replica: RoomReplicaOptions | null = null,
  ): Promise<YjsRoom> {
    const [stored, clients] = await Promise.all([storage.docs.load(workshopId), ClientBindings.load(storage.clientIds, workshopId)]);
    const room = new YjsRoom(workshopId, storage, updates, log.child({ workshopId }), hooks, stored, clients, replica);
    try {
      // Set after loading: Yjs gives a doc a new id when a remote (loaded) update carries its own.
      room.doc.clientID = await clients.serverWriter(room.doc, storage.engine === 'sqlite');
    } catch (error) {
      room.doc.destroy();
      throw error;
    }
    room.doc.on('update', room.broadcast.onDocUpdate);
    room.replication?.start(room.presence, replica?.catchUpIntervalMs);
    return room;
  }

  /** Closing or closed: a caller that waited for this room loads it afresh instead. */
  get hasClosed(): boolean {
    return this.isClosed;
  }

  get isEmpty(): boolean {
    return this.connections.size === 0;
  }

  /** An upper bound of the encoded state's size, as the board's size cap counts it. */
  get approximateBytes(): number {
    return this.size.estimate;
  }

  /** The whole doc, encoded now. */
  fullState(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }

  /** A server-side change (e.g. a reveal), persisted and broadcast like any other. */
  transact<T>(change: (doc: Y.Doc) => T): T {
    let result: T | undefined;
    this.doc.transact(() => {
      result = change(this.doc);
    }, 'server');
    return result as T;
  }

  addConnection(conn: RoomConnection): void {
    this.connections.add(conn);
    conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    this.gate.greet(conn);
    this.presence.sendAll(conn);
  }

  /** The facilitator unlocked the board: clients that held changes back (refused as locked) send them now. */
  tellUnlocked(): void {
    this.broadcast.tellUnlocked();
  }

  removeConnection(conn: RoomConnection): void {
    if (!this.connections.delete(conn)) return;
    this.presence.remove(conn);
  }

  /** Queues one frame behind the room's earlier ones (see `RoomInbox`). */
  receive(conn: RoomConnection, data: Uint8Array): void {
    this.inbox.receive(conn, data);
  }

  /**
   * After a Redis outage: reads from storage whatever other instances committed that this replica
   * has not seen, and makes itself known again (see `RoomReplication.rejoin`).
   */
  catchUp(): void {
    this.replication?.rejoin().catch((error: Error) => this.log.warn({ err: error.message }, 'catching up from storage failed'));
  }

  /** Merges the update log into one state row (one compaction at a time per room). */
  compact(): Promise<void> {
    return this.compaction.run();
  }

  /** Closes every connection with `code`, then compacts and frees the doc. */
  async close(code: number = CLOSE_CODES.serverStopping, reason = 'room closed'): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.compaction.close();
    for (const conn of this.connections) conn.close(code as never, reason);
    this.connections.clear();
    // Presence first: its last message (these clients left) still goes out on the room's channel.
    this.presence.close();
    this.replication?.close();
    try {
      await this.inbox.whenIdle(); // a message that was waiting for storage is applied (and stored) first
      await this.compact();
    } catch (error) {
      this.log.error({ err: (error as Error).message }, 'compaction on close failed; the update log is kept');
    }
    this.doc.destroy();
  }
}
