import type { DraftRow, DraftStorePort, PendingDraftOwner } from '../storage/ports';

/** How many workshops' draft counts stay in memory (a few numbers each; storage has the rest). */
const RESIDENT_WORKSHOPS = 1000;

/** How many drafts wait in one workshop, in all and per author. */
interface DraftCounts {
  total: number;
  byAuthor: Map<string, number>;
}

/**
 * The pending (unrevealed) private drafts of each workshop. Their text stays in storage, read
 * through indexes: a draft command costs O(1) plus the author's own drafts, a control connect the
 * connecting person's own drafts, never a read of every draft in the workshop. Only the counts the
 * caps need live in memory, so a room full of drafts costs no memory beyond them. Callers run one
 * workshop's commands one at a time (`CommandHandler`), so a count read here is not stale by the
 * time it is adjusted; with several instances the counts may lag another instance's drafts until
 * they leave memory (the caps are then off by what that instance added: see the README).
 */
export class DraftBook {
  private readonly counts = new Map<string, DraftCounts>();

  constructor(
    private readonly store: DraftStorePort,
    private readonly residentWorkshops = RESIDENT_WORKSHOPS,
  ) {}

  private async of(workshopId: string): Promise<DraftCounts> {
    let counts = this.counts.get(workshopId);
    if (counts)
      this.counts.delete(workshopId); // most recently used last
    else {
      const byAuthor = await this.store.pendingCounts(workshopId);
      counts = this.counts.get(workshopId) ?? { total: [...byAuthor.values()].reduce((sum, n) => sum + n, 0), byAuthor };
      this.counts.delete(workshopId);
    }
    this.counts.set(workshopId, counts);
    if (this.counts.size > this.residentWorkshops) this.counts.delete(this.counts.keys().next().value!);
    return counts;
  }

  private async adjust(workshopId: string, participantId: string, delta: number): Promise<void> {
    const counts = await this.of(workshopId);
    counts.total += delta;
    const mine = (counts.byAuthor.get(participantId) ?? 0) + delta;
    if (mine > 0) counts.byAuthor.set(participantId, mine);
    else counts.byAuthor.delete(participantId);
  }

  async count(workshopId: string): Promise<number> {
    return (await this.of(workshopId)).total;
  }

  async countOf(workshopId: string, participantId: string): Promise<number> {
    return (await this.of(workshopId)).byAuthor.get(participantId) ?? 0;
  }

  /** Who holds a pending draft with this id (any workshop's: ids are global), or null. */
  authorOf(draftId: string): Promise<PendingDraftOwner | null> {
    return this.store.pendingAuthor(draftId);
  }

  /** One author's pending drafts, oldest first. */
  mine(workshopId: string, participantId: string): Promise<DraftRow[]> {
    return this.store.pendingOf(workshopId, participantId);
  }

  /** Every pending draft of the workshop, oldest first (for a reveal). */
  all(workshopId: string): Promise<DraftRow[]> {
    return this.store.pending(workshopId);
  }

  /** The anonymous drafts of a step waiting for their batch (see `ANONYMOUS_BATCH_AUTHORS`). */
  waitingAnonymous(workshopId: string, stepId: string): Promise<DraftRow[]> {
    return this.store.pendingAnonymous(workshopId, stepId);
  }

  /** Stores a new draft; false when its id is already taken (a retry of a draft stored before). */
  async add(draft: DraftRow): Promise<boolean> {
    await this.of(draft.workshopId); // counted from storage before the row is in it
    if (!(await this.store.add(draft))) return false;
    await this.adjust(draft.workshopId, draft.participantId, 1);
    return true;
  }

  /** Changes the text of one of the participant's pending drafts; false when there is none. */
  edit(draftId: string, participantId: string, text: string): Promise<boolean> {
    return this.store.edit(draftId, participantId, text);
  }

  async delete(workshopId: string, draftId: string, participantId: string): Promise<boolean> {
    await this.of(workshopId);
    if (!(await this.store.delete(draftId, participantId))) return false;
    await this.adjust(workshopId, participantId, -1);
    return true;
  }

  /**
   * Claims drafts for a reveal (their notes are on the board): the store marks each one revealed
   * once, whoever asks (anonymous ones lose their author there). Returns the ones this call claimed.
   */
  async claim(workshopId: string, written: readonly DraftRow[], now: number): Promise<DraftRow[]> {
    if (written.length === 0) return [];
    await this.of(workshopId);
    const claimed = await this.store.claim(
      workshopId,
      written.map((draft) => draft.id),
      now,
    );
    for (const draft of claimed) await this.adjust(workshopId, draft.participantId, -1);
    return claimed;
  }
}
