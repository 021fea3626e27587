import { readNote } from '../../lib/board';
import { newId } from '../../lib/ids';
import { fail, ok, type Result } from '../../lib/result';
import type { VoteCommand } from '../../lib/session/commands';
import type { MyVotes } from '../../lib/session/drafts';
import { currentStep, type SessionState } from '../../lib/session/state';
import type { Identity } from '../identity';
import type { Store } from '../storage/Store';
import type { RoomRegistry } from '../yjs/RoomRegistry';
import { activePersonaId } from './activePersona';

/**
 * Dot voting, enforced by the server: a round is open or closed, each participant has a
 * budget, and tallies stay on the server until the facilitator closes the round.
 */
export class Votes {
  constructor(
    private readonly store: Store,
    private readonly rooms: RoomRegistry,
  ) {}

  /** The new session state for an open or close command. */
  reduce(identity: Identity, command: Exclude<VoteCommand, { type: 'vote.cast' }>, session: SessionState): Result<SessionState> {
    if (command.type === 'vote.open') {
      const personaId = activePersonaId(this.rooms, identity.workshopId, session);
      const vote = {
        roundId: newId(),
        status: 'open' as const,
        personaId,
        quadrant: command.quadrant,
        budget: command.budget ?? currentStep(session).voteBudget,
        allowMultiplePerNote: command.allowMultiplePerNote,
        results: null,
      };
      return ok({ ...session, vote, revision: session.revision + 1 });
    }
    if (session.vote?.status !== 'open') return fail('No vote round is open.');
    const results = this.store.tally(session.vote.roundId);
    return ok({ ...session, vote: { ...session.vote, status: 'closed', results }, revision: session.revision + 1 });
  }

  cast(identity: Identity, command: Extract<VoteCommand, { type: 'vote.cast' }>, session: SessionState): Result<void> {
    const round = session.vote;
    if (!round || round.status !== 'open') return fail('Voting is closed.');
    // One map lookup, not a parse of every note on the board: casting a dot is a hot path.
    const note = this.rooms.readWarm(identity.workshopId, (doc) => readNote(doc, command.noteId));
    if (!note) return fail('That note no longer exists.');
    if ((round.personaId && note.personaId !== round.personaId) || (round.quadrant && note.quadrant !== round.quadrant)) {
      return fail('That note is not part of this vote.');
    }
    const mine = this.store.votesOf(round.roundId, identity.participantId);
    const onNote = mine[command.noteId] ?? 0;
    const spent = Object.values(mine).reduce((sum, dots) => sum + dots, 0);
    if (command.delta === 1) {
      if (spent >= round.budget) return fail(`You have used all ${round.budget} dots.`);
      if (onNote >= 1 && !round.allowMultiplePerNote) return fail('One dot per note in this round.');
    } else if (onNote === 0) return fail('You have no dot on that note.');
    this.store.setVote(identity.workshopId, round.roundId, identity.participantId, command.noteId, onNote + command.delta);
    return ok(undefined);
  }

  mine(session: SessionState, participantId: string): MyVotes | null {
    const round = session.vote;
    if (!round) return null;
    const dots = this.store.votesOf(round.roundId, participantId);
    const spent = Object.values(dots).reduce((sum, n) => sum + n, 0);
    return { roundId: round.roundId, dots, remaining: Math.max(0, round.budget - spent) };
  }
}
