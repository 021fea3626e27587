import * as Y from 'yjs';
import type { Logger } from '../log';
import type { DocLog } from '../storage/ports';
import type { AppliedSeqs } from './AppliedSeqs';

/**
 * With PostgreSQL, how often a room with clients reads what other instances stored (one indexed
 * query): without Redis fan-out this is how their notes reach this instance's clients.
 */
export const CATCH_UP_INTERVAL_MS = 1_000;
/** The origin of updates read back from storage (another instance's): applied and sent, never stored again. */
export const STORED = Symbol('stored');

export interface CatchUpTarget {
  readonly workshopId: string;
  readonly doc: Y.Doc;
  readonly seqs: AppliedSeqs;
  /** False once the room closed or broke: nothing more is applied. */
  isLive(): boolean;
  hasClients(): boolean;
  /** Told how many log rows it applied (they count towards the next compaction). */
  onRead(count: number): void;
}

/**
 * Applies to one room's replica what other instances stored since the replica's contiguous seq:
 * their updates reach this room's clients (each applied with origin `STORED`), and the replica
 * holds every seq up to the last one read, so it may compact that far. One read at a time.
 */
export class RoomCatchUp {
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly docs: DocLog,
    private readonly room: CatchUpTarget,
    private readonly log: Logger,
  ) {}

  run(): Promise<void> {
    this.running ??= this.readNewer().finally(() => (this.running = null));
    return this.running;
  }

  /** Polls while the room has clients (several instances share the database). */
  poll(intervalMs = CATCH_UP_INTERVAL_MS): void {
    this.timer = setInterval(() => {
      if (!this.room.hasClients()) return;
      this.run().catch((error: Error) => this.log.warn({ err: error.message }, 'catching up with other instances failed'));
    }, intervalMs);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async readNewer(): Promise<void> {
    const { room } = this;
    if (!room.isLive()) return;
    const newer = await this.docs.since(room.workshopId, room.seqs.contiguous);
    if (!room.isLive()) return;
    if (newer === null) return this.reload();
    for (const { seq, data } of newer) {
      if (!room.seqs.isOwn(seq)) Y.applyUpdate(room.doc, data, STORED);
      room.seqs.caughtUp(seq);
    }
    room.onRead(newer.length);
  }

  /**
   * Another instance compacted past what this replica holds: merge the whole stored doc (Yjs
   * applies what it has already as a no-op).
   */
  private async reload(): Promise<void> {
    const { room } = this;
    const stored = await this.docs.load(room.workshopId);
    if (!room.isLive()) return;
    room.doc.transact(() => {
      if (stored.state) Y.applyUpdate(room.doc, stored.state, STORED);
      for (const update of stored.updates) Y.applyUpdate(room.doc, update.data, STORED);
    }, STORED);
    room.seqs.reloaded(stored.lastSeq);
    room.onRead(stored.updates.length + 1);
  }
}
