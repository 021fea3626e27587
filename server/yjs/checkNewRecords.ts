import { isFacilitator } from '../../lib/permissions';
import { BOARD_ROOTS } from '../../lib/roots';
import type { NewRecord } from './authorizeChanges';
import { RECORD_CAPS, requiredFields } from './boardSchema';
import type { Findings } from './findings';
import type { RecordSizes } from './recordCounts';
import type { UpdateAuthor } from './validateUpdate';

/**
 * The records an update creates: each complete (every field its schema requires, so nothing
 * half-made occupies a slot or hides from every screen), notes in the sender's own name, and
 * no root past its cap. The facilitator may bring a note back under its original author where
 * a note was stored before (an undo of a delete).
 */
export function checkNewRecords(
  records: readonly NewRecord[],
  author: UpdateAuthor | null,
  sizes: RecordSizes,
  findings: Findings,
  caps: Partial<Record<string, number>> = {},
): void {
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
