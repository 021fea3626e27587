import * as Y from 'yjs';
import { REFUSAL_REASONS, type Refusal } from './boardNotices';
import { WRITE_ONCE_FIELDS } from './permissions';
import { BOARD_ROOTS } from './roots';

/**
 * How a browser recovers when the server refuses one of its updates. Later structs of the same
 * Yjs client id depend on the refused one, so that doc can never sync again: the browser starts
 * a fresh doc from the server's state (a new client id), works out its own un-synced changes at
 * the record level (records created, fields set or removed, records deleted), drops the refused
 * ones and applies the rest to the fresh doc. Nothing else a person typed is lost.
 */

/** One un-synced change of this device, by record. `record` is null for a key of `meta`. */
export type RecordChange =
  | { kind: 'create'; root: string; record: string; values: Record<string, unknown> }
  | { kind: 'set'; root: string; record: string | null; field: string; value: unknown }
  | { kind: 'unset'; root: string; record: string | null; field: string }
  | { kind: 'delete'; root: string; record: string };

interface Site {
  root: string;
  record: string | null;
  field: string | null;
}

/** Where an integrated item sits: a root entry (record key or meta key) or a field of a record. */
function siteOf(item: Y.Item): Site | null {
  const parent = item.parent;
  if (!(parent instanceof Y.AbstractType) || item.parentSub === null) return null;
  const holder = parent._item;
  if (holder === null) {
    const root = Y.findRootTypeKey(parent);
    return root === BOARD_ROOTS.meta ? { root, record: null, field: item.parentSub } : { root, record: item.parentSub, field: null };
  }
  const rootType = holder.parent;
  if (!(rootType instanceof Y.AbstractType) || rootType._item !== null || holder.parentSub === null) return null;
  return { root: Y.findRootTypeKey(rootType), record: holder.parentSub, field: item.parentSub };
}

const siteKey = (site: Site) => JSON.stringify([site.root, site.record, site.field]);

/** A root of `doc` as a map, without creating one it lacks (null for a root of another type). */
function rootMap(doc: Y.Doc, root: string): Y.Map<unknown> | null {
  if (!doc.share.has(root)) return null;
  try {
    return doc.getMap<unknown>(root);
  } catch {
    return null;
  }
}

function liveRecord(doc: Y.Doc, root: string, record: string): Y.Map<unknown> | null {
  const value: unknown = rootMap(doc, root)?.get(record);
  return value instanceof Y.Map ? value : null;
}

/** Structs of `local` the server's state vector does not cover: this device's un-synced writes. */
function unsyncedWrites(local: Y.Doc, server: Y.Doc): Map<string, Site> {
  const serverState = Y.decodeStateVector(Y.encodeStateVector(server));
  const sites = new Map<string, Site>();
  for (const [client, structs] of local.store.clients) {
    const from = serverState.get(client) ?? 0;
    for (let i = structs.length - 1; i >= 0 && structs[i]!.id.clock + structs[i]!.length > from; i--) {
      const struct = structs[i]!;
      const site = struct instanceof Y.Item ? siteOf(struct) : null;
      if (site) sites.set(siteKey(site), site);
    }
  }
  return sites;
}

/** Items the server has live that `local` deleted: this device's un-synced deletes. */
function unsyncedDeletes(local: Y.Doc, server: Y.Doc): Site[] {
  const deleted = Y.createDeleteSetFromStructStore(local.store) as unknown as { clients: Map<number, { clock: number; len: number }[]> };
  const sites: Site[] = [];
  for (const [client, ranges] of deleted.clients) {
    const structs = server.store.clients.get(client);
    if (!structs) continue;
    const known = Y.getState(server.store, client);
    for (const { clock, len } of ranges) {
      if (clock >= known) continue;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
        const struct = structs[i]!;
        const site = struct instanceof Y.Item && !struct.deleted ? siteOf(struct) : null;
        if (site) sites.push(site);
      }
    }
  }
  return sites;
}

/** This device's changes that `server` (a fresh doc synced from the server) lacks, by record. */
export function unsyncedChanges(local: Y.Doc, server: Y.Doc): RecordChange[] {
  const written = unsyncedWrites(local, server);
  const changes: RecordChange[] = [];
  const created = new Set<string>();
  for (const site of written.values()) {
    if (site.field !== null || site.record === null) continue;
    const mine = liveRecord(local, site.root, site.record);
    const isNewHere = mine?._item && mine._item.id.clock >= Y.getState(server.store, mine._item.id.client);
    if (!mine || !isNewHere) continue;
    created.add(JSON.stringify([site.root, site.record]));
    changes.push({ kind: 'create', root: site.root, record: site.record, values: mine.toJSON() as Record<string, unknown> });
  }
  for (const site of written.values()) {
    if (site.field === null) continue;
    const change = fieldChange(local, server, site, created);
    if (change) changes.push(change);
  }
  for (const site of unsyncedDeletes(local, server)) {
    if (site.field === null && site.record !== null && !liveRecord(local, site.root, site.record)) {
      changes.push({ kind: 'delete', root: site.root, record: site.record });
    } else if (site.field !== null && !written.has(siteKey(site))) {
      const change = fieldChange(local, server, site, created);
      if (change) changes.push(change);
    }
  }
  return changes;
}

