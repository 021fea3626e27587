import * as Y from 'yjs';
import { ID_PATTERN } from '../../lib/ids';
import { fieldRule, mayChangeMeta, mayDeleteRecord, mayWriteField, type NoteAuthorship } from '../../lib/permissions';
import { BOARD_ROOTS } from '../../lib/roots';
import { checkFieldValue, isRecordRoot, isRemovableField, metaFieldSchema, recordFieldSchema, type FieldSchema } from './boardSchema';
import type { ClientOwners } from './checkStructs';
import type { Findings } from './findings';
import type { Locator } from './locateStructs';
import { keepsAPersona, type PersonaChanges } from './personaRule';
import { CustomValueCounter } from './recordChecks';
import { isNew, type Location, type Struct } from './updateIndex';
import type { UpdateAuthor } from './validateUpdate';

/**
 * Authorizes an update by where each of its changes lands. A "site" is one key: a key of `meta`,
 * a record's key in its root map, or a field of one record. Each site gathers the update's new
 * items there and whether the update deletes the server's current value there; then it is
 * judged as what it amounts to: a write, a removal of the value, a new record, or a record
 * deleted (by the delete set, by a new entry over it, or by a deleted placeholder), by the rules
 * of `lib/permissions.ts` and the schemas of `boardSchema.ts`.
 */

interface Site {
  at: Location;
  /** The record item a field belongs to (null for `meta` keys and record entries). */
  holder: Y.Item | null;
  writes: Y.Item[];
  /** The update deletes the server's current value here. */
  deletesLive: boolean;
}

/** A record this update creates, with the values it brings. */
export interface NewRecord {
  root: string;
  key: string;
  item: Y.Item;
  values: Map<string, unknown>;
  /** A record was stored under this key before (an undo of a delete brings it back). */
  isRecreation: boolean;
  /** A live record is under this key now (the new one replaces it). */
  replacesLive: boolean;
}

export interface ChangeContext {
  doc: Y.Doc;
  locator: Locator;
  author: UpdateAuthor | null;
  owners: ClientOwners | undefined;
  /** Structs of this update that its own delete set deletes. */
  deletedInUpdate: Set<Struct>;
  findings: Findings;
}

export function authorizeChanges(ctx: ChangeContext, newItems: readonly Y.Item[], liveDeleted: readonly Y.Item[]): NewRecord[] {
  const nested: Location[] = [];
  const sites = collectSites(ctx, newItems, liveDeleted, nested);
  if (!sites) return [];
  const removed = new Set<Y.Item>();
  const created: NewRecord[] = [];
  const personas: PersonaChanges = { hidden: new Set(), shown: new Set(), erased: new Set() };
  for (const site of sites.values()) if (site.holder === null) judgeEntry(ctx, site, removed, created, personas);
  const byHolder = new Map(created.map((record) => [record.item, record]));
  const customValues = new CustomValueCounter(ctx.doc);
  for (const site of sites.values()) if (site.holder !== null) judgeField(ctx, site, removed, byHolder, customValues, personas);
  keepsAPersona(ctx, personas, created);
  const custom = customValues.check();
  if (!custom.ok) ctx.findings.add('too-many-custom-values', null, custom.error);
  // Reported last: content nested in a value is moot once the value itself is refused.
  for (const at of nested) {
    const reason = at.root === BOARD_ROOTS.meta || isRecordRoot(at.root) ? 'malformed' : 'unknown-root';
    ctx.findings.add(reason, at, `list content is not allowed in ${at.root}`);
  }
  return created;
}

function siteKey(at: Location, holder: Y.Item | null): string {
  return holder ? `h${holder.id.client}:${holder.id.clock}:${at.key}` : `r${JSON.stringify([at.root, at.key])}`;
}

