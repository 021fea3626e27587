import type { Store } from '../storage/Store';

type Entry =
  | {
      kind: 'update';
      workshopId: string;
      update: Uint8Array;
      queuedAt: number;
      onCommitted(id: number): void;
      onFailed(error: Error): void;
    }
  | { kind: 'after'; run(): void };

/**
 * Group commit of Yjs updates. Updates applied during one event-loop turn are stored in one
 * SQLite transaction at the end of the turn, and only then broadcast (`onCommitted`), so the
 * rule "committed before anyone else sees it" holds at a fraction of a commit per update.
 */
export class UpdateLog {
  private queue: Entry[] = [];
  private isScheduled = false;

  /**
   * `onCommit` runs after each transaction of updates is committed (the WAL checkpointer counts
   * them; the metrics observe how long each update waited for it), `onFail` when one fails.
   */
  constructor(
    private readonly store: Store,
    private readonly onCommit: (waitsMs: number[]) => void = () => undefined,
    private readonly onFail: (updateCount: number) => void = () => undefined,
  ) {}

  get hasPending(): boolean {
    return this.queue.some((entry) => entry.kind === 'update');
  }

  append(workshopId: string, update: Uint8Array, onCommitted: (id: number) => void, onFailed: (error: Error) => void): void {
    this.queue.push({ kind: 'update', workshopId, update, queuedAt: performance.now(), onCommitted, onFailed });
    this.schedule();
  }

  /** Runs `run` once everything queued before it is committed (at once when nothing is). */
  afterCommit(run: () => void): void {
    if (!this.hasPending) return run();
    this.queue.push({ kind: 'after', run });
  }

  private schedule(): void {
    if (this.isScheduled) return;
    this.isScheduled = true;
    setImmediate(() => this.flush());
  }

  /** Commits everything queued now (also called before compaction and on close). */
  flush(): void {
    this.isScheduled = false;
    const entries = this.queue;
    this.queue = [];
    if (entries.length === 0) return;
    const updates = entries.filter((entry) => entry.kind === 'update');
    let ids: number[];
    try {
      ids = this.store.appendUpdates(updates.map(({ workshopId, update }) => ({ workshopId, update })));
    } catch (error) {
      this.onFail(updates.length);
      for (const entry of updates) entry.onFailed(error as Error);
      return;
    }
    if (updates.length > 0) {
      const now = performance.now();
      this.onCommit(updates.map((entry) => now - entry.queuedAt));
    }
    let next = 0;
    for (const entry of entries) {
      if (entry.kind === 'update') entry.onCommitted(ids[next++]!);
      else entry.run();
    }
  }
}
