import * as Y from 'yjs';
import type { ActionItem, Question } from './actions';
import { EMPTY_BOARD, type Board } from './board';
import { BoardLists } from './boardLists';
import { RECORD_KINDS, RecordCache, sameValue, shareArray } from './boardRecords';
import type { Group } from './groups';
import type { JourneyStep } from './journey';
import type { Note } from './note';
import { isDeleted, parseMeta, type Persona } from './persona';
import { BOARD_ROOTS } from './roots';

type Caches = {
  personas: RecordCache<Persona>;
  notes: RecordCache<Note>;
  groups: RecordCache<Group>;
  journeySteps: RecordCache<JourneyStep>;
  questions: RecordCache<Question>;
  actions: RecordCache<ActionItem>;
};
type CacheName = keyof Caches;

/** Called after each transaction that touched the board; `isLocal` for this peer's own changes. */
export type BoardChangeListener = (isLocal: boolean) => void;

/**
 * The board of one Y.Doc, kept up to date incrementally: Yjs events mark the records a
 * transaction touched, and `flush` re-reads only those. Records that did not change keep their
 * object, and so do the board's arrays and the per-quadrant lists (`lists`) whose contents did
 * not change, so memoised views skip them. `board` always equals `readBoard(doc)` once flushed.
 *
 * The store never flushes by itself: its owner decides when (at once for a snapshot or a local
 * edit, once per animation frame for a burst of remote ones), so a burst costs one re-read.
 */
export class BoardStore {
  private readonly caches: Caches;
  private isMetaDirty = true;
  private isDirty = true;
  private hasTouchedBoard = false;
  private deletedKey = '';
  private current: Board = EMPTY_BOARD;
  private readonly listeners = new Set<BoardChangeListener>();
  private readonly observers: [root: string, observer: (events: Y.YEvent<Y.AbstractType<unknown>>[]) => void][] = [];
  readonly lists = new BoardLists();

  constructor(private readonly doc: Y.Doc) {
    const cache = <T extends { id: string }>(name: CacheName, kind: (typeof RECORD_KINDS)[CacheName]) =>
      new RecordCache<T>(doc.getMap<unknown>(kind.root), kind as never);
    this.caches = {
      personas: cache('personas', RECORD_KINDS.personas),
      notes: cache('notes', RECORD_KINDS.notes),
      groups: cache('groups', RECORD_KINDS.groups),
      journeySteps: cache('journeySteps', RECORD_KINDS.journeySteps),
      questions: cache('questions', RECORD_KINDS.questions),
      actions: cache('actions', RECORD_KINDS.actions),
    };
    doc.getMap<unknown>(BOARD_ROOTS.meta).observeDeep(this.onMeta);
    for (const name of Object.keys(this.caches) as CacheName[]) {
      const observer = this.onRecords(name);
      this.observers.push([RECORD_KINDS[name].root, observer]);
      doc.getMap<unknown>(RECORD_KINDS[name].root).observeDeep(observer);
    }
    doc.on('afterTransaction', this.onAfterTransaction);
    this.flush();
  }

  /** The board as of the last `flush`. */
  get board(): Board {
    return this.current;
  }

  /** Changes are waiting for a `flush`. */
  get isStale(): boolean {
    return this.isDirty;
  }

  /** Tells `listener` after every transaction that changed the board's roots. */
  onChange(listener: BoardChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private readonly onMeta = () => {
    this.isMetaDirty = true;
    this.touch();
  };

  private readonly onRecords = (name: CacheName) => (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const cache = this.caches[name];
    for (const event of events) {
      // An event on the root names the records added, replaced or deleted; one deeper, its path
      // starts with the record's key.
      if (event.path.length === 0) for (const key of event.changes.keys.keys()) cache.mark(key);
      else if (typeof event.path[0] === 'string') cache.mark(event.path[0]);
      else cache.markAll();
    }
    this.touch();
  };

  private touch(): void {
    this.isDirty = true;
    this.hasTouchedBoard = true;
  }

  private readonly onAfterTransaction = (transaction: Y.Transaction) => {
    if (!this.hasTouchedBoard) return;
    this.hasTouchedBoard = false;
    for (const listener of this.listeners) listener(transaction.local);
  };

  /** Re-reads what changed since the last flush; true when the board changed. */
  flush(): boolean {
    if (!this.isDirty) return false;
    this.isDirty = false;
    const changed = new Set<CacheName>();
    for (const name of Object.keys(this.caches) as CacheName[]) if (this.caches[name].refresh()) changed.add(name);
    const meta = this.isMetaDirty ? this.readMeta() : this.current.meta;
    this.isMetaDirty = false;
    if (changed.size === 0 && meta === this.current.meta) return false;
    this.current = this.derive(changed, meta);
    this.lists.update(this.current);
    return true;
  }

  private readMeta(): Board['meta'] {
    const next = parseMeta(this.doc.getMap<unknown>(BOARD_ROOTS.meta).toJSON());
    return sameValue(this.current.meta, next) ? this.current.meta : next;
  }

  /** The new board from the changed caches: every part that did not change is the old one. */
  private derive(changed: ReadonlySet<CacheName>, meta: Board['meta']): Board {
    const previous = this.current;
    const all = this.caches.personas.sorted;
    const deleted = new Set(all.filter(isDeleted).map((persona) => persona.id));
    const deletedKey = [...deleted].sort().join(',');
    const isFilterChanged = deletedKey !== this.deletedKey;
    this.deletedKey = deletedKey;
    const isShown = (record: { personaId: string }) => !deleted.has(record.personaId);
    /** The root's records that `keep` allows, re-filtered only when `isNeeded`. */
    const shown = <T>(name: CacheName, old: T[], keep: (record: T) => boolean, isNeeded = changed.has(name) || isFilterChanged) =>
      isNeeded ? (shareArray(old, (this.caches[name].sorted as readonly T[]).filter(keep)) as T[]) : old;

    const journeySteps = shown('journeySteps', previous.journeySteps, isShown);
    const stepIds = new Set(journeySteps.map((step) => step.id));
    const isOnBoard = (note: Note) => isShown(note) && (note.journeyStepId == null || stepIds.has(note.journeyStepId));
    const next: Board = {
      meta,
      personas: shown('personas', previous.personas, (persona: Persona) => !deleted.has(persona.id)),
      notes: shown('notes', previous.notes, isOnBoard, changed.has('notes') || isFilterChanged || journeySteps !== previous.journeySteps),
      groups: shown('groups', previous.groups, isShown),
      journeySteps,
      questions: shown('questions', previous.questions, isShown),
      actions: shown('actions', previous.actions, isShown),
    };
    return (Object.keys(next) as (keyof Board)[]).every((key) => next[key] === previous[key]) ? previous : next;
  }

  /** Stops following the doc (the doc itself is its owner's to destroy). */
  destroy(): void {
    this.doc.getMap<unknown>(BOARD_ROOTS.meta).unobserveDeep(this.onMeta);
    for (const [root, observer] of this.observers) this.doc.getMap<unknown>(root).unobserveDeep(observer);
    this.doc.off('afterTransaction', this.onAfterTransaction);
    this.listeners.clear();
  }
}
