import type { DocLog } from '../storage/ports';

type Entry =
  | {
      kind: 'update';
      workshopId: string;
      update: Uint8Array;
      queuedAt: number;
      onCommitted(seq: number): void;
      onFailed(error: Error): void;
    }
  | { kind: 'after'; run(): void };

/**
 * Group commit of Yjs updates. Updates applied during one event-loop turn are stored in one
 * transaction at the end of the turn, and only then broadcast (`onCommitted`), so the rule
 * "committed before anyone else sees it" holds at a fraction of a commit per update. One batch
 * is in flight at a time: callbacks run in append order, which is the seq order the store gave.
 */
export class UpdateLog {
  private queue: Entry[] = [];
  private isScheduled = false;
  private inFlight: Promise<void> | null = null;

  /**
   * `onCommit` runs after each transaction of updates is committed (the WAL checkpointer counts
   * them; the metrics observe how long each update waited for it), `onFail` when one fails.
   */
  constructor(
    private readonly docs: DocLog,
    private readonly onCommit: (waitsMs: number[]) => void = () => undefined,
    private readonly onFail: (updateCount: number) => void = () => undefined,
  ) {}

  get hasPending(): boolean {
    return this.inFlight !== null || this.queue.some((entry) => entry.kind === 'update');
  }

  append(workshopId: string, update: Uint8Array, onCommitted: (seq: number) => void, onFailed: (error: Error) => void): void {
    this.queue.push({ kind: 'update', workshopId, update, queuedAt: performance.now(), onCommitted, onFailed });
    this.schedule();
  }

  /** Runs `run` once everything queued before it is committed (at once when nothing is). */
  afterCommit(run: () => void): void {
    if (!this.hasPending) return run();
    this.queue.push({ kind: 'after', run });
    this.schedule();
  }

  private schedule(): void {
    if (this.isScheduled) return;
    this.isScheduled = true;
    setImmediate(() => void this.flush());
  }

  /** Commits everything queued until now (also awaited before compaction, reads and close). */
  async flush(): Promise<void> {
    this.isScheduled = false;
    while (this.inFlight) await this.inFlight;
    const entries = this.queue;
    this.queue = [];
    if (entries.length === 0) return;
    const batch = this.commit(entries);
    this.inFlight = batch;
    try {
      await batch;
    } finally {
      this.inFlight = null;
    }
    // What was queued while this batch was in flight goes next (its own turn was skipped).
    if (this.queue.length > 0) this.schedule();
  }

  private async commit(entries: Entry[]): Promise<void> {
    const updates = entries.filter((entry) => entry.kind === 'update');
    let seqs: number[] = [];
    if (updates.length > 0) {
      try {
        seqs = await this.docs.append(updates.map(({ workshopId, update }) => ({ workshopId, update })));
      } catch (error) {
        this.onFail(updates.length);
        // The replies waiting on this batch are never sent: their room is closed (`onFailed`).
        for (const entry of updates) entry.onFailed(error as Error);
        return;
      }
      const now = performance.now();
      this.onCommit(updates.map((entry) => now - entry.queuedAt));
    }
    let next = 0;
    for (const entry of entries) {
      if (entry.kind === 'update') entry.onCommitted(seqs[next++]!);
      else entry.run();
    }
  }
}
