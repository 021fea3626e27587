import type { DraftRow, Store } from '../storage/Store';

/** How many workshops' pending drafts stay in memory (SQLite has them all; a workshop that left is read back). */
const RESIDENT_WORKSHOPS = 200;

/** One workshop's pending drafts, by id and by author, in the order they were written. */
class WorkshopDrafts {
  readonly byId = new Map<string, DraftRow>();
  readonly byAuthor = new Map<string, Map<string, DraftRow>>();

  constructor(rows: readonly DraftRow[]) {
    for (const row of rows) this.add(row);
  }

  add(row: DraftRow): void {
    this.byId.set(row.id, row);
    let mine = this.byAuthor.get(row.participantId);
    if (!mine) {
      mine = new Map();
      this.byAuthor.set(row.participantId, mine);
    }
    mine.set(row.id, row);
  }

  remove(row: DraftRow): void {
    this.byId.delete(row.id);
    const mine = this.byAuthor.get(row.participantId);
    mine?.delete(row.id);
    if (mine?.size === 0) this.byAuthor.delete(row.participantId);
  }
}

/**
 * The pending (unrevealed) private drafts, kept in memory per workshop and written through to
 * SQLite. A draft command costs O(1) plus the author's own list, and a control connect the
 * connecting person's own list, instead of a read of every pending draft of the workshop.
 * The book is the drafts table's only writer in this process (a second server would need a
 * shared store or a lock per workshop).
 */
export class DraftBook {
  private readonly workshops = new Map<string, WorkshopDrafts>();

  constructor(
    private readonly store: Store,
    private readonly residentWorkshops = RESIDENT_WORKSHOPS,
  ) {}

  private of(workshopId: string): WorkshopDrafts {
    let drafts = this.workshops.get(workshopId);
    if (drafts)
      this.workshops.delete(workshopId); // most recently used last
    else drafts = new WorkshopDrafts(this.store.pendingDrafts(workshopId));
    this.workshops.set(workshopId, drafts);
    if (this.workshops.size > this.residentWorkshops) this.workshops.delete(this.workshops.keys().next().value!);
    return drafts;
  }

  count(workshopId: string): number {
    return this.of(workshopId).byId.size;
  }

  countOf(workshopId: string, participantId: string): number {
    return this.of(workshopId).byAuthor.get(participantId)?.size ?? 0;
  }

  get(workshopId: string, draftId: string): DraftRow | undefined {
    return this.of(workshopId).byId.get(draftId);
  }

  /** One author's pending drafts, oldest first. */
  mine(workshopId: string, participantId: string): DraftRow[] {
    return [...(this.of(workshopId).byAuthor.get(participantId)?.values() ?? [])];
  }

  /** Every pending draft of the workshop, oldest first. */
  all(workshopId: string): DraftRow[] {
    return [...this.of(workshopId).byId.values()];
  }

  /** Stores a new draft; false when its id is already taken (a draft revealed before, so a retry). */
  add(draft: DraftRow): boolean {
    const drafts = this.of(draft.workshopId);
    if (!this.store.addDraft(draft)) return false;
    drafts.add(draft);
    return true;
  }

  /** Changes the text of one of the participant's pending drafts; false when there is none. */
  edit(workshopId: string, draftId: string, participantId: string, text: string): boolean {
    const draft = this.of(workshopId).byId.get(draftId);
    if (draft?.participantId !== participantId || !this.store.editDraft(draftId, participantId, text)) return false;
    draft.text = text;
    return true;
  }

  delete(workshopId: string, draftId: string, participantId: string): boolean {
    const drafts = this.of(workshopId);
    const draft = drafts.byId.get(draftId);
    if (draft?.participantId !== participantId || !this.store.deleteDraft(draftId, participantId)) return false;
    drafts.remove(draft);
    return true;
  }

  /** Marks drafts revealed (their notes are on the board); anonymous ones lose their author in SQLite. */
  markRevealed(workshopId: string, revealed: readonly DraftRow[], now: number): void {
    if (revealed.length === 0) return;
    this.store.markRevealed(revealed, now);
    const drafts = this.of(workshopId);
    for (const draft of revealed) drafts.remove(draft);
  }
}
