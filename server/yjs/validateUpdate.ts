import * as Y from 'yjs';
import { BOARD_ROOTS } from '../../lib/board';
import { ID_PATTERN } from '../../lib/ids';
import { LIMITS } from '../../lib/limits';
import { fail, ok, type Result } from '../../lib/result';
import {
  IMMUTABLE_FIELDS,
  RECORD_CAPS,
  checkFieldValue,
  isRecordRoot,
  metaFieldSchema,
  recordFieldSchema,
  type FieldSchema,
} from './boardSchema';
import { isAcceptedFieldEdit } from './fieldEditFastPath';
import { countedSizes, type RecordSizes } from './recordCounts';
import { CustomValueCounter } from './recordChecks';

/**
 * Checks an incoming Yjs update against the board schema *before* it touches the room's doc.
 * Yjs has no permissions or schema of its own, so this is where the server refuses what a
 * hostile or buggy client sends: unknown top-level keys, fields a record does not have, values
 * of the wrong type or size, forged authors, and updates whose dependencies the server lacks
 * (those would sit in memory as pending structs forever).
 */

export interface UpdateAuthor {
  participantId: string;
  name: string;
  role: 'facilitator' | 'participant';
}

interface Location {
  root: string;
  /** The record's key inside a root map, when the struct lives inside a record. */
  record: string | null;
  /** The map key the struct is stored under. */
  key: string | null;
}

type Struct = Y.Item | Y.GC | Y.Skip;
interface DeleteSetLike {
  clients: Map<number, { clock: number; len: number }[]>;
}

/** Marks a struct whose location is being resolved: meeting it again means a reference cycle. */
const RESOLVING = Symbol('resolving');

class UpdateIndex {
  private readonly byClient = new Map<number, Struct[]>();
  constructor(structs: Struct[]) {
    for (const struct of structs) {
      const list = this.byClient.get(struct.id.client) ?? [];
      list.push(struct);
      this.byClient.set(struct.id.client, list);
    }
  }
  clients() {
    return this.byClient.entries();
  }
  clientStructs(client: number): Struct[] | undefined {
    return this.byClient.get(client);
  }
  find(id: Y.ID): Struct | null {
    const list = this.byClient.get(id.client);
    if (!list) return null;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const struct = list[mid]!;
      if (id.clock < struct.id.clock) high = mid - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = mid + 1;
      else return struct;
    }
    return null;
  }
}

class Validator {
  private readonly index: UpdateIndex;
  private readonly locations = new Map<Struct, Location | null | typeof RESOLVING>();
  /** Set when a crafted update's references loop back on themselves. */
  hasCycle = false;

  constructor(
    private readonly doc: Y.Doc,
    structs: Struct[],
    private readonly author: UpdateAuthor | null,
  ) {
    this.index = new UpdateIndex(structs);
  }

  /**
   * Every referenced id must be in the doc already or in this update; a reference to the same
   * client's own content must point backwards (Yjs integrates a client's structs in order, so a
   * forward or self reference can never resolve).
   */
  private isKnown(id: Y.ID | null, from: Struct): boolean {
    if (id === null) return true;
    if (id.clock < Y.getState(this.doc.store, id.client)) return true;
    if (id.client === from.id.client && id.clock >= from.id.clock) return false;
    return this.index.find(id) !== null;
  }

  checkDependencies(): Result<void> {
    for (const [client, list] of this.index.clients()) {
      const first = list[0];
      if (first && first.id.clock > Y.getState(this.doc.store, client)) return fail('update skips ahead of the document');
      for (const struct of list) {
        if (struct instanceof Y.Skip) return fail('update has a gap');
        if (!(struct instanceof Y.Item)) continue;
        const parentId = struct.parent instanceof Y.ID ? struct.parent : null;
        if (!this.isKnown(struct.origin, struct) || !this.isKnown(struct.rightOrigin, struct) || !this.isKnown(parentId, struct)) {
          return fail('update depends on content the server does not have');
        }
      }
    }
    return ok(undefined);
  }

  /** A delete set may only name content the server has or that this update brings. */
  checkDeletes(deletes: DeleteSetLike): Result<void> {
    for (const [client, ranges] of deletes.clients) {
      let known = Y.getState(this.doc.store, client);
      const list = this.index.clientStructs(client);
      const last = list?.at(-1);
      if (last) known = Math.max(known, last.id.clock + last.length);
      for (const range of ranges) if (range.clock + range.len > known) return fail('update deletes content the server does not have');
    }
    return ok(undefined);
  }

  private lookup(id: Y.ID): Struct | null {
    const inUpdate = this.index.find(id);
    if (inUpdate) return inUpdate;
    if (id.clock >= Y.getState(this.doc.store, id.client)) return null;
    return Y.getItem(this.doc.store, id) as Struct;
  }

  /** In this update and not yet in the server's doc: a record being created right now. */
  private isNewToServer(struct: Struct): boolean {
    return this.index.find(struct.id) === struct && struct.id.clock >= Y.getState(this.doc.store, struct.id.client);
  }

  /** Where a struct is stored, or null when its parent was garbage-collected (it will be too). */
  locate(struct: Struct): Location | null {
    const known = this.locations.get(struct);
    if (known === RESOLVING) {
      this.hasCycle = true;
      return null;
    }
    if (known !== undefined) return known;
    this.locations.set(struct, RESOLVING);
    const location = struct instanceof Y.Item ? this.locateItem(struct) : null;
    this.locations.set(struct, location);
    return location;
  }

