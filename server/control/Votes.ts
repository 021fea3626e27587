import { readNote } from '../../lib/board';
import { newId } from '../../lib/ids';
import { fail, ok, type Result } from '../../lib/result';
import type { VoteCommand } from '../../lib/session/commands';
import type { MyVotes } from '../../lib/session/drafts';
import { currentStep, type SessionState } from '../../lib/session/state';
import type { Identity } from '../identity';
import type { VoteOutcome, VoteStore } from '../storage/ports';
import type { RoomRegistry } from '../yjs/RoomRegistry';
import { activePersonaId } from './activePersona';
import { refusalText } from '../../lib/refusals';

/**
 * Dot voting, enforced by the server: a round is open or closed, each participant has a
 * budget (checked by the store in the transaction that writes the dot, so two casts at once,
 * on any instance, never overspend), and tallies stay on the server until the round closes.
 */
export class Votes {
  constructor(
    private readonly store: VoteStore,
    private readonly rooms: RoomRegistry,
  ) {}

  /** The new session state for an open or close command. */
  async reduce(
    identity: Identity,
    command: Exclude<VoteCommand, { type: 'vote.cast' }>,
    session: SessionState,
  ): Promise<Result<SessionState>> {
    if (command.type === 'vote.open') {
      const personaId = await activePersonaId(this.rooms, identity.workshopId, session);
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
    if (session.vote?.status !== 'open') return fail(refusalText('noVoteOpen'));
    const results = await this.store.tally(session.vote.roundId);
    return ok({ ...session, vote: { ...session.vote, status: 'closed', results }, revision: session.revision + 1 });
  }

  async cast(identity: Identity, command: Extract<VoteCommand, { type: 'vote.cast' }>, session: SessionState): Promise<Result<void>> {
    const round = session.vote;
    if (!round || round.status !== 'open') return fail(refusalText('votingClosed'));
    // One map lookup, not a parse of every note on the board: casting a dot is a hot path.
    const note = await this.rooms.readWarm(identity.workshopId, (doc) => readNote(doc, command.noteId));
    if (!note) return fail(refusalText('voteNoteGone'));
    if ((round.personaId && note.personaId !== round.personaId) || (round.quadrant && note.quadrant !== round.quadrant)) {
      return fail(refusalText('noteNotInVote'));
    }
    const outcome = await this.store.cast(identity.workshopId, round.roundId, identity.participantId, command.noteId, command.delta, {
      budget: round.budget,
      allowMultiplePerNote: round.allowMultiplePerNote,
    });
    return outcome === 'ok' ? ok(undefined) : fail(refusal(outcome, round.budget));
  }

  async mine(session: SessionState, participantId: string): Promise<MyVotes | null> {
    const round = session.vote;
    if (!round) return null;
    const dots = await this.store.mine(round.roundId, participantId);
    const spent = Object.values(dots).reduce((sum, n) => sum + n, 0);
    return { roundId: round.roundId, dots, remaining: Math.max(0, round.budget - spent) };
  }
}

function refusal(outcome: Exclude<VoteOutcome, 'ok'>, budget: number): string {
  if (outcome === 'budget-spent') return refusalText('dotsSpent', { count: budget });
  if (outcome === 'one-per-note') return refusalText('oneDotPerNote');
  return refusalText('noDotOnNote');
}
