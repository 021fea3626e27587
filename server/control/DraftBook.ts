import type { DraftRow, DraftStore, PendingDraftOwner } from '../storage/DraftStore';

/** How many workshops' draft counts stay in memory (a few numbers each; SQLite has the rest). */
const RESIDENT_WORKSHOPS = 1000;

/** How many drafts wait in one workshop, in all and per author. */
interface DraftCounts {
  total: number;
  byAuthor: Map<string, number>;
}

/**
 * The pending (unrevealed) private drafts of each workshop. Their text stays in SQLite, read
 * through indexes: a draft command costs O(1) plus the author's own drafts, a control connect the
 * connecting person's own drafts, never a read of every draft in the workshop. Only the counts the
 * caps need live in memory, so a room full of drafts costs no memory beyond them. This is the drafts
 * table's only writer in this process (a second server would need the counts in a shared store).
 */
export class DraftBook {
  private readonly counts = new Map<string, DraftCounts>();

  constructor(
    private readonly store: DraftStore,
    private readonly residentWorkshops = RESIDENT_WORKSHOPS,
  ) {}

  private of(workshopId: string): DraftCounts {
    let counts = this.counts.get(workshopId);
    if (counts)
      this.counts.delete(workshopId); // most recently used last
    else {
      const byAuthor = this.store.pendingCounts(workshopId);
      counts = { total: [...byAuthor.values()].reduce((sum, n) => sum + n, 0), byAuthor };
    }
    this.counts.set(workshopId, counts);
    if (this.counts.size > this.residentWorkshops) this.counts.delete(this.counts.keys().next().value!);
    return counts;
  }

  private adjust(workshopId: string, participantId: string, delta: number): void {
    const counts = this.of(workshopId);
    counts.total += delta;
    const mine = (counts.byAuthor.get(participantId) ?? 0) + delta;
    if (mine > 0) counts.byAuthor.set(participantId, mine);
    else counts.byAuthor.delete(participantId);
  }

  count(workshopId: string): number {
    return this.of(workshopId).total;
  }

  countOf(workshopId: string, participantId: string): number {
    return this.of(workshopId).byAuthor.get(participantId) ?? 0;
  }

  /** Who holds a pending draft with this id (any workshop's: ids are global), or null. */
  authorOf(draftId: string): PendingDraftOwner | null {
    return this.store.pendingAuthor(draftId);
  }

  /** One author's pending drafts, oldest first. */
  mine(workshopId: string, participantId: string): DraftRow[] {
    return this.store.pendingOf(workshopId, participantId);
  }

  /** Every pending draft of the workshop, oldest first (for a reveal). */
  all(workshopId: string): DraftRow[] {
    return this.store.pending(workshopId);
  }

  /** The anonymous drafts of a step waiting for their batch (see `ANONYMOUS_BATCH_AUTHORS`). */
  waitingAnonymous(workshopId: string, stepId: string): DraftRow[] {
    return this.store.pendingAnonymous(workshopId, stepId);
  }

  /** Stores a new draft; false when its id is already taken (a retry of a draft stored before). */
  add(draft: DraftRow): boolean {
    this.of(draft.workshopId); // counted from SQLite before the row is in it
    if (!this.store.add(draft)) return false;
    this.adjust(draft.workshopId, draft.participantId, 1);
    return true;
  }

  /** Changes the text of one of the participant's pending drafts; false when there is none. */
  edit(draftId: string, participantId: string, text: string): boolean {
    return this.store.edit(draftId, participantId, text);
  }

  delete(workshopId: string, draftId: string, participantId: string): boolean {
    this.of(workshopId);
    if (!this.store.delete(draftId, participantId)) return false;
    this.adjust(workshopId, participantId, -1);
    return true;
  }

  /** Marks drafts revealed (their notes are on the board); anonymous ones lose their author in SQLite. */
  markRevealed(workshopId: string, revealed: readonly DraftRow[], now: number): void {
    if (revealed.length === 0) return;
    this.of(workshopId);
    this.store.markRevealed(revealed, now);
    for (const draft of revealed) this.adjust(workshopId, draft.participantId, -1);
  }
}
