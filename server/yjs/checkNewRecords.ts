import { isFacilitator } from '../../lib/permissions';
import { BOARD_ROOTS } from '../../lib/roots';
import type { NewRecord } from './authorizeChanges';
import { RECORD_CAPS, requiredFields } from './boardSchema';
import type { Findings } from './findings';
import type { RecordSizes } from './recordCounts';
import type { UpdateAuthor } from './validateUpdate';

/** What a participant writes as a private draft in a private or anonymous step, never straight onto the board. */
const DRAFTED_ROOTS: ReadonlySet<string> = new Set([BOARD_ROOTS.notes, BOARD_ROOTS.questions, BOARD_ROOTS.actions]);

export interface NewRecordRules {
  /** Record caps lower than `RECORD_CAPS`, by root (a test lowers the note cap). */
  caps?: Partial<Record<string, number>>;
  /** The sender must write notes, questions and actions as drafts now (see `ValidateOptions`). */
  mustDraft?: boolean;
}

/**
 * The records an update creates: each complete (every field its schema requires, so nothing
 * half-made occupies a slot or hides from every screen), notes in the sender's own name, and
 * no root past its cap. The facilitator may bring a note back under its original author where
 * a note was stored before (an undo of a delete). In a private or anonymous step a participant
 * creates no note (on the map or a journey step), question or action at all, not even by an undo
 * that re-creates one: each would be signed and seen at once.
 */
export function checkNewRecords(
  records: readonly NewRecord[],
  author: UpdateAuthor | null,
  sizes: RecordSizes,
  findings: Findings,
  { caps = {}, mustDraft = false }: NewRecordRules = {},
): void {
  if (mustDraft && author && !isFacilitator(author)) {
    for (const record of records) {
      if (!DRAFTED_ROOTS.has(record.root)) continue;
      findings.add('private-step', { root: record.root, record: null, key: record.key }, `a new ${record.root} record in a private step`);
    }
  }
  const added = new Map<string, NewRecord[]>();
  for (const record of records) if (!record.replacesLive) added.set(record.root, [...(added.get(record.root) ?? []), record]);
  for (const [root, list] of added) {
    const cap = RECORD_CAPS[root];
    if (!cap || sizes.size(root) + list.length <= Math.min(cap.max, caps[root] ?? Infinity)) continue;
    for (const record of list) findings.add('record-cap', { root, record: null, key: record.key }, cap.error);
  }
  for (const record of records) {
    const at = { root: record.root, record: null, key: record.key };
    const missing = requiredFields(record.root).filter((field) => !record.values.has(field));
    if (missing.length > 0) findings.add('invalid-record', at, `a new ${record.root} record lacks ${missing.join(', ')}`);
    if (record.root === BOARD_ROOTS.notes && author) checkNoteAuthor(record, author, findings);
  }
}

function checkNoteAuthor(record: NewRecord, author: UpdateAuthor, findings: Findings): void {
  const at = { root: record.root, record: null, key: record.key };
  const isOwn = record.values.get('authorId') === author.participantId;
  const isOwnName = record.values.get('authorName') === author.name;
  if (isOwn && isOwnName) return;
  if (isFacilitator(author) && record.isRecreation) return;
  findings.add('forged-author', at, isOwn ? 'forged author name' : 'forged author');
}
