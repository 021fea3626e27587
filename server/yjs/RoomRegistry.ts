import * as Y from 'yjs';
import type { Logger } from '../log';
import { ClientIdStore } from '../storage/ClientIdStore';
import type { Store } from '../storage/Store';
import { UpdateLog } from './UpdateLog';
import { WalCheckpointer } from './WalCheckpointer';
import { YjsRoom, type RoomHooks } from './YjsRoom';

export interface IdleRoomLimits {
  /** How long a room loaded for a server-side change or command stays with nobody connected. */
  idleRoomMs: number;
  /** How many such rooms may wait at once; the least recently used leaves first. */
  idleRoomsMax: number;
}

/**
 * The rooms resident in memory: those with at least one connection, and for a short while
 * those a command or a server-side change loaded with nobody connected ("idle" rooms), so a run
 * of commands on an unwatched workshop loads (and compacts) its board once, not per command.
 * Loading is synchronous (SQLite), so two first connections cannot race into two copies of a doc.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, YjsRoom>();
  /** Idle rooms' unload timers, least recently used first. */
  private readonly idle = new Map<string, NodeJS.Timeout>();

  private readonly updates: UpdateLog;
  /** Keeps SQLite's WAL checkpoints (an fsync each) off the event loop that broadcasts updates. */
  private readonly checkpointer: WalCheckpointer;
  private readonly clientIds: ClientIdStore;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly hooks: RoomHooks,
    private readonly idleLimits: IdleRoomLimits = { idleRoomMs: 30_000, idleRoomsMax: 32 },
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

  /** Unloads the room once nobody is connected (an idle room waits for its timer). */
  release(room: YjsRoom): void {
    if (!room.isEmpty || this.rooms.get(room.workshopId) !== room || this.idle.has(room.workshopId)) return;
    this.unload(room);
  }

  private unload(room: YjsRoom): void {
    this.rooms.delete(room.workshopId);
    room.close();
  }

  /** Keeps a room nobody is connected to loaded for `idleRoomMs` more (restarting its timer). */
  private keepIdle(room: YjsRoom): void {
    const { workshopId } = room;
    clearTimeout(this.idle.get(workshopId));
    this.idle.delete(workshopId);
    if (!room.isEmpty) return;
    const timer = setTimeout(() => {
      this.idle.delete(workshopId);
      this.release(room);
    }, this.idleLimits.idleRoomMs);
    timer.unref();
    this.idle.set(workshopId, timer);
    while (this.idle.size > this.idleLimits.idleRoomsMax) {
      const [oldest, oldestTimer] = this.idle.entries().next().value!;
      clearTimeout(oldestTimer);
      this.idle.delete(oldest);
      const evicted = this.rooms.get(oldest);
      if (evicted) this.release(evicted);
    }
  }

  /** A server-side change (e.g. a reveal): loads the room if needed, persists and broadcasts it. */
  change<T>(workshopId: string, apply: (doc: Y.Doc) => T): T {
    const room = this.open(workshopId);
    try {
      return room.transact(apply);
    } finally {
      this.keepIdle(room);
    }
  }

  /**
   * Runs `read` on the live doc, loading the room if needed and keeping it loaded a while: for
   * commands, which come in runs (a vote, a round of drafts), so the board loads once per run.
   */
  readWarm<T>(workshopId: string, read: (doc: Y.Doc) => T): T {
    const room = this.open(workshopId);
    try {
      return read(room.doc);
    } finally {
      this.keepIdle(room);
    }
  }

  /** An upper bound of the board's encoded size (what the 8 MiB cap counts), from the warm room. */
  approximateBytes(workshopId: string): number {
    return this.readWarm(workshopId, () => this.rooms.get(workshopId)!.approximateBytes);
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
    for (const timer of this.idle.values()) clearTimeout(timer);
    this.idle.clear();
    for (const room of this.rooms.values()) room.close(code, reason);
    this.rooms.clear();
    return this.checkpointer.close();
  }
}
