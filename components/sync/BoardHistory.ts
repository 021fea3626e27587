import * as Y from 'yjs';
import {
  clearedValue,
  NOTHING_TO_REDO,
  NOTHING_TO_UNDO,
  recordChanges,
  whyIrreversible,
  type HistoryActor,
  type RecordChange,
} from '../../lib/history';
import { refusalText } from '../../lib/refusals';
import { BOARD_ROOTS } from '../../lib/roots';
import { fail, ok, type Result } from '../../lib/result';

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  /** Why the next undo is not offered (it would write what the server refuses from this person). */
  undoBlockedBy: string | null;
  redoBlockedBy: string | null;
}

export const EMPTY_HISTORY: HistoryState = { canUndo: false, canRedo: false, undoBlockedBy: null, redoBlockedBy: null };

/** Enough for a workshop session; each entry keeps its deleted content from garbage collection. */
const MAX_ENTRIES = 100;
const CHANGES = 'recordChanges';
const LOST_FIELDS = refusalText('undoLosesFields');

type StackItem = Y.UndoManager['undoStack'][number];

/**
 * Undo and redo of this browser's own board changes. Only transactions with the `null` origin
 * (every `lib/` write made here) are tracked: y-websocket applies what the server sends with the
 * provider as origin, and y-indexeddb loads the device's copy with itself as origin, so neither a
 * remote change nor a reload ever lands on the stacks. The doc outlives reconnects, and so do the
 * stacks. Each entry remembers which whole records its change created or deleted, so an undo the
 * server would refuse (re-creating someone else's note) is explained instead of sent.
 */
export class BoardHistory {
  private readonly manager: Y.UndoManager;
  private readonly listeners = new Set<() => void>();
  private lastChanges: RecordChange[] = [];
  /** `root/id` of the records the entry being undone or redone deletes, while Yjs applies it. */
  private removing = new Set<string>();
  private state: HistoryState = EMPTY_HISTORY;
  /** A private or anonymous step: re-creating a note, question or action is not offered (see `whyIrreversible`). */
  private mustDraft = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly actor: HistoryActor,
  ) {
    // Registered before the UndoManager's own listener, so it runs first on the same transaction.
    doc.on('afterTransaction', this.capture);
    const roots = Object.values(BOARD_ROOTS).map((root) => doc.getMap(root));
    // captureTimeout 0: one action, one undo step (Yjs would otherwise merge changes 500 ms apart).
    this.manager = new Y.UndoManager(roots, { captureTimeout: 0, trackedOrigins: new Set([null]), deleteFilter: this.mayDelete });
    this.manager.on('stack-item-added', ({ stackItem }) => {
      stackItem.meta.set(CHANGES, this.lastChanges);
      if (this.manager.undoStack.length > MAX_ENTRIES) this.manager.undoStack.shift();
      this.update();
    });
    this.manager.on('stack-item-popped', this.update);
    this.manager.on('stack-cleared', this.update);
  }

  private capture = (transaction: Y.Transaction) => {
    if (transaction.origin === null || transaction.origin === this.manager) this.lastChanges = recordChanges(transaction);
  };

  private blockedBy(stack: readonly StackItem[]): string | null {
    const top = stack[stack.length - 1];
    if (!top) return null;
    const changes = changesOf(top);
    return (
      whyIrreversible(changes, this.actor, { mustDraft: this.mustDraft }) ??
      (changes.some((change) => losesFields(change, top)) ? LOST_FIELDS : null)
    );
  }

  /**
   * Yjs undoes a field edit by deleting the new value and re-inserting the old one. When the old
   * one cannot come back (a concurrent edit from someone else won, or there was none), deleting
   * would leave the field without any value: a broken record, and a write no honest client sends.
   * Then the value stays (a lost concurrent race), or is cleared the way the app clears it.
   */
  private mayDelete = (item: Y.Item): boolean => {
    const key = item.parentSub;
    const parent = item.parent;
    if (key === null || !(parent instanceof Y.Map) || parent._map.get(key) !== item) return true;
    const holder = parent._item;
    const root = Y.findRootTypeKey(holder === null ? parent : (holder.parent as Y.AbstractType<unknown>));
    if (holder === null && root !== BOARD_ROOTS.meta) return true; // a whole record
    if (holder !== null && (holder.deleted || this.removing.has(`${root}/${holder.parentSub}`))) return true; // its record goes too
    const cleared = item.left === null ? clearedValue(root, key) : undefined;
    if (cleared === undefined) return false;
    parent.set(key, cleared);
    return true;
  };

  private update = () => {
    const { undoStack, redoStack } = this.manager;
    const undoBlockedBy = this.blockedBy(undoStack);
    const redoBlockedBy = this.blockedBy(redoStack);
    this.state = {
      canUndo: undoStack.length > 0 && undoBlockedBy === null,
      canRedo: redoStack.length > 0 && redoBlockedBy === null,
      undoBlockedBy,
      redoBlockedBy,
    };
    for (const listener of this.listeners) listener();
  };

  /** The step changed: in a private or anonymous step, undos that would re-create notes, questions or actions are explained instead. */
  setMustDraft(mustDraft: boolean): void {
    if (mustDraft === this.mustDraft) return;
    this.mustDraft = mustDraft;
    this.update();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): HistoryState => this.state;

  /** Reverts this browser's last change that still changes something. */
  undo = (): Result<void> => this.step('undo');

  /** Re-applies the last undone change. */
  redo = (): Result<void> => this.step('redo');

  /**
   * One entry at a time, checked before it is applied. Yjs's own undo would pop on past an entry
   * that no longer changes anything (someone deleted that note meanwhile) into the next one
   * unchecked; here each entry is checked and applied alone.
   */
  private step(direction: 'undo' | 'redo'): Result<void> {
    const stack = direction === 'undo' ? this.manager.undoStack : this.manager.redoStack;
    let result: Result<void> = fail(direction === 'undo' ? NOTHING_TO_UNDO : NOTHING_TO_REDO);
    while (stack.length > 0) {
      const blockedBy = this.blockedBy(stack);
      if (blockedBy !== null) {
        result = fail(blockedBy);
        break;
      }
      const below = stack.splice(0, stack.length - 1);
      this.removing = new Set(
        changesOf(stack[0]).flatMap((change) => (change.change === 'created' ? [`${change.root}/${change.id}`] : [])),
      );
      const applied = direction === 'undo' ? this.manager.undo() : this.manager.redo();
      this.removing.clear();
      stack.unshift(...below);
      if (applied) {
        result = ok(undefined);
        break;
      }
    }
    this.update();
    return result;
  }

  /** Clears both stacks (e.g. when the server's copy replaced this device's). */
  clear(): void {
    this.manager.clear();
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.capture);
    this.manager.destroy();
    this.listeners.clear();
  }
}

/**
 * A deleted record comes back field by field; a field someone wrote after this entry deleted it
 * (their write landed in the deleted record) blocks Yjs from restoring that field.
 */
function losesFields(change: RecordChange, entry: StackItem): boolean {
  if (change.change !== 'deleted' || !(change.item.content instanceof Y.ContentType)) return false;
  const record = change.item.content.type;
  if (!(record instanceof Y.Map)) return false;
  for (const newest of record._map.values()) if (!Y.isDeleted(entry.deletions, newest.id)) return true;
  return false;
}

const changesOf = (entry: StackItem | undefined): RecordChange[] => (entry?.meta.get(CHANGES) as RecordChange[] | undefined) ?? [];
