import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../lib/closeCodes';
import type { Logger } from '../log';
import { SerialQueue } from '../concurrency/SerialQueue';
import { isEmptyUpdate, namesKnownClient } from './JoinState';
import { MESSAGE, encodeSyncStep2 } from './messages';
import type { RoomBroadcast } from './RoomBroadcast';
import type { RoomConnection } from './RoomConnection';
import type { RoomPresence } from './RoomPresence';
import type { RoomHooks } from './roomHooks';
import type { UpdateGate } from './UpdateGate';
import type { UpdateLog } from './UpdateLog';

/**
 * What one room's clients send it (the y-websocket protocol: sync, presence), handled one
 * message at a time: a message that has to wait for storage (new client ids to bind) holds the
 * ones after it, so nothing is validated against a doc that changes before it is applied, and
 * each connection's messages keep their order. Every update goes through the room's
 * `UpdateGate`; a frame that breaks the protocol closes that connection only.
 */
export class RoomInbox {
  private readonly queue: SerialQueue;

  constructor(
    private readonly doc: Y.Doc,
    private readonly updates: UpdateLog,
    private readonly gate: UpdateGate,
    private readonly presence: RoomPresence,
    private readonly broadcast: RoomBroadcast,
    private readonly hooks: RoomHooks,
    private readonly log: Logger,
  ) {
    this.queue = new SerialQueue((error) => this.log.error({ err: (error as Error).message }, 'handling a yjs message failed'));
  }

  /**
   * Queues one frame behind the room's earlier ones; a frame whose connection was closed by the
   * time its turn comes (kicked, rate-limited, gone) is dropped unread.
   */
  receive(conn: RoomConnection, data: Uint8Array): void {
    this.queue.push(() => {
      if (conn.wasClosedByServer) return;
      return this.handleMessage(conn, data);
    });
  }

  /** Resolves once every frame received so far was handled (one waiting for storage is applied and stored first). */
  whenIdle(): Promise<void> {
    return this.queue.whenIdle();
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
        if (isFresh) this.broadcast.sendEverything(conn);
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
}
