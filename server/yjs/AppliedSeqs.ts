/**
 * Which of a workshop's log seqs this replica has applied. With one writer (SQLite) every commit
 * is the next seq; with several instances on one PostgreSQL another instance's appends fall in
 * between, and this replica has not seen them. `contiguous` is the highest seq up to which it has
 * applied every update: what it may compact up to (a state claiming more would delete updates it
 * never held), and where a catch-up reads from.
 */
export class AppliedSeqs {
  /** Own commits above `contiguous`, waiting for the seqs of other writers below them. */
  private readonly ahead = new Set<number>();

  constructor(private contiguousSeq: number) {}

  get contiguous(): number {
    return this.contiguousSeq;
  }

  /** True when another writer's seqs lie between what was applied and this replica's own commits. */
  get hasGap(): boolean {
    return this.ahead.size > 0;
  }

  /** A seq this replica committed itself (its update is in the doc already). */
  committed(seq: number): void {
    if (seq <= this.contiguousSeq) return;
    this.ahead.add(seq);
    this.advance();
  }

  /** Is this seq one of this replica's own (so a catch-up must not apply it again)? */
  isOwn(seq: number): boolean {
    return this.ahead.has(seq);
  }

  /** A seq read back from storage and applied (another writer's, or own). */
  caughtUp(seq: number): void {
    if (seq <= this.contiguousSeq) return;
    this.ahead.delete(seq);
    this.contiguousSeq = seq;
    this.advance();
  }

  /** After a reload of the whole stored doc: everything up to `seq` is in. */
  reloaded(seq: number): void {
    for (const own of this.ahead) if (own <= seq) this.ahead.delete(own);
    this.contiguousSeq = Math.max(this.contiguousSeq, seq);
    this.advance();
  }

  private advance(): void {
    while (this.ahead.delete(this.contiguousSeq + 1)) this.contiguousSeq += 1;
  }
}
