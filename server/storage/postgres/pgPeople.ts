import type pg from 'pg';
import type { ClientBinding, ClientIdBindings, ParticipantRow, ParticipantStore, WorkshopRow, WorkshopStore } from '../ports';
import { inTransaction } from './pgClient';

const WORKSHOP = 'w.id, w.code, w.title, w.key_hash AS "keyHash", w.created_at AS "createdAt"';
const PARTICIPANT = 'p.id, p.workshop_id AS "workshopId", p.name, p.role, p.created_at AS "createdAt"';
const UNIQUE_VIOLATION = '23505';

/** Workshops and their room codes (current and retired) in PostgreSQL. */
export function pgWorkshops(pool: pg.Pool): WorkshopStore {
  const one = async (sql: string, value: string) => (await pool.query<WorkshopRow>(sql, [value])).rows[0] ?? null;
  return {
    create: (workshop, facilitator, initialUpdate, serverClientIds) =>
      inTransaction(pool, async (client) => {
        await client.query('INSERT INTO workshops (id, code, title, key_hash, created_at, doc_seq) VALUES ($1, $2, $3, $4, $5, 1)', [
          workshop.id,
          workshop.code,
          workshop.title,
          workshop.keyHash,
          workshop.createdAt,
        ]);
        await insertParticipant(client, facilitator);
        await client.query('INSERT INTO doc_updates (workshop_id, seq, data) VALUES ($1, 1, $2)', [workshop.id, initialUpdate]);
        await bindFree(client, workshop.id, serverClientIds, null, workshop.createdAt);
      }),
    byId: (workshopId) => one(`SELECT ${WORKSHOP} FROM workshops w WHERE w.id = $1`, workshopId),
    byCode: (code) => one(`SELECT ${WORKSHOP} FROM workshops w WHERE w.code = $1`, code),
    byRetiredCode: (code) =>
      one(`SELECT ${WORKSHOP} FROM retired_codes r JOIN workshops w ON w.id = r.workshop_id WHERE r.code = $1`, code),
    rotateCode: async (workshopId, fromCode, newCode, now) => {
      try {
        return await inTransaction(pool, async (client) => {
          const taken = await client.query('SELECT 1 FROM retired_codes WHERE code = $1', [newCode]);
          if (taken.rowCount !== 0) return false;
          // Compare and set on the code itself: of two instances rotating at once, one wins.
          const set = await client.query('UPDATE workshops SET code = $1 WHERE id = $2 AND code = $3', [newCode, workshopId, fromCode]);
          if (set.rowCount === 0) return false;
          await client.query('INSERT INTO retired_codes (code, workshop_id, retired_at) VALUES ($1, $2, $3)', [fromCode, workshopId, now]);
          return true;
        });
      } catch (error) {
        // The new code was taken meanwhile (by another workshop or rotation): draw another.
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) return false;
        throw error;
      }
    },
  };
}

async function insertParticipant(client: pg.PoolClient, participant: ParticipantRow): Promise<void> {
  await client.query('INSERT INTO participants (id, workshop_id, name, role, created_at) VALUES ($1, $2, $3, $4, $5)', [
    participant.id,
    participant.workshopId,
    participant.name,
    participant.role,
    participant.createdAt,
  ]);
}

