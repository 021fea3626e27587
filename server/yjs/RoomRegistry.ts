import * as Y from 'yjs';
import type { Logger } from '../log';
import type { Storage } from '../storage/ports';
import { UpdateLog } from './UpdateLog';
import { WalCheckpointer } from './WalCheckpointer';
import type { RoomRelay } from './RoomRelay';
import { YjsRoom, type RoomHooks } from './YjsRoom';

/** How rooms share their workshops with other instances' replicas (PostgreSQL only). */
export interface ReplicaSettings {
  /** Redis (`REDIS_URL`): live updates and presence; without it rooms read storage on a timer. */
  relay?: RoomRelay | null;
  /** `CATCH_UP_INTERVAL_MS`: how often a room with clients checks storage for what it missed. */
  catchUpIntervalMs?: number;
}

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
 * Loading is asynchronous: concurrent first connections share one load (`loading`), and a room
 * that is still closing (its last commits and compaction) is waited for before it loads again.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, YjsRoom>();
  private readonly loading = new Map<string, Promise<YjsRoom>>();
  private readonly closing = new Map<string, Promise<void>>();
  /** Idle rooms' unload timers, least recently used first. */
  private readonly idle = new Map<string, NodeJS.Timeout>();

  private readonly updates: UpdateLog;
  /** Keeps SQLite's WAL checkpoints (an fsync each) off the event loop that broadcasts updates. */
  private readonly checkpointer: WalCheckpointer | null;

  constructor(
    private readonly storage: Storage,
    private readonly log: Logger,
    private readonly hooks: RoomHooks,
    private readonly idleLimits: IdleRoomLimits = { idleRoomMs: 30_000, idleRoomsMax: 32 },
    sqliteConnection: ConstructorParameters<typeof WalCheckpointer>[0] | null = null,
    private readonly replicas: ReplicaSettings = {},
  ) {
    this.checkpointer = sqliteConnection ? new WalCheckpointer(sqliteConnection, log) : null;
    this.updates = new UpdateLog(
      storage.docs,
      (waitsMs) => {
        this.checkpointer?.noteCommit();
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

  /**
   * The live room, loading it if needed (once, however many ask): never one that started
   * closing while the caller waited. Rejects if the stored doc cannot be loaded.
   */
  async open(workshopId: string): Promise<YjsRoom> {
    for (;;) {
      const room = await this.openOrLoad(workshopId);
      if (!room.hasClosed) return room;
    }
  }

  private openOrLoad(workshopId: string): Promise<YjsRoom> {
    const room = this.rooms.get(workshopId);
    if (room) return Promise.resolve(room);
    let loading = this.loading.get(workshopId);
    if (!loading) {
      loading = this.load(workshopId).finally(() => this.loading.delete(workshopId));
      this.loading.set(workshopId, loading);
    }
    return loading;
  }

  private async load(workshopId: string): Promise<YjsRoom> {
    await this.closing.get(workshopId);
    await this.hooks.prepare?.(workshopId);
    await this.updates.flush(); // a load reads what every earlier copy has committed
    if (this.storage.engine !== 'postgres') {
      const room = await YjsRoom.load(workshopId, this.storage, this.updates, this.log, this.hooks);
      this.rooms.set(workshopId, room);
      return room;
    }
    // Several instances may share the workshop: subscribe first, so whatever another instance
    // commits after the load's read is either in the read or arrives on the channel.
    const relay = (await this.replicas.relay?.open(workshopId)) ?? null;
    try {
      const replica = { relay, catchUpIntervalMs: this.replicas.catchUpIntervalMs };
      const room = await YjsRoom.load(workshopId, this.storage, this.updates, this.log, this.hooks, replica);
      this.rooms.set(workshopId, room);
      return room;
    } catch (error) {
      relay?.close();
      throw error;
    }
  }

  /** After Redis was away (messages lost): every room reads what it missed from storage now. */
  catchUpAll(): void {
    for (const room of this.rooms.values()) room.catchUp();
  }

  /** Unloads the room once nobody is connected (an idle room waits for its timer). */
  release(room: YjsRoom): void {
    if (!room.isEmpty || this.rooms.get(room.workshopId) !== room || this.idle.has(room.workshopId)) return;
    this.unload(room);
  }

  private unload(room: YjsRoom, code?: number, reason?: string): Promise<void> {
    const { workshopId } = room;
    this.rooms.delete(workshopId);
    const closed = room.close(code, reason).finally(() => {
      if (this.closing.get(workshopId) === closed) this.closing.delete(workshopId);
    });
    this.closing.set(workshopId, closed);
    return closed;
  }

  /** Keeps a room nobody is connected to loaded for `idleRoomMs` more (restarting its timer). */
  private keepIdle(room: YjsRoom): void {
    const { workshopId } = room;
    clearTimeout(this.idle.get(workshopId));
    this.idle.delete(workshopId);
    if (!room.isEmpty || this.rooms.get(workshopId) !== room) return;
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

  /**
   * A server-side change (e.g. a reveal): loads the room if needed, applies `apply` in one
   * transaction and resolves once that change is committed (it is broadcast at the same moment).
   */
  async change<T>(workshopId: string, apply: (doc: Y.Doc) => T): Promise<T> {
    const room = await this.open(workshopId);
    try {
      const result = room.transact(apply);
      await this.updates.flush();
      return result;
    } finally {
      this.keepIdle(room);
    }
  }

  /**
   * Runs `read` on the live doc, loading the room if needed and keeping it loaded a while: for
   * commands, which come in runs (a vote, a round of drafts), so the board loads once per run.
   */
  async readWarm<T>(workshopId: string, read: (doc: Y.Doc) => T): Promise<T> {
    const room = await this.open(workshopId);
    try {
      return read(room.doc);
    } finally {
      this.keepIdle(room);
    }
  }

  /** An upper bound of the board's encoded size (what the 8 MiB cap counts), from the warm room. */
  async approximateBytes(workshopId: string): Promise<number> {
    const room = await this.open(workshopId);
    this.keepIdle(room);
    return room.approximateBytes;
  }

  /**
   * Runs `read` on the workshop's current doc: the live one if the room is loaded, otherwise a
   * throw-away copy loaded from storage (not kept resident).
   */
  async readDoc<T>(workshopId: string, read: (doc: Y.Doc) => T): Promise<T> {
    await this.updates.flush(); // reads (exports, checks) see exactly what is stored
    const live = this.rooms.get(workshopId);
    if (live) return read(live.doc);
    const stored = await this.storage.docs.load(workshopId);
    const doc = new Y.Doc();
    try {
      if (stored.state) Y.applyUpdate(doc, stored.state);
      for (const update of stored.updates) Y.applyUpdate(doc, update.data);
      return read(doc);
    } finally {
      doc.destroy();
    }
  }

  /** Closes (and compacts) every room; resolves when their commits and the WAL checkpointer are done. */
  async closeAll(code?: number, reason?: string): Promise<void> {
    for (const timer of this.idle.values()) clearTimeout(timer);
    this.idle.clear();
    await Promise.allSettled([...this.loading.values()]);
    const closed = [...this.rooms.values()].map((room) => this.unload(room, code, reason));
    await Promise.all([...closed, ...this.closing.values()]);
    await this.updates.flush();
    await this.checkpointer?.close();
  }
}
