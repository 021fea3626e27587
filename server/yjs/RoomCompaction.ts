import type { Logger } from '../log';
import type { DocLog } from '../storage/ports';
import type { AppliedSeqs } from './AppliedSeqs';
import type { UpdateLog } from './UpdateLog';

/** Merge the update log into one state row after this many appended updates. */
export const COMPACT_AFTER_UPDATES = 500;

export interface CompactionTarget {
  readonly workshopId: string;
  readonly seqs: AppliedSeqs;
  /** The whole doc, encoded now. */
  fullState(): Uint8Array;
  /** Reads the seqs other instances committed below this replica's own (a gap), if any. */
  fill(): Promise<void>;
  /** False once storage failed: a copy that may hold an uncommitted change is never compacted. */
  isSound(): boolean;
  isOpen(): boolean;
  /** The state's real size, measured by the compaction. */
  measured(bytes: number): void;
}

/**
 * When and how one room merges its update log into one state row: after COMPACT_AFTER_UPDATES
 * updates (counting those it applied from other instances, started by its own), when the size estimate nears the
 * limit, and on close. One at a time; fenced by the seq in the store, so a stale replica's state
 * is refused, and only up to the seq below which this replica holds every update.
 */
export class RoomCompaction {
  private running: Promise<void> | null = null;
  private isScheduled = false;
  private measureTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly docs: DocLog,
    private readonly updates: UpdateLog,
    private readonly room: CompactionTarget,
    private readonly log: Logger,
    /** Updates in the log since the last compaction (those loaded with the doc, at first). */
    private uncompacted: number,
  ) {}

  /** This replica committed an update: compacts soon once the log is long enough. */
  addOwn(): void {
    this.uncompacted += 1;
    if (this.uncompacted >= COMPACT_AFTER_UPDATES) this.soon();
  }

  /**
   * Updates another instance committed, applied here: they count towards this replica's next
   * compaction, but do not start one (the instance that wrote them compacts; one of them is enough).
   */
  addRead(count: number): void {
    this.uncompacted += count;
  }

  /** Near the size limit: compacting measures the real size (deletes shrink it), at most every few seconds. */
  measureIn(delayMs: number | null): void {
    if (delayMs === null || this.measureTimer) return;
    if (delayMs === 0) return this.soon();
    this.measureTimer = setTimeout(() => {
      this.measureTimer = null;
      this.soon();
    }, delayMs);
    this.measureTimer.unref();
  }

  run(): Promise<void> {
    this.running ??= this.compactNow().finally(() => (this.running = null));
    return this.running;
  }

  close(): void {
    if (this.measureTimer) clearTimeout(this.measureTimer);
  }

  private soon(): void {
    if (this.isScheduled) return;
    this.isScheduled = true;
    setImmediate(() => {
      this.isScheduled = false;
      if (this.room.isOpen())
        void this.run().catch((error: Error) => this.log.error({ err: error.message }, 'compaction failed; the update log is kept'));
    });
  }

  private async compactNow(): Promise<void> {
    await this.updates.flush(); // every update in the state must be in the log
    if (this.uncompacted === 0 || !this.room.isSound()) return;
    // Another instance's updates lie between ours: hold them all before claiming their seqs.
    if (this.room.seqs.hasGap) await this.room.fill();
    // Encoded right after: the state holds every seq up to `uptoSeq` (and maybe a few updates
    // applied since, still queued: harmless, Yjs applies an update twice as once).
    const uptoSeq = this.room.seqs.contiguous;
    const compactedCount = this.uncompacted;
    const state = this.room.fullState();
    // Fenced by the sequence in the store: a state that covers less than what is stored is refused.
    await this.docs.compact(this.room.workshopId, state, uptoSeq);
    this.uncompacted = Math.max(0, this.uncompacted - compactedCount);
    this.room.measured(state.byteLength);
  }
}
