import type pg from 'pg';
import type { PendingDraftOwner } from '../DraftStore';
import type { DraftRow, DraftStorePort, SessionStore, StoredSession, VoteStore } from '../ports';
import { voteOutcome } from '../voteRule';
import { inTransaction, type Queryable } from './pgClient';

/**
 * The control plane's stores in PostgreSQL. Each rule several instances could break by reading,
 * deciding and writing apart is one conditional statement or one transaction holding a row lock:
 * the session's revision, a participant's dots in a round, a draft's `revealed_at`.
 */

export function pgSessions(pool: pg.Pool): SessionStore {
  return {
    load: async (workshopId) =>
      (await pool.query<StoredSession>('SELECT state, revision FROM sessions WHERE workshop_id = $1', [workshopId])).rows[0] ?? null,
    compareAndSet: async (workshopId, expectedRevision, next) => {
      const result =
        expectedRevision === null
          ? await pool.query(
              'INSERT INTO sessions (workshop_id, state, revision) VALUES ($1, $2, $3) ON CONFLICT (workshop_id) DO NOTHING',
              [workshopId, next.state, next.revision],
            )
          : await pool.query('UPDATE sessions SET state = $1, revision = $2 WHERE workshop_id = $3 AND revision = $4', [
              next.state,
              next.revision,
              workshopId,
              expectedRevision,
            ]);
      return result.rowCount !== 0;
    },
  };
}

async function dotsOf(client: Queryable, roundId: string, participantId: string): Promise<Record<string, number>> {
  const { rows } = await client.query<{ noteId: string; dots: number }>(
    'SELECT note_id AS "noteId", dots FROM votes WHERE round_id = $1 AND participant_id = $2',
    [roundId, participantId],
  );
  return Object.fromEntries(rows.map((row) => [row.noteId, row.dots]));
}

export function pgVotes(pool: pg.Pool): VoteStore {
  return {
    cast: (workshopId, roundId, participantId, noteId, delta, rules) =>
      inTransaction(pool, async (client) => {
        // One participant's casts queue on their row (other writers' foreign-key checks do not).
        const locked = await client.query('SELECT 1 FROM participants WHERE id = $1 FOR NO KEY UPDATE', [participantId]);
        if (locked.rowCount === 0) throw new Error(`no participant ${participantId}`);
        const dots = await dotsOf(client, roundId, participantId);
        const outcome = voteOutcome(dots, noteId, delta, rules);
        if (outcome !== 'ok') return outcome;
        const next = (dots[noteId] ?? 0) + delta;
        if (next > 0) {
          await client.query(
            `INSERT INTO votes (workshop_id, round_id, participant_id, note_id, dots) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (round_id, participant_id, note_id) DO UPDATE SET dots = excluded.dots`,
            [workshopId, roundId, participantId, noteId, next],
          );
        } else {
          await client.query('DELETE FROM votes WHERE round_id = $1 AND participant_id = $2 AND note_id = $3', [
            roundId,
            participantId,
            noteId,
          ]);
        }
        return outcome;
      }),
    mine: (roundId, participantId) => dotsOf(pool, roundId, participantId),
    tally: async (roundId) => {
      const { rows } = await pool.query<{ noteId: string; dots: number }>(
        'SELECT note_id AS "noteId", sum(dots)::bigint AS dots FROM votes WHERE round_id = $1 GROUP BY note_id',
        [roundId],
      );
      return Object.fromEntries(rows.map((row) => [row.noteId, row.dots]));
    },
    closedTotals: async (workshopId, openRoundId) => {
      const { rows } = await pool.query<{ noteId: string; dots: number }>(
        `SELECT note_id AS "noteId", sum(dots)::bigint AS dots FROM votes
          WHERE workshop_id = $1 AND round_id IS DISTINCT FROM $2 GROUP BY note_id`,
        [workshopId, openRoundId],
      );
      return new Map(rows.map((row) => [row.noteId, row.dots]));
    },
  };
}

