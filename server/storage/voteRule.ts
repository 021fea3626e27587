import type { VoteOutcome, VoteRules } from './ports';

/**
 * Whether one more (`delta` 1) or one fewer (-1) dot on `noteId` is allowed, given the dots this
 * participant holds in the round. Both engines call it inside the transaction that writes the dot.
 */
export function voteOutcome(mine: Readonly<Record<string, number>>, noteId: string, delta: 1 | -1, rules: VoteRules): VoteOutcome {
  const onNote = mine[noteId] ?? 0;
  if (delta === -1) return onNote === 0 ? 'no-dot' : 'ok';
  const spent = Object.values(mine).reduce((sum, dots) => sum + dots, 0);
  if (spent >= rules.budget) return 'budget-spent';
  if (onNote >= 1 && !rules.allowMultiplePerNote) return 'one-per-note';
  return 'ok';
}
