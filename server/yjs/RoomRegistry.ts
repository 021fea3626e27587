import * as Y from 'yjs';
import type { Logger } from '../log';
import { ClientIdStore } from '../storage/ClientIdStore';
import type { Store } from '../storage/Store';
import { UpdateLog } from './UpdateLog';
import { WalCheckpointer } from './WalCheckpointer';
import { YjsRoom, type RoomHooks } from './YjsRoom';

/**
 * The rooms resident in memory: exactly those with at least one connection. Loading is
 * synchronous (SQLite), so two first connections cannot race into two copies of a doc.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, YjsRoom>();

  private readonly updates: UpdateLog;
  /** Keeps SQLite's WAL checkpoints (an fsync each) off the event loop that broadcasts updates. */
  private readonly checkpointer: WalCheckpointer;
  private readonly clientIds: ClientIdStore;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly hooks: RoomHooks,
  ) {
    this.checkpointer = new WalCheckpointer(store.connection(), log);
    this.clientIds = new ClientIdStore(store.connection());
    this.updates = new UpdateLog(
      store,
      (waitsMs) => {
        this.checkpointer.noteCommit();
        hooks.onCommitted?.(waitsMs);
      },
      (count) => hooks.onCommitFailed?.(count),
    );
  }

  get size(): number {
    return this.rooms.size;
  }

  get(workshopId: string): YjsRoom | undefined {
    return this.rooms.get(workshopId);
  }

  /** The live room, loading it if needed. Throws if the stored doc cannot be loaded. */
  open(workshopId: string): YjsRoom {
    let room = this.rooms.get(workshopId);
    if (!room) {
      room = YjsRoom.load(workshopId, this.store, this.updates, this.log, this.hooks, this.clientIds);
      this.rooms.set(workshopId, room);
    }
    return room;
  }

  /** Unloads the room once nobody is connected. */
  release(room: YjsRoom): void {
    if (!room.isEmpty || this.rooms.get(room.workshopId) !== room) return;
    this.rooms.delete(room.workshopId);
    room.close();
  }

  /** A server-side change (e.g. a reveal): loads the room if needed, persists and broadcasts it. */
  change<T>(workshopId: string, apply: (doc: Y.Doc) => T): T {
    const room = this.open(workshopId);
    try {
      return room.transact(apply);
    } finally {
      this.release(room);
    }
  }

  /**
   * Runs `read` on the workshop's current doc: the live one if the room is loaded, otherwise a
   * throw-away copy loaded from storage (not kept resident).
   */
  readDoc<T>(workshopId: string, read: (doc: Y.Doc) => T): T {
    this.updates.flush(); // reads (exports, checks) see exactly what is stored
    const live = this.rooms.get(workshopId);
    if (live) return read(live.doc);
    const stored = this.store.loadDoc(workshopId);
    const doc = new Y.Doc();
    try {
      if (stored.state) Y.applyUpdate(doc, stored.state);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
      return read(doc);
    } finally {
      doc.destroy();
    }
  }

  /** Closes (and compacts) every room; resolves when the WAL checkpointer has stopped too. */
  closeAll(code?: number, reason?: string): Promise<void> {
    for (const room of this.rooms.values()) room.close(code, reason);
    this.rooms.clear();
    return this.checkpointer.close();
  }
}
