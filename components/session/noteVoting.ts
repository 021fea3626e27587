import type { MyVotes } from '../../lib/session/drafts';
import type { SessionState } from '../../lib/session/state';
import type { NoteVoting } from '../board/types';
import type { SendCommand } from './useCommand';

/**
 * The board's view of the vote round. `canCast` is false on the presenter: it shows totals
 * after the round, never anyone's dots during it.
 */
export function noteVoting(
  session: SessionState | null,
  myVotes: MyVotes | null,
  send: SendCommand,
  canCast: boolean,
  onError: (message: string | null) => void = () => undefined,
): NoteVoting | undefined {
  const round = session?.vote;
  if (!round) return undefined;
  const isCurrent = myVotes?.roundId === round.roundId;
  return {
    isOpen: round.status === 'open' && canCast,
    myDots: isCurrent ? myVotes.dots : {},
    results: round.status === 'closed' ? round.results : null,
    isEligible: (note) => (!round.personaId || note.personaId === round.personaId) && (!round.quadrant || note.quadrant === round.quadrant),
    cast: (noteId, delta) => void send({ type: 'vote.cast', noteId, delta }).then((reply) => onError(reply.ok ? null : reply.error)),
  };
}

/** Dots left in the open round for this participant. */
export function dotsLeft(session: SessionState | null, myVotes: MyVotes | null): number | null {
  const round = session?.vote;
  if (round?.status !== 'open') return null;
  return myVotes?.roundId === round.roundId ? myVotes.remaining : round.budget;
}
