import type { Refusal } from './boardNotices';
import { NOTE_COLORS, type NoteColor } from './note';
import type { RecordChange } from './recovery';
import { BOARD_ROOTS } from './roots';
import type { DraftTarget } from './session/drafts';

/** A refused record, as the private draft it should have been. */
export interface RescuedDraft {
  target: DraftTarget;
  text: string;
}

/** What the person is told when everything refused became a private draft. */
export const RESCUED_NOTICE =
  'This step is private, so what you just added moved to your private notes (below the board) until the reveal.';

/**
 * The new notes, journey notes, questions and actions the server refused as `private-step` (sent
 * just as the step turned private, or typed offline and sent during it), as drafts: the browser
 * sends them as `draft.add` instead of dropping them, so nothing typed is lost and nothing of it
 * reaches the board before the reveal. Records it cannot read back are left out (dropped as before).
 */
export function draftsFromRefused(dropped: readonly RecordChange[], refusals: readonly Refusal[]): RescuedDraft[] {
  const refused = new Set(refusals.filter((r) => r.reason === 'private-step' && r.record !== null).map((r) => `${r.root}/${r.record}`));
  const drafts: RescuedDraft[] = [];
  for (const change of dropped) {
    if (change.kind !== 'create' || !refused.has(`${change.root}/${change.record}`)) continue;
    const draft = asDraft(change.root, change.values);
    if (draft) drafts.push(draft);
  }
  return drafts;
}

function asDraft(root: string, values: Record<string, unknown>): RescuedDraft | null {
  const text = typeof values.text === 'string' ? values.text.trim() : '';
  const personaId = values.personaId;
  if (!text || typeof personaId !== 'string') return null;
  if (root === BOARD_ROOTS.questions) return { target: { kind: 'question', personaId }, text };
  if (root === BOARD_ROOTS.actions) return { target: { kind: 'action', personaId }, text };
  if (root !== BOARD_ROOTS.notes) return null;
  if (typeof values.journeyStepId === 'string') return { target: { kind: 'journeyNote', journeyStepId: values.journeyStepId }, text };
  if (typeof values.quadrant !== 'string') return null;
  const color = NOTE_COLORS.includes(values.color as NoteColor) ? (values.color as NoteColor) : undefined;
  return { target: { kind: 'note', quadrant: values.quadrant, ...(color ? { color } : {}) }, text };
}