/** The value this device holds now for one field (or meta key) it changed. */
function fieldChange(local: Y.Doc, server: Y.Doc, site: Site, created: Set<string>): RecordChange | null {
  const field = site.field!;
  if (site.record === null) {
    const meta = rootMap(local, site.root);
    if (!meta) return null;
    return meta.has(field)
      ? { kind: 'set', root: site.root, record: null, field, value: meta.get(field) }
      : { kind: 'unset', ...site, field };
  }
  // A record this device created carries its fields; a record deleted here or on the server takes no writes.
  if (created.has(JSON.stringify([site.root, site.record]))) return null;
  const mine = liveRecord(local, site.root, site.record);
  if (!mine || !liveRecord(server, site.root, site.record)) return null;
  const value: unknown = mine.get(field);
  if (value instanceof Y.AbstractType) return null;
  return mine.has(field) ? { kind: 'set', root: site.root, record: site.record, field, value } : { kind: 'unset', ...site, field };
}

/** Does a refusal name this change (the same record, and the same field unless it names the whole record)? */
function isNamedBy(change: RecordChange, refusal: Refusal): boolean {
  if (refusal.root !== change.root || refusal.record !== change.record) return false;
  if (refusal.field === null || change.kind === 'create' || change.kind === 'delete') return true;
  return refusal.field === change.field;
}

/** Refusals seen this session, by place: a change refused twice is dropped, never retried again. */
export type RefusalHistory = Map<string, number>;

const refusalKey = (refusal: Refusal) => JSON.stringify([refusal.root, refusal.record, refusal.field]);

export interface Sorted {
  kept: RecordChange[];
  dropped: RecordChange[];
  /** The refusal that dropped something, to tell the person about. */
  cause: Refusal | null;
}

/**
 * Splits un-synced changes into those to re-send and those refused. A refusal naming no place,
 * or one whose changes are fine in themselves (`drop: 'none'`, e.g. an out-of-order update),
 * drops nothing the first time; the second time the same place (or no place) is refused, its
 * changes are dropped, so no change is ever retried more than once.
 */
export function sortRefused(changes: readonly RecordChange[], refusals: readonly Refusal[], history: RefusalHistory): Sorted {
  const drops: ((change: RecordChange) => boolean)[] = [];
  let cause: Refusal | null = null;
  for (const refusal of refusals) {
    const key = refusalKey(refusal);
    const seen = history.get(key) ?? 0;
    history.set(key, seen + 1);
    const { drop } = REFUSAL_REASONS[refusal.reason];
    const isRepeat = seen > 0;
    let matches: ((change: RecordChange) => boolean) | null = null;
    if (drop === 'writes') matches = (change) => change.kind !== 'delete';
    else if (refusal.root === null) matches = isRepeat ? () => true : null;
    else if (drop === 'change' || isRepeat) matches = (change) => isNamedBy(change, refusal);
    if (matches) {
      drops.push(matches);
      cause ??= refusal;
    }
  }
  const dropped = changes.filter((change) => drops.some((matches) => matches(change)));
  return { kept: changes.filter((change) => !dropped.includes(change)), dropped, cause: dropped.length > 0 ? cause : null };
}

/** Applies record changes to `doc` in one transaction (the fresh doc: they go out as one update). */
export function applyRecordChanges(doc: Y.Doc, changes: readonly RecordChange[]): void {
  doc.transact(() => {
    for (const change of changes) applyChange(doc, change);
  });
}

function applyChange(doc: Y.Doc, change: RecordChange): void {
  const root =
    rootMap(doc, change.root) ?? (Object.values(BOARD_ROOTS).includes(change.root as never) ? doc.getMap<unknown>(change.root) : null);
  if (!root) return;
  if (change.kind === 'delete') return void root.delete(change.record);
  if (change.kind === 'create') return createRecord(root, change.record, change.values);
  const target = change.record === null ? root : root.get(change.record);
  if (!(target instanceof Y.Map)) return;
  if (change.kind === 'unset') target.delete(change.field);
  else if (target.get(change.field) !== change.value) target.set(change.field, change.value);
}

/** A new record, or (someone brought it back meanwhile) this device's values on the one there. */
function createRecord(root: Y.Map<unknown>, key: string, values: Record<string, unknown>): void {
  const existing = root.get(key);
  if (existing instanceof Y.Map) {
    for (const [field, value] of Object.entries(values)) {
      if (!WRITE_ONCE_FIELDS.has(field) && existing.get(field) !== value) existing.set(field, value);
    }
    return;
  }
  const map = new Y.Map<unknown>();
  root.set(key, map);
  for (const [field, value] of Object.entries(values)) map.set(field, value);
}
