import type Database from 'better-sqlite3';

/** What the export needs of the session: which vote round, if any, is still open. */
export interface OpenRoundSource {
  get(workshopId: string): { vote: { roundId: string; status: 'open' | 'closed' } | null };
}

const statements = new WeakMap<Database.Database, Database.Statement>();

function totalsStatement(db: Database.Database): Database.Statement {
  let statement = statements.get(db);
  if (!statement) {
    // `IS NOT`: with no open round the parameter is NULL and every round counts.
    statement = db.prepare(
      'SELECT note_id AS noteId, sum(dots) AS dots FROM votes WHERE workshop_id = ? AND round_id IS NOT ? GROUP BY note_id',
    );
    statements.set(db, statement);
  }
  return statement;
}

/**
 * Dots per note over the workshop's vote rounds, except the one still open: a round is blind
 * until the facilitator closes it, and an export must not reveal it early. The session keeps
 * only the latest round, so an earlier one is closed by then (or was replaced while open,
 * which the facilitator's new round ended just the same).
 */
export function closedVoteTotals(db: Database.Database, sessions: OpenRoundSource, workshopId: string): Map<string, number> {
  const round = sessions.get(workshopId).vote;
  const openRoundId = round?.status === 'open' ? round.roundId : null;
  const rows = totalsStatement(db).all(workshopId, openRoundId) as { noteId: string; dots: number }[];
  return new Map(rows.map((row) => [row.noteId, row.dots]));
}
