import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { encodeBoardNotice } from '../../lib/boardNotices';
import { CLOSE_CODES } from '../../lib/closeCodes';
import type { Logger } from '../log';
import { SerialQueue } from '../concurrency/SerialQueue';
import type { LoadedDoc, Storage } from '../storage/ports';
import { AppliedSeqs } from './AppliedSeqs';
import { STORED } from './RoomCatchUp';
import { BoardSizeWatch } from './BoardSizeWatch';
import { ClientBindings } from './ClientBindings';
import { frameBinary, type FramedMessage } from './frames';
import { isEmptyUpdate, JoinState, namesKnownClient } from './JoinState';
import { MESSAGE, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from './messages';
import { RecordCounts } from './recordCounts';
import { RoomCompaction } from './RoomCompaction';
import type { RoomConnection } from './RoomConnection';
import { RoomPresence } from './RoomPresence';
import { RoomReplication } from './RoomReplication';
import type { RoomHooks, RoomReplicaOptions } from './roomHooks';
import { UpdateGate } from './UpdateGate';
import type { UpdateLog } from './UpdateLog';

export { COMPACT_AFTER_UPDATES } from './RoomCompaction';
export type { RoomHooks, RoomReplicaOptions } from './roomHooks';

/**
 * One workshop's live board: the Y.Doc, the presence of its clients and their connections.
 * Every change is committed to storage before it is sent to anyone, so whatever a client has
 * seen survives a crash. Loaded on the first connection, closed (and compacted) after the last.
 * Messages are handled one at a time through `inbox`: a message that has to wait for storage
 * (new client ids to bind) holds the ones after it, so nothing is validated against a doc that
 * changes before it is applied, and each connection's messages keep their order.
 */
export class YjsRoom {
  readonly doc = new Y.Doc({ gc: true });
  readonly connections = new Set<RoomConnection>();
  private readonly presence: RoomPresence;
  /** Records per root, kept incrementally for the validator's caps. */
  private readonly recordCounts = new RecordCounts(this.doc);
  /** What a new client with an empty doc is sent: the cached whole doc and the updates since, merged. */
  private readonly joinState = new JoinState(() => this.fullState());
  /** The log seqs this replica holds (its own commits and what it caught up on). */
  private readonly seqs: AppliedSeqs;
  private readonly compaction: RoomCompaction;
  /** Other instances' replicas (PostgreSQL only): what this one commits goes out, theirs comes in. */
  private readonly replication: RoomReplication | null;
  /** Upper bound of the encoded state's size, kept without re-encoding on every update. */
  private readonly size: BoardSizeWatch;
  /** Judges every update a client sends: refused in band, or let in. */
  private readonly gate: UpdateGate;
  private isClosed = false;
  /** Set when storage failed: nothing more is broadcast or compacted from this copy. */
  private isBroken = false;
  private readonly inbox: SerialQueue;

  private constructor(
    readonly workshopId: string,
    storage: Storage,
    private readonly updates: UpdateLog,
    private readonly log: Logger,
    private readonly hooks: RoomHooks,
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
      isLive: () => !this.isClosed && !this.isBroken,
      isSound: () => !this.isBroken,
      isOpen: () => !this.isClosed,
      hasClients: () => this.connections.size > 0,
      onRead: (count: number) => this.compaction.addRead(count),
      fill: async () => void (await this.replication?.fill()),
      measured: (bytes: number) => {
        this.size.measured(bytes);
        if (!this.isClosed) this.tellSize();
      },
    };
    this.replication = replica ? new RoomReplication(storage.docs, view, replica.relay, this.log, hooks) : null;
    this.compaction = new RoomCompaction(storage.docs, updates, view, this.log, stored.updates.length);
    this.size = new BoardSizeWatch((stored.state?.byteLength ?? 0) + stored.updates.reduce((sum, u) => sum + u.data.byteLength, 0));
    this.gate = new UpdateGate(
      this.doc,
      clients,
      hooks,
      this.log,
      this.recordCounts,
      this.size,
      async () => void (await this.replication?.fill()),
    );
    this.inbox = new SerialQueue((error) => this.log.error({ err: (error as Error).message }, 'handling a yjs message failed'));
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
    room.doc.on('update', room.onDocUpdate);
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

  /** Persist (group commit at the end of this turn), then broadcast, encoded once, skipping the sender. */
  private onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.isBroken) return;
    this.compaction.measureIn(this.size.grew(update.byteLength));
    this.tellSize();
    const message = frameBinary(encodeSyncUpdate(update));
    // Read back from storage: committed already, so it goes straight out.
    if (origin === STORED) return this.sendToAll(message, null, update);
    this.updates.append(
      this.workshopId,
      update,
      (seq) => {
        this.seqs.committed(seq);
        this.replication?.committed(seq, update);
        this.sendToAll(message, origin, update);
        this.compaction.addOwn();
      },
      (error) => this.breakRoom(error),
    );
  };

  private sendToAll(message: FramedMessage, origin: unknown, update: Uint8Array): void {
    for (const conn of this.connections) if (conn !== origin) conn.sendFramed(message);
    this.joinState.extend(update);
  }

  /** Sends a client with an empty doc everything (see `JoinState`). */
  private sendEverything(conn: RoomConnection): void {
    for (const message of this.joinState.messages()) conn.send(message);
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
    const notice = frameBinary(encodeBoardNotice({ kind: 'unlocked' }));
    for (const conn of this.connections) conn.sendFramed(notice);
  }

  /** Tells every connection when the board crossed the 90 % line of its size limit (either way). */
  private tellSize(): void {
    const change = this.size.change();
    if (!change) return;
    const notice = frameBinary(encodeBoardNotice(change));
    for (const conn of this.connections) conn.sendFramed(notice);
  }

  removeConnection(conn: RoomConnection): void {
    if (!this.connections.delete(conn)) return;
    this.presence.remove(conn);
  }

  /**
   * Queues one frame behind the room's earlier ones; a frame whose connection was closed by the
   * time its turn comes (kicked, rate-limited, gone) is dropped unread.
   */
  receive(conn: RoomConnection, data: Uint8Array): void {
    this.inbox.push(() => {
      if (conn.wasClosedByServer) return;
      return this.handleMessage(conn, data);
    });
  }

  /** Handles one frame; a frame that breaks the protocol closes that connection only. */
  private handleMessage(conn: RoomConnection, data: Uint8Array): void | Promise<void> {
    if (!conn.messageBudget.take()) {
      this.hooks.onRateLimited?.(conn);
      conn.close(CLOSE_CODES.rateLimited, 'too many messages');
      return;
    }
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE.sync) return this.handleSync(conn, decoder);
      else if (type === MESSAGE.awareness) this.presence.receive(conn, decoding.readVarUint8Array(decoder));
      else if (type === MESSAGE.queryAwareness) this.presence.sendAll(conn);
      else if (type !== MESSAGE.auth) conn.close(CLOSE_CODES.malformed, 'unknown message type');
    } catch (error) {
      this.log.warn({ connectionId: conn.connectionId, err: (error as Error).message }, 'malformed yjs message');
      conn.close(CLOSE_CODES.malformed, 'malformed message');
    }
  }

  private handleSync(conn: RoomConnection, decoder: decoding.Decoder): void | Promise<void> {
    const step = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (step === syncProtocol.messageYjsSyncStep1) {
      // A state vector that names no client of this doc gets what an empty one gets: the cached
      // whole doc. Any other needs an encode of its own, so those are rate-limited.
      const isFresh = payload.byteLength <= 1 || !namesKnownClient(this.doc, payload);
      if (!isFresh && !conn.syncBudget.take()) {
        this.hooks.onRateLimited?.(conn);
        conn.close(CLOSE_CODES.rateLimited, 'too many sync requests');
        return;
      }
      // Wait for the pending group commit: a client must never receive what is not on disk yet.
      this.updates.afterCommit(() => {
        if (isFresh) this.sendEverything(conn);
        else conn.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, payload)));
      });
      return;
    }
    if (step !== syncProtocol.messageYjsSyncStep2 && step !== syncProtocol.messageYjsUpdate) {
      conn.close(CLOSE_CODES.malformed, 'unknown sync step');
      return;
    }
    if (isEmptyUpdate(payload)) return;
    const admitted = this.gate.admit(conn, payload);
    if (admitted === true) Y.applyUpdate(this.doc, payload, conn);
    else if (admitted !== false) {
      return admitted.then((isAdmitted) => {
        // The bindings took a round trip: the server may have closed the connection meanwhile
        // (kicked). One its client closed still gets its last update applied, as before.
        if (isAdmitted && !conn.wasClosedByServer) Y.applyUpdate(this.doc, payload, conn);
      });
    }
  }

  /**
   * Storage failed, so the doc in memory holds a change that is not on disk. Nobody may see it:
   * close every connection; clients reconnect to a fresh load and resend their changes.
   */
  private breakRoom(error: Error): void {
    this.log.error({ err: error.message }, 'storing an update failed; closing the room');
    this.isBroken = true;
    for (const conn of this.connections) conn.close(CLOSE_CODES.roomUnavailable, 'storage failed');
  }

  /** Reads from storage whatever other instances committed that this replica has not seen. */
  catchUp(): void {
    this.replication?.fill().catch((error: Error) => this.log.warn({ err: error.message }, 'catching up from storage failed'));
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
