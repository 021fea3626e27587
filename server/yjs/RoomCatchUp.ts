import * as Y from 'yjs';
import type { DocLog } from '../storage/ports';
import type { AppliedSeqs } from './AppliedSeqs';

/** The origin of updates read back from storage (another instance's): applied and sent, never stored again. */
export const STORED = Symbol('stored');

export interface CatchUpTarget {
  readonly workshopId: string;
  readonly doc: Y.Doc;
  readonly seqs: AppliedSeqs;
  /** False once the room closed or broke: nothing more is applied. */
  isLive(): boolean;
  /** Told how many log rows it applied (they count towards the next compaction). */
  onRead(count: number): void;
  /** Told when a read of storage begins. */
  onReadStart?(): void;
}

/**
 * Applies to one room's replica what other instances stored since the replica's contiguous seq:
 * their updates reach this room's clients (each applied with origin `STORED`), and the replica
 * holds every seq up to the last one read, so it may compact that far. One read at a time.
 */
export class RoomCatchUp {
  private running: Promise<number> | null = null;

  constructor(
    private readonly docs: DocLog,
    private readonly room: CatchUpTarget,
  ) {}

  /** Reads and applies what is stored past the contiguous seq; resolves with how many updates it applied. */
  run(): Promise<number> {
    this.running ??= this.readNewer().finally(() => (this.running = null));
    return this.running;
  }

  /** The last seq stored for the workshop (`SELECT max(seq)`-cheap): is a read needed at all? */
  lastStoredSeq(): Promise<number> {
    return this.docs.lastSeq(this.room.workshopId);
  }

  private async readNewer(): Promise<number> {
    const { room } = this;
    if (!room.isLive()) return 0;
    room.onReadStart?.();
    const newer = await this.docs.since(room.workshopId, room.seqs.contiguous);
    if (!room.isLive()) return 0;
    if (newer === null) return this.reload();
    let applied = 0;
    // One transaction: what one read finds reaches the room's clients as one update.
    room.doc.transact(() => {
      for (const { seq, data } of newer) {
        if (!room.seqs.isOwn(seq) && seq > room.seqs.contiguous) {
          Y.applyUpdate(room.doc, data, STORED);
          applied += 1;
        }
        room.seqs.caughtUp(seq);
      }
    }, STORED);
    room.onRead(newer.length);
    return applied;
  }

  /**
   * Another instance compacted past what this replica holds: merge the whole stored doc (Yjs
   * applies what it has already as a no-op).
   */
  private async reload(): Promise<number> {
    const { room } = this;
    const stored = await this.docs.load(room.workshopId);
    if (!room.isLive()) return 0;
    room.doc.transact(() => {
      if (stored.state) Y.applyUpdate(room.doc, stored.state, STORED);
      for (const update of stored.updates) Y.applyUpdate(room.doc, update.data, STORED);
    }, STORED);
    room.seqs.reloaded(stored.lastSeq);
    room.onRead(stored.updates.length + 1);
    return stored.updates.length + 1;
  }
}
