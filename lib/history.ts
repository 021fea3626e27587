import * as Y from 'yjs';
import { ActionItemSchema, QuestionSchema } from './actions';
import { GroupSchema } from './groups';
import { JourneyStepSchema } from './journey';
import { NoteSchema } from './note';
import { META_FIELD_SCHEMAS, personaFieldSchema } from './persona';
import { refusalText } from './refusals';
import { BOARD_ROOTS, type BoardRoot } from './roots';

/**
 * What one local change did to whole records, and whether undoing it is a change the server
 * accepts from this person. Undo in Yjs writes new items: undoing a delete re-creates the record
 * (same id and fields) as this client, and undoing an add deletes the record. The server
 * authorizes both like any other write, so the browser checks first and says why instead of
 * sending a change that would be refused.
 */

/** A record one transaction created or deleted (field edits inside a record are not listed). */
export interface RecordChange {
  root: BoardRoot;
  id: string;
  change: 'created' | 'deleted';
  /** Notes only: who wrote it (an undo that re-creates it writes these fields again). */
  authorId?: string;
  authorName?: string;
  /** The record's own item: a deleted one is what an undo re-creates. */
  item: Y.Item;
}

/** Who is undoing: the connection's participant (the server checks writes against it). */
export interface HistoryActor {
  participantId: string;
  name: string;
  role?: 'facilitator' | 'participant';
}

const RECORD_ROOTS: ReadonlySet<string> = new Set(Object.values(BOARD_ROOTS).filter((root) => root !== BOARD_ROOTS.meta));

/**
 * The records a transaction created or deleted. Call it from an `afterTransaction` listener: the
 * deleted records' values are still readable there (Yjs garbage-collects them afterwards unless
 * an UndoManager keeps them).
 */
export function recordChanges(transaction: Y.Transaction): RecordChange[] {
  const changes: RecordChange[] = [];
  for (const [type, keys] of transaction.changed) {
    if (!(type instanceof Y.Map) || type._item !== null) continue;
    const root = Y.findRootTypeKey(type);
    if (!RECORD_ROOTS.has(root)) continue;
    for (const key of keys) {
      if (key === null) continue;
      changes.push(...changesAt(transaction, type, root as BoardRoot, key));
    }
  }
  return changes;
}

function changesAt(transaction: Y.Transaction, root: Y.Map<unknown>, rootName: BoardRoot, id: string): RecordChange[] {
  const changes: RecordChange[] = [];
  // The key's newest item; a replaced or deleted record sits to its left, deleted in this transaction.
  for (let item = root._map.get(id) ?? null; item !== null; item = item.left) {
    const isNew = item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);
    const wasDeletedNow = item.deleted && Y.isDeleted(transaction.deleteSet, item.id);
    if (isNew && wasDeletedNow) continue; // born and gone in one transaction: no net change
    if (isNew) changes.push(describe(item, rootName, id, 'created'));
    else if (wasDeletedNow) changes.push(describe(item, rootName, id, 'deleted'));
    else break;
  }
  return changes;
}

function describe(item: Y.Item, root: BoardRoot, id: string, change: RecordChange['change']): RecordChange {
  const record = item.content instanceof Y.ContentType ? item.content.type : null;
  if (root !== BOARD_ROOTS.notes || !(record instanceof Y.Map)) return { root, id, change, item };
  return { root, id, change, item, authorId: stringField(record, 'authorId'), authorName: stringField(record, 'authorName') };
}

/** A field's last written value, read from its item so a deleted record still answers. */
function stringField(record: Y.Map<unknown>, key: string): string | undefined {
  const item = record._map.get(key);
  const values = item?.content.getContent() ?? [];
  const value: unknown = values[values.length - 1];
  return typeof value === 'string' ? value : undefined;
}

/** What a participant adds only as a private draft in a private or anonymous step (the server refuses it as `private-step`). */
const DRAFTED_ROOTS: ReadonlySet<string> = new Set([BOARD_ROOTS.notes, BOARD_ROOTS.questions, BOARD_ROOTS.actions]);

