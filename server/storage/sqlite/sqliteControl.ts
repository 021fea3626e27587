import type Database from 'better-sqlite3';
import type { DraftStore } from '../DraftStore';
import type { ClaimedDraft, DraftRow, DraftStorePort, SessionStore, StoredSession, VoteOutcome, VoteRules, VoteStore } from '../ports';
import { voteOutcome } from '../voteRule';

/**
 * The control plane's stores over SQLite: sessions (compare-and-set on the revision), votes (the
 * budget checked in the writing transaction) and drafts (claimed once for a reveal). Writes that
 * decide on what they read run in `BEGIN IMMEDIATE` transactions, so a second process on the same
 * file waits for the write lock instead of deciding on a stale read.
 */

export function sqliteSessions(db: Database.Database): SessionStore {
  const load = db.prepare('SELECT state, revision FROM sessions WHERE workshop_id = ?');
  const insert = db.prepare('INSERT INTO sessions (workshop_id, state, revision) VALUES (?, ?, ?) ON CONFLICT (workshop_id) DO NOTHING');
  const update = db.prepare('UPDATE sessions SET state = ?, revision = ? WHERE workshop_id = ? AND revision = ?');
  return {
    async load(workshopId) {
      return (load.get(workshopId) as StoredSession | undefined) ?? null;
    },
    async compareAndSet(workshopId, expectedRevision, next) {
      const result =
        expectedRevision === null
          ? insert.run(workshopId, next.state, next.revision)
          : update.run(next.state, next.revision, workshopId, expectedRevision);
      return result.changes > 0;
    },
  };
}

export function sqliteVotes(db: Database.Database): VoteStore {
  const mine = db.prepare('SELECT note_id AS noteId, dots FROM votes WHERE round_id = ? AND participant_id = ?');
  const set = db.prepare(
    `INSERT INTO votes (workshop_id, round_id, participant_id, note_id, dots) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (round_id, participant_id, note_id) DO UPDATE SET dots = excluded.dots`,
  );
  const clear = db.prepare('DELETE FROM votes WHERE round_id = ? AND participant_id = ? AND note_id = ?');
  const tally = db.prepare('SELECT note_id AS noteId, sum(dots) AS dots FROM votes WHERE round_id = ? GROUP BY note_id');
  // `IS NOT`: with no open round the parameter is NULL and every round counts.
  const closed = db.prepare(
    'SELECT note_id AS noteId, sum(dots) AS dots FROM votes WHERE workshop_id = ? AND round_id IS NOT ? GROUP BY note_id',
  );
  const dotsOf = (roundId: string, participantId: string) => toRecord(mine.all(roundId, participantId));
  const cast = db.transaction(
    (workshopId: string, roundId: string, participantId: string, noteId: string, delta: 1 | -1, rules: VoteRules): VoteOutcome => {
      const dots = dotsOf(roundId, participantId);
      const outcome = voteOutcome(dots, noteId, delta, rules);
      if (outcome !== 'ok') return outcome;
      const next = (dots[noteId] ?? 0) + delta;
      if (next > 0) set.run(workshopId, roundId, participantId, noteId, next);
      else clear.run(roundId, participantId, noteId);
      return 'ok';
    },
  );
  return {
    async cast(workshopId, roundId, participantId, noteId, delta, rules) {
      return cast.immediate(workshopId, roundId, participantId, noteId, delta, rules);
    },
    async mine(roundId, participantId) {
      return dotsOf(roundId, participantId);
    },
    async tally(roundId) {
      return toRecord(tally.all(roundId));
    },
    async closedTotals(workshopId, openRoundId) {
      const rows = closed.all(workshopId, openRoundId) as { noteId: string; dots: number }[];
      return new Map(rows.map((row) => [row.noteId, row.dots]));
    },
  };
}

function toRecord(rows: unknown[]): Record<string, number> {
  return Object.fromEntries((rows as { noteId: string; dots: number }[]).map((row) => [row.noteId, row.dots]));
}

export function sqliteDrafts(db: Database.Database, drafts: DraftStore): DraftStorePort {
  const pendingOne = db.prepare(
    `SELECT id, workshop_id AS workshopId, participant_id AS participantId, step_id AS stepId, kind, persona_id AS personaId, quadrant,
            journey_step_id AS journeyStepId, text, color,
            is_anonymous AS isAnonymous, created_at AS createdAt
       FROM drafts WHERE id = ? AND workshop_id = ? AND revealed_at IS NULL`,
  );
  // An anonymous note keeps no link to its author once it is on the board.
  const markRevealed = db.prepare(
    'UPDATE drafts SET revealed_at = ?, participant_id = CASE WHEN is_anonymous = 1 THEN NULL ELSE participant_id END WHERE id = ? AND revealed_at IS NULL',
  );
  const claim = db.transaction((workshopId: string, draftIds: readonly string[], now: number): ClaimedDraft[] => {
    const claimed: ClaimedDraft[] = [];
    for (const id of new Set(draftIds)) {
      const row = pendingOne.get(id, workshopId) as (Omit<DraftRow, 'isAnonymous'> & { isAnonymous: number }) | undefined;
      if (row && markRevealed.run(now, id).changes > 0) claimed.push({ ...row, isAnonymous: row.isAnonymous === 1 });
    }
    return claimed.sort((x, y) => x.createdAt - y.createdAt || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  });
  return {
    add: async (draft) => drafts.add(draft),
    edit: async (draftId, participantId, text) => drafts.edit(draftId, participantId, text),
    delete: async (draftId, participantId) => drafts.delete(draftId, participantId),
    pending: async (workshopId) => drafts.pending(workshopId),
    pendingOf: async (workshopId, participantId) => drafts.pendingOf(workshopId, participantId),
    pendingCounts: async (workshopId) => drafts.pendingCounts(workshopId),
    pendingAuthor: async (draftId) => drafts.pendingAuthor(draftId),
    pendingAnonymous: async (workshopId, stepId) => drafts.pendingAnonymous(workshopId, stepId),
    claim: async (workshopId, draftIds, now) => claim.immediate(workshopId, draftIds, now),
  };
}
