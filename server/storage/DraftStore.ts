import type Database from 'better-sqlite3';
import type { DraftKind } from '../../lib/session/drafts';

export interface DraftRow {
  id: string;
  workshopId: string;
  participantId: string;
  stepId: string;
  /** What the draft becomes at the reveal: a map note, a journey note, a question or an action. */
  kind: DraftKind;
  personaId: string;
  /** A map note's quadrant (a journey note keeps one too, unused, as on the board); '' for questions and actions. */
  quadrant: string;
  /** A journey note's step; null for every other kind. */
  journeyStepId: string | null;
  text: string;
  color: string;
  isAnonymous: boolean;
  createdAt: number;
}

/**
 * Private drafts in SQLite: pending until revealed, then kept (their id makes a retried
 * `draft.add` a no-op) with an anonymous draft's author cleared. Reads are by index: one
 * participant's pending drafts, or a workshop's counts, never a scan for a single command.
 */
export class DraftStore {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      insert: db.prepare(
        `INSERT OR IGNORE INTO drafts (id, workshop_id, participant_id, step_id, kind, persona_id, quadrant, journey_step_id, text, color, is_anonymous, created_at)
         VALUES (@id, @workshopId, @participantId, @stepId, @kind, @personaId, @quadrant, @journeyStepId, @text, @color, @isAnonymous, @createdAt)`,
      ),
      editDraft: db.prepare('UPDATE drafts SET text = ? WHERE id = ? AND participant_id = ? AND revealed_at IS NULL'),
      deleteDraft: db.prepare('DELETE FROM drafts WHERE id = ? AND participant_id = ? AND revealed_at IS NULL'),
      pendingDrafts: db.prepare(
        `SELECT id, workshop_id AS workshopId, participant_id AS participantId, step_id AS stepId, kind, persona_id AS personaId, quadrant,
                journey_step_id AS journeyStepId, text, color,
                is_anonymous AS isAnonymous, created_at AS createdAt
           FROM drafts WHERE workshop_id = ? AND revealed_at IS NULL ORDER BY created_at, id`,
      ),
      pendingAnonymous: db.prepare(
        `SELECT id, workshop_id AS workshopId, participant_id AS participantId, step_id AS stepId, kind, persona_id AS personaId, quadrant,
                journey_step_id AS journeyStepId, text, color,
                is_anonymous AS isAnonymous, created_at AS createdAt
           FROM drafts WHERE workshop_id = ? AND revealed_at IS NULL AND is_anonymous = 1 AND step_id = ? ORDER BY created_at, id`,
      ),
      pendingDraftsOf: db.prepare(
        `SELECT id, workshop_id AS workshopId, participant_id AS participantId, step_id AS stepId, kind, persona_id AS personaId, quadrant,
                journey_step_id AS journeyStepId, text, color,
                is_anonymous AS isAnonymous, created_at AS createdAt
           FROM drafts WHERE workshop_id = ? AND participant_id = ? AND revealed_at IS NULL ORDER BY created_at, id`,
      ),
      pendingDraftCounts: db.prepare(
        `SELECT participant_id AS participantId, count(*) AS n FROM drafts
          WHERE workshop_id = ? AND revealed_at IS NULL GROUP BY participant_id`,
      ),
      pendingDraftAuthor: db.prepare(
        'SELECT workshop_id AS workshopId, participant_id AS participantId, kind FROM drafts WHERE id = ? AND revealed_at IS NULL',
      ),
      markRevealed: db.prepare('UPDATE drafts SET revealed_at = ? WHERE id = ?'),
      // An anonymous note keeps no link to its author once it is on the board.
      markRevealedAnonymous: db.prepare('UPDATE drafts SET revealed_at = ?, participant_id = NULL WHERE id = ?'),
    };
  }

  /** Stores a new draft; false when a draft with this id exists already (pending or revealed). */
  add(draft: DraftRow): boolean {
    return this.stmts.insert.run({ ...draft, isAnonymous: draft.isAnonymous ? 1 : 0 }).changes > 0;
  }

  /** Changes an unrevealed draft of this participant; false when there is none. */
  edit(draftId: string, participantId: string, text: string): boolean {
    return this.stmts.editDraft.run(text, draftId, participantId).changes > 0;
  }

  delete(draftId: string, participantId: string): boolean {
    return this.stmts.deleteDraft.run(draftId, participantId).changes > 0;
  }

  /** Every pending draft of a workshop, oldest first. */
  pending(workshopId: string): DraftRow[] {
    return toDraftRows(this.stmts.pendingDrafts.all(workshopId));
  }

  /**
   * The anonymous drafts of one step still waiting for their batch (an anonymous step that is not
   * private publishes them once they hold notes of enough people): a few at a time, by construction.
   */
  pendingAnonymous(workshopId: string, stepId: string): DraftRow[] {
    return toDraftRows(this.stmts.pendingAnonymous.all(workshopId, stepId));
  }

  /** One participant's pending drafts, oldest first (an index lookup, not a scan of the workshop's). */
  pendingOf(workshopId: string, participantId: string): DraftRow[] {
    return toDraftRows(this.stmts.pendingDraftsOf.all(workshopId, participantId));
  }

  /** How many drafts each participant has pending in a workshop. */
  pendingCounts(workshopId: string): Map<string, number> {
    const rows = this.stmts.pendingDraftCounts.all(workshopId) as { participantId: string; n: number }[];
    return new Map(rows.map((row) => [row.participantId, row.n]));
  }

  /** Who holds a pending draft with this id, and its kind; null when none is pending. */
  pendingAuthor(draftId: string): PendingDraftOwner | null {
    return (this.stmts.pendingDraftAuthor.get(draftId) as PendingDraftOwner | undefined) ?? null;
  }

  /**
   * Marks drafts revealed. The row stays (its id makes a retried `draft.add` a no-op), but an
   * anonymous draft's author is forgotten: nothing in the database links its note to a person.
   */
  markRevealed(drafts: readonly Pick<DraftRow, 'id' | 'isAnonymous'>[], now: number): void {
    this.db.transaction(() => {
      for (const draft of drafts) (draft.isAnonymous ? this.stmts.markRevealedAnonymous : this.stmts.markRevealed).run(now, draft.id);
    })();
  }
}

export interface PendingDraftOwner {
  workshopId: string;
  participantId: string;
  kind: DraftKind;
}

function toDraftRows(rows: unknown[]): DraftRow[] {
  return (rows as (Omit<DraftRow, 'isAnonymous'> & { isAnonymous: number })[]).map((row) => ({
    ...row,
    isAnonymous: row.isAnonymous === 1,
  }));
}