const DRAFT = `d.id, d.workshop_id AS "workshopId", d.participant_id AS "participantId", d.step_id AS "stepId", d.kind,
  d.persona_id AS "personaId", d.quadrant, d.journey_step_id AS "journeyStepId", d.text, d.color, d.is_anonymous AS "isAnonymous",
  d.created_at AS "createdAt"`;

export function pgDrafts(pool: pg.Pool): DraftStorePort {
  const drafts = async (sql: string, values: unknown[]) => (await pool.query<DraftRow>(sql, values)).rows;
  const changed = async (sql: string, values: unknown[]) => (await pool.query(sql, values)).rowCount !== 0;
  return {
    add: (draft) =>
      changed(
        `INSERT INTO drafts (id, workshop_id, participant_id, step_id, kind, persona_id, quadrant, journey_step_id, text, color, is_anonymous, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (id) DO NOTHING`,
        [
          draft.id,
          draft.workshopId,
          draft.participantId,
          draft.stepId,
          draft.kind,
          draft.personaId,
          draft.quadrant,
          draft.journeyStepId,
          draft.text,
          draft.color,
          draft.isAnonymous,
          draft.createdAt,
        ],
      ),
    edit: (draftId, participantId, text) =>
      changed('UPDATE drafts SET text = $1 WHERE id = $2 AND participant_id = $3 AND revealed_at IS NULL', [text, draftId, participantId]),
    delete: (draftId, participantId) =>
      changed('DELETE FROM drafts WHERE id = $1 AND participant_id = $2 AND revealed_at IS NULL', [draftId, participantId]),
    pending: (workshopId) =>
      drafts(`SELECT ${DRAFT} FROM drafts d WHERE d.workshop_id = $1 AND d.revealed_at IS NULL ORDER BY d.created_at, d.id`, [workshopId]),
    pendingOf: (workshopId, participantId) =>
      drafts(
        `SELECT ${DRAFT} FROM drafts d WHERE d.workshop_id = $1 AND d.participant_id = $2 AND d.revealed_at IS NULL ORDER BY d.created_at, d.id`,
        [workshopId, participantId],
      ),
    pendingAnonymous: (workshopId, stepId) =>
      drafts(
        `SELECT ${DRAFT} FROM drafts d WHERE d.workshop_id = $1 AND d.revealed_at IS NULL AND d.is_anonymous AND d.step_id = $2
          ORDER BY d.created_at, d.id`,
        [workshopId, stepId],
      ),
    pendingCounts: async (workshopId) => {
      const { rows } = await pool.query<{ participantId: string; n: number }>(
        `SELECT participant_id AS "participantId", count(*) AS n FROM drafts
          WHERE workshop_id = $1 AND revealed_at IS NULL GROUP BY participant_id`,
        [workshopId],
      );
      return new Map(rows.map((row) => [row.participantId, row.n]));
    },
    pendingAuthor: async (draftId) =>
      (
        await pool.query<PendingDraftOwner>(
          'SELECT workshop_id AS "workshopId", participant_id AS "participantId", kind FROM drafts WHERE id = $1 AND revealed_at IS NULL',
          [draftId],
        )
      ).rows[0] ?? null,
    claim: async (workshopId, draftIds, now) => {
      if (draftIds.length === 0) return [];
      // FOR UPDATE waits for a racing claim and re-checks `revealed_at IS NULL` after it: each
      // draft goes to one claimer. Rows locked in id order, so two claims never deadlock.
      const rows = await drafts(
        `WITH claimed AS (
           SELECT id, participant_id FROM drafts
            WHERE workshop_id = $1 AND id = ANY($2::text[]) AND revealed_at IS NULL ORDER BY id FOR UPDATE
         )
         UPDATE drafts d SET revealed_at = $3, participant_id = CASE WHEN d.is_anonymous THEN NULL ELSE d.participant_id END
           FROM claimed c WHERE d.id = c.id AND d.revealed_at IS NULL
         RETURNING ${DRAFT.replace('d.participant_id', 'c.participant_id')}`,
        [workshopId, [...new Set(draftIds)], now],
      );
      return rows.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
  };
}