export const PRIVATE_STEP_UNDO = refusalText('undoPrivateStep');

/**
 * Why reversing `changes` (undoing the change that made them, or redoing an undo) is not a change
 * this person may send, or null when it is. The rules the server applies to whole records:
 * a note is written (re-created) only under its author's own id and name, and deleted only by its
 * author or the facilitator (see `FACILITATOR_RESTORES_NOTES` for the facilitator re-creating one).
 * A persona is never erased from a browser: deleting one is a soft delete with its own undo, so
 * undoing its creation is refused here for everyone. With `mustDraft` (a participant in a private
 * or anonymous step), re-creating a note, question or action is refused too, as the server does.
 */
export function whyIrreversible(
  changes: readonly RecordChange[],
  actor: HistoryActor,
  options: { mustDraft?: boolean } = {},
): string | null {
  const isFacilitator = actor.role === 'facilitator';
  if (options.mustDraft && !isFacilitator && changes.some((change) => change.change === 'deleted' && DRAFTED_ROOTS.has(change.root))) {
    return PRIVATE_STEP_UNDO;
  }
  for (const change of changes) {
    if (change.root === BOARD_ROOTS.personas && change.change === 'created') {
      return refusalText('undoAddedPersona');
    }
    if (change.root !== BOARD_ROOTS.notes) continue;
    const isMine = change.authorId === actor.participantId && (change.change === 'created' || change.authorName === actor.name);
    if (isMine || (isFacilitator && (change.change === 'created' || FACILITATOR_RESTORES_NOTES))) continue;
    return refusalText(change.change === 'deleted' ? 'undoBringsBackOthersNote' : 'undoDeletesOthersNote');
  }
  return null;
}

/**
 * Whether the server accepts the facilitator re-creating someone else's note under its original
 * author (restoring a note they deleted): it does (`lib/permissions.ts`), so undo offers it.
 * `tests/unit/history.test.ts` fails if this stops saying what the validator does.
 */
export const FACILITATOR_RESTORES_NOTES = true;

type FieldSchema = { safeParse(value: unknown): { success: boolean } };
const shapeOf =
  (shape: Record<string, FieldSchema>) =>
  (key: string): FieldSchema | undefined =>
    Object.hasOwn(shape, key) ? shape[key] : undefined;

const FIELD_SCHEMAS: Record<BoardRoot, (key: string) => FieldSchema | undefined> = {
  [BOARD_ROOTS.meta]: shapeOf(META_FIELD_SCHEMAS),
  [BOARD_ROOTS.personas]: personaFieldSchema,
  [BOARD_ROOTS.notes]: shapeOf(NoteSchema.shape),
  [BOARD_ROOTS.groups]: shapeOf(GroupSchema.shape),
  [BOARD_ROOTS.journeySteps]: shapeOf(JourneyStepSchema.shape),
  [BOARD_ROOTS.questions]: shapeOf(QuestionSchema.shape),
  [BOARD_ROOTS.actions]: shapeOf(ActionItemSchema.shape),
};

const CLEARED_VALUES: readonly unknown[] = [null, '', []];

/**
 * The value that clears a field the way this app clears one (null, an empty string or an empty
 * list, whichever its schema takes), or undefined when it has none. Undoing the first write of a
 * field writes this instead of deleting the value: no honest client unsets a field, and a field
 * without a value can leave a record its schema refuses.
 */
export function clearedValue(root: string, key: string): unknown {
  const schema = Object.hasOwn(FIELD_SCHEMAS, root) ? FIELD_SCHEMAS[root as BoardRoot](key) : undefined;
  return schema ? CLEARED_VALUES.find((value) => schema.safeParse(value).success) : undefined;
}

/** What undo and redo say with nothing to step through (the browser words them in its UI language). */
export const NOTHING_TO_UNDO = 'Nothing to undo.';
export const NOTHING_TO_REDO = 'Nothing to redo.';