/** The sites of an update's new items and deletes; list content (no key) goes to `nested`; null on a reference cycle. */
function collectSites(
  ctx: ChangeContext,
  newItems: readonly Y.Item[],
  liveDeleted: readonly Y.Item[],
  nested: Location[],
): Map<string, Site> | null {
  const sites = new Map<string, Site>();
  const siteOf = (item: Y.Item): Site | null => {
    const at = ctx.locator.locate(item);
    if (ctx.locator.hasCycle) {
      ctx.findings.add('malformed', null, 'update references form a cycle');
      return null;
    }
    if (!at) return null; // its parent is gone: Yjs garbage-collects it, it changes nothing
    if (at.key === null) {
      nested.push({ root: at.root, record: at.record, key: null });
      return null;
    }
    const key = siteKey(at, at.holder);
    let site = sites.get(key);
    if (!site)
      sites.set(key, (site = { at: { root: at.root, record: at.record, key: at.key }, holder: at.holder, writes: [], deletesLive: false }));
    return site;
  };
  for (const item of newItems) {
    const site = siteOf(item);
    if (ctx.locator.hasCycle) return null;
    // Several clocks only as a deleted placeholder: an honest client's overwritten values of one key, merged.
    if (site) site.writes.push(item);
  }
  for (const item of liveDeleted) {
    const site = siteOf(item);
    if (site) site.deletesLive = true;
  }
  return sites;
}

const survives = (ctx: ChangeContext, item: Y.Item) => !(item.content instanceof Y.ContentDeleted) && !ctx.deletedInUpdate.has(item);
const isMapEntry = (item: Y.Item) => item.content instanceof Y.ContentType && item.content.type instanceof Y.Map;

/** The server's current (live) item under `key` of `type`, and whether any item ever was there. */
function current(type: { _map: Map<string, Y.Item> } | undefined, key: string): { live: Y.Item | null; wasEver: boolean } {
  const item = type?._map.get(key);
  return { live: item && !item.deleted ? item : null, wasEver: item !== undefined };
}

function authorshipOf(record: Y.Item): NoteAuthorship | null {
  const type = record.content instanceof Y.ContentType ? record.content.type : null;
  if (!(type instanceof Y.Map)) return null;
  const authorId: unknown = type.get('authorId');
  const authorName: unknown = type.get('authorName');
  return typeof authorId === 'string' && typeof authorName === 'string' ? { authorId, authorName } : null;
}

/** A key of `meta`, or a record's entry in its root map. */
function judgeEntry(ctx: ChangeContext, site: Site, removed: Set<Y.Item>, created: NewRecord[], personas: PersonaChanges): void {
  const { root, key } = site.at as { root: string; key: string };
  const { findings, author } = ctx;
  const { live, wasEver } = current(ctx.doc.share.get(root), key);
  const isTouched = site.deletesLive || site.writes.length > 0;
  const hasSurvivor = site.writes.some((item) => survives(ctx, item));
  if (root === BOARD_ROOTS.meta) {
    for (const item of site.writes) checkWrittenValue(ctx, site, item, metaFieldSchema(key), `meta.${key}`);
    if (author && isTouched && !mayChangeMeta(author))
      findings.add('facilitator-only', site.at, 'only the facilitator changes the workshop itself');
    if (live && isTouched && !hasSurvivor && !isRemovableField(root, key))
      findings.add('required-field', site.at, `meta.${key} cannot be removed`);
    return;
  }
  if (!isRecordRoot(root)) return findings.add('unknown-root', site.at, `unknown top-level key ${JSON.stringify(root)}`);
  if (!ID_PATTERN.test(key)) return findings.add('invalid-record', site.at, `bad record id in ${root}`);
  if (site.writes.some((item) => !isMapEntry(item) && !(item.content instanceof Y.ContentDeleted))) {
    return findings.add('invalid-record', site.at, `a ${root} record must be a map`);
  }
  if (live && isTouched) {
    removed.add(live);
    if (root === BOARD_ROOTS.personas) personas.erased.add(key);
    const isCreator = !!author && ctx.owners?.ownerOf(live.id.client) === author.participantId;
    if (author && !mayDeleteRecord(root, author, { note: authorshipOf(live), isCreator })) {
      const reason = root === BOARD_ROOTS.notes ? 'not-author' : 'not-creator';
      findings.add(reason, site.at, `this participant may not delete that ${root} record`);
    }
  }
  for (const item of site.writes) {
    if (isMapEntry(item) && survives(ctx, item)) {
      created.push({ root, key, item, values: new Map(), isRecreation: wasEver, replacesLive: live !== null });
    }
  }
}

