import type { RosterEntry } from '../../lib/wire';

/** The participants who can own an action, from the roster. */
export function people(roster: RosterEntry[]): { participantId: string; name: string }[] {
  return roster.filter((entry) => entry.role === 'participant').map(({ participantId, name }) => ({ participantId, name }));
}
