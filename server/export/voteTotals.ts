import type { VoteStore } from '../storage/ports';

/** What the export needs of the session: which vote round, if any, is still open. */
export interface OpenRoundSource {
  get(workshopId: string): Promise<{ vote: { roundId: string; status: 'open' | 'closed' } | null }>;
}

/**
 * Dots per note over the workshop's vote rounds, except the one still open: a round is blind
 * until the facilitator closes it, and an export must not reveal it early. The session keeps
 * only the latest round, so an earlier one is closed by then (or was replaced while open,
 * which the facilitator's new round ended just the same).
 */
export async function closedVoteTotals(votes: VoteStore, sessions: OpenRoundSource, workshopId: string): Promise<Map<string, number>> {
  const round = (await sessions.get(workshopId)).vote;
  return votes.closedTotals(workshopId, round?.status === 'open' ? round.roundId : null);
}
