import type * as Y from 'yjs';
import { describeRefusal, type Refusal } from '../../lib/boardNotices';
import { draftsFromRefused, RESCUED_NOTICE, type RescuedDraft } from '../../lib/privateRescue';
import { applyRecordChanges, sortRefused, unsyncedChanges, type RefusalHistory } from '../../lib/recovery';

/**
 * What a fresh board connection needs to take over from one whose update the server refused:
 * the old doc (this device's un-synced changes are in it), what was refused, and the refusals
 * seen so far this session (a change refused twice is dropped, never sent a third time).
 */
export interface BoardRecovery {
  previousDoc: Y.Doc;
  refusals: Refusal[];
  history: RefusalHistory;
}

/**
 * Once the fresh doc holds the server's state: this device's un-synced changes, minus the
 * refused ones, are applied to it (one update, under the fresh doc's new client id). Returns
 * what to tell the person (null when nothing of theirs was dropped), and the records refused
 * because the step is private, as the drafts to send instead.
 */
export function takeOver(doc: Y.Doc, recovery: BoardRecovery): { notice: string | null; drafts: RescuedDraft[] } {
  const changes = unsyncedChanges(recovery.previousDoc, doc);
  const sorted = sortRefused(changes, recovery.refusals, recovery.history);
  applyRecordChanges(doc, sorted.kept);
  const drafts = draftsFromRefused(sorted.dropped, recovery.refusals);
  if (drafts.length > 0 && drafts.length === sorted.dropped.length) return { notice: RESCUED_NOTICE, drafts };
  return { notice: sorted.cause ? describeRefusal(sorted.cause, sorted.dropped.length) : null, drafts };
}