/** Participants and their tokens (only hashes are stored). */
export function pgParticipants(pool: pg.Pool): ParticipantStore {
  const rows = async (sql: string, values: unknown[]) => (await pool.query<ParticipantRow>(sql, values)).rows;
  return {
    add: (participant, tokenHash) =>
      inTransaction(pool, async (client) => {
        await insertParticipant(client, participant);
        await client.query('INSERT INTO tokens (hash, participant_id, created_at) VALUES ($1, $2, $3)', [
          tokenHash,
          participant.id,
          participant.createdAt,
        ]);
      }),
    addToken: async (participantId, tokenHash, now) => {
      await pool.query('INSERT INTO tokens (hash, participant_id, created_at) VALUES ($1, $2, $3)', [tokenHash, participantId, now]);
    },
    byTokenHash: async (tokenHash) =>
      (
        await rows(
          `SELECT ${PARTICIPANT} FROM tokens t JOIN participants p ON p.id = t.participant_id
            WHERE t.hash = $1 AND t.revoked_at IS NULL AND p.removed_at IS NULL`,
          [tokenHash],
        )
      )[0] ?? null,
    isActive: async (participantId, workshopId) =>
      (
        await pool.query('SELECT 1 FROM participants WHERE id = $1 AND workshop_id = $2 AND removed_at IS NULL', [
          participantId,
          workshopId,
        ])
      ).rowCount !== 0,
    count: async (workshopId) => {
      const { rows: counted } = await pool.query<{ n: number }>(
        "SELECT count(*) AS n FROM participants WHERE workshop_id = $1 AND role = 'participant' AND removed_at IS NULL",
        [workshopId],
      );
      return counted[0]!.n;
    },
    list: (workshopId) =>
      rows(`SELECT ${PARTICIPANT} FROM participants p WHERE p.workshop_id = $1 AND p.removed_at IS NULL ORDER BY p.created_at, p.id`, [
        workshopId,
      ]),
    facilitatorOf: async (workshopId) =>
      (await rows(`SELECT ${PARTICIPANT} FROM participants p WHERE p.workshop_id = $1 AND p.role = 'facilitator'`, [workshopId]))[0] ??
      null,
    remove: (participantId, now) =>
      inTransaction(pool, async (client) => {
        const removed = await client.query('UPDATE participants SET removed_at = $1 WHERE id = $2 AND removed_at IS NULL', [
          now,
          participantId,
        ]);
        await client.query('UPDATE tokens SET revoked_at = $1 WHERE participant_id = $2 AND revoked_at IS NULL', [now, participantId]);
        return removed.rowCount !== 0;
      }),
  };
}

async function bindFree(
  client: pg.Pool | pg.PoolClient,
  workshopId: string,
  clientIds: readonly number[],
  participantId: string | null,
  now: number,
): Promise<void> {
  if (clientIds.length === 0) return;
  // In id order: two binders of overlapping ids wait for each other in one order, never deadlock.
  await client.query(
    `INSERT INTO yjs_clients (workshop_id, client_id, participant_id, bound_at)
     SELECT $1, id, $3, $4 FROM unnest($2::bigint[]) AS id ORDER BY id ON CONFLICT DO NOTHING`,
    [workshopId, [...new Set(clientIds)], participantId, now],
  );
}

/** Yjs client ids, bound first-writer-wins: the primary key decides between racing instances. */
export function pgClientIds(pool: pg.Pool): ClientIdBindings {
  return {
    bindingsOf: async (workshopId) =>
      (
        await pool.query<ClientBinding>(
          'SELECT client_id AS "clientId", participant_id AS "participantId" FROM yjs_clients WHERE workshop_id = $1 ORDER BY bound_at, client_id',
          [workshopId],
        )
      ).rows,
    bind: async (workshopId, clientIds, participantId, now) => {
      if (clientIds.length === 0) return [];
      // Two statements on purpose: the INSERT waits for a racing binder's commit, and only a
      // statement started after it sees that binder's row.
      await bindFree(pool, workshopId, clientIds, participantId, now);
      const { rows } = await pool.query<ClientBinding>(
        'SELECT client_id AS "clientId", participant_id AS "participantId" FROM yjs_clients WHERE workshop_id = $1 AND client_id = ANY($2::bigint[])',
        [workshopId, [...new Set(clientIds)]],
      );
      const byId = new Map(rows.map((row) => [row.clientId, row]));
      return [...new Set(clientIds)].map((clientId) => byId.get(clientId)!);
    },
  };
}