/** One field of one record. */
function judgeField(
  ctx: ChangeContext,
  site: Site,
  removed: Set<Y.Item>,
  created: Map<Y.Item, NewRecord>,
  custom: CustomValueCounter,
  personas: PersonaChanges,
): void {
  const { root, record, key } = site.at as { root: string; record: string; key: string };
  const holder = site.holder!;
  const { findings, author } = ctx;
  if (!isRecordRoot(root)) return findings.add('unknown-root', site.at, `unknown top-level key ${JSON.stringify(root)}`);
  const schema = recordFieldSchema(root, key);
  for (const item of site.writes) {
    const value = checkWrittenValue(ctx, site, item, schema, `${root}.${key}`);
    if (key === 'id' && value.isPlain && value.value !== record) findings.add('invalid-value', site.at, 'record id does not match its key');
    if (!value.isPlain || !survives(ctx, item)) continue;
    created.get(holder)?.values.set(key, value.value);
    custom.note(site.at);
  }
  // In a record this update creates (its own checks follow), or deleted (by it or before): nothing more.
  if (isNew(ctx.doc, holder) || holder.deleted || removed.has(holder)) return;
  const note = root === BOARD_ROOTS.notes ? authorshipOf(holder) : null;
  const rule = fieldRule(root, key);
  const mayWrite = !author || mayWriteField(root, key, author, note);
  const refuse = () =>
    rule === 'immutable'
      ? findings.add('immutable', site.at, `${root}.${key} cannot change`)
      : findings.add('not-author', site.at, `only the author or the facilitator changes ${root}.${key}`);
  if (site.writes.length > 0 && !mayWrite) return refuse();
  const holderType = holder.content instanceof Y.ContentType ? holder.content.type : undefined;
  const { live } = current(holderType, key);
  const survivor = site.writes.find((item) => survives(ctx, item));
  if (root === BOARD_ROOTS.personas && key === 'deletedAt' && (survivor || site.deletesLive)) {
    const value: unknown = survivor?.content instanceof Y.ContentAny ? survivor.content.arr[0] : null;
    (value === null || value === undefined ? personas.shown : personas.hidden).add(record);
  }
  const isRemoval = live !== null && (site.deletesLive || site.writes.length > 0) && !survivor;
  if (!isRemoval) return;
  if (rule === 'immutable') return refuse();
  if (!isRemovableField(root, key)) return findings.add('required-field', site.at, `${root}.${key} cannot be removed`);
  if (!mayWrite) refuse();
}

/** A written value must be one plain value valid for its field (a deleted placeholder carries none). */
function checkWrittenValue(
  ctx: ChangeContext,
  site: Site,
  item: Y.Item,
  schema: FieldSchema | undefined,
  label: string,
): { isPlain: boolean; value: unknown } {
  const none = { isPlain: false, value: undefined };
  if (!schema) {
    ctx.findings.add('unknown-field', site.at, `unknown field ${label}`);
    return none;
  }
  const content = item.content;
  if (content instanceof Y.ContentDeleted) return none;
  if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) {
    ctx.findings.add('malformed', site.at, `${label} must be a plain value`);
    return none;
  }
  // One plain value, valid or not (an invalid one is refused here; the record still has the key).
  const checked = checkFieldValue(schema, content.arr[0], label);
  if (!checked.ok) ctx.findings.add('invalid-value', site.at, checked.error);
  return { isPlain: true, value: content.arr[0] };
}