  private locateItem(item: Y.Item): Location | null {
    const parent: unknown = item.parent;
    if (parent instanceof Y.AbstractType) return this.locateIntegrated(item, parent);
    if (typeof parent === 'string') return { root: parent, record: null, key: item.parentSub };
    if (parent instanceof Y.ID) {
      const holder = this.lookup(parent);
      if (!holder) return null;
      const at = this.locate(holder);
      if (!at || at.record !== null || at.key === null) return null;
      return { root: at.root, record: at.key, key: item.parentSub };
    }
    const neighbour = item.origin ?? item.rightOrigin;
    const next = neighbour ? this.lookup(neighbour) : null;
    return next ? this.locate(next) : null;
  }

  private locateIntegrated(item: Y.Item, parent: Y.AbstractType<unknown>): Location | null {
    const holder = parent._item;
    if (holder === null) return { root: Y.findRootTypeKey(parent), record: null, key: item.parentSub };
    const at = this.locate(holder);
    if (!at || at.record !== null) return null;
    return { root: at.root, record: at.key, key: item.parentSub };
  }

  checkItem(item: Y.Item): Result<void> {
    const at = this.locate(item);
    if (this.hasCycle) return fail('update references form a cycle');
    if (at === null) return ok(undefined);
    if (item.content instanceof Y.ContentDeleted) return ok(undefined);
    if (at.key === null) return fail(`list content is not allowed in ${at.root}`);
    if (at.record === null) return this.checkRootEntry(at.root, at.key, item);
    return this.checkField(at.root, at.record, at.key, item);
  }

  private checkRootEntry(root: string, key: string, item: Y.Item): Result<void> {
    if (root === BOARD_ROOTS.meta) {
      const checked = checkValue(metaFieldSchema(key), item, `meta.${key}`);
      if (checked.ok && this.author && this.author.role !== 'facilitator') return fail('only the facilitator changes the workshop itself');
      return checked;
    }
    if (!isRecordRoot(root)) return fail(`unknown top-level key ${JSON.stringify(root)}`);
    if (!ID_PATTERN.test(key)) return fail(`bad record id in ${root}`);
    const content = item.content;
    if (!(content instanceof Y.ContentType) || !(content.type instanceof Y.Map)) {
      return fail(`a ${root} record must be a map`);
    }
    return ok(undefined);
  }

  private checkField(root: string, record: string, key: string, item: Y.Item): Result<void> {
    if (!isRecordRoot(root)) return fail(`unknown top-level key ${JSON.stringify(root)}`);
    const checked = checkValue(recordFieldSchema(root, key), item, `${root}.${key}`);
    if (!checked.ok) return checked;
    const value = (item.content as Y.ContentAny).arr[0];
    if (key === 'id' && value !== record) return fail('record id does not match its key');
    if (IMMUTABLE_FIELDS.has(key)) {
      const holder = item.parent instanceof Y.ID ? this.lookup(item.parent) : null;
      if (!holder || !this.isNewToServer(holder)) return fail(`${root}.${key} cannot change`);
      if (key === 'authorId' && this.author && value !== this.author.participantId) return fail('forged author');
      if (key === 'authorName' && this.author && value !== this.author.name) return fail('forged author name');
    }
    return ok(undefined);
  }
}

function checkValue(schema: FieldSchema | undefined, item: Y.Item, label: string): Result<void> {
  if (!schema) return fail(`unknown field ${label}`);
  const content = item.content;
  if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) return fail(`${label} must be a plain value`);
  return checkFieldValue(schema, content.arr[0], label);
}

export interface ValidateOptions {
  author: UpdateAuthor | null;
  /** Encoded size of the room's state before this update. */
  docBytes: number;
  /** The room's live record counts; without them each cap check walks the root map. */
  recordSizes?: RecordSizes;
}

/**
 * Refuses an update that breaks the board schema or the limits; never touches `doc`. The common
 * field edit is accepted by a fast path over the raw bytes; everything else is fully decoded.
 */
export function validateUpdate(doc: Y.Doc, update: Uint8Array, options: ValidateOptions): Result<void> {
  if (options.docBytes + update.byteLength > LIMITS.docBytes) return fail('board is over its size limit');
  if (isAcceptedFieldEdit(doc, update)) return ok(undefined);
  return validateDecoded(doc, update, options);
}

/** `validateUpdate` without the fast path: what the fast path is tested against. */
export function validateUpdateFully(doc: Y.Doc, update: Uint8Array, options: ValidateOptions): Result<void> {
  if (options.docBytes + update.byteLength > LIMITS.docBytes) return fail('board is over its size limit');
  return validateDecoded(doc, update, options);
}

function validateDecoded(doc: Y.Doc, update: Uint8Array, options: ValidateOptions): Result<void> {
  let decoded: { structs: Struct[]; ds: DeleteSetLike };
  try {
    decoded = Y.decodeUpdate(update) as unknown as { structs: Struct[]; ds: DeleteSetLike };
  } catch {
    return fail('update does not decode');
  }
  const validator = new Validator(doc, decoded.structs, options.author);
  const dependencies = validator.checkDependencies();
  if (!dependencies.ok) return dependencies;
  const deletes = validator.checkDeletes(decoded.ds);
  if (!deletes.ok) return deletes;
  const newRecords = new Map<string, number>();
  const customValues = new CustomValueCounter(doc);
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    // Already integrated (a client resending what the server has): Yjs will skip it too.
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    const checked = validator.checkItem(struct);
    if (!checked.ok) return checked;
    const at = validator.locate(struct);
    if (at) customValues.note(at);
    const isNewRecord = at?.record === null && struct.content instanceof Y.ContentType;
    if (isNewRecord && at) newRecords.set(at.root, (newRecords.get(at.root) ?? 0) + 1);
  }
  const sizes = options.recordSizes ?? countedSizes(doc);
  for (const [root, count] of newRecords) {
    const cap = RECORD_CAPS[root];
    if (cap && sizes.size(root) + count > cap.max) return fail(cap.error);
  }
  return customValues.check();
}
