import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { BOARD_ROOTS } from '../../lib/board';
import { customFieldIdOf } from '../../lib/profile';
import { IMMUTABLE_FIELDS, checkFieldValue, recordFieldSchema } from './boardSchema';

/**
 * The update a workshop sends most: one client writing fields of records the server already has
 * (a note's text, quadrant, colour or group). Such an update is one struct per field, each a
 * plain value stored either after the field's current value (its origin) or, for a field the
 * record lacks so far, under the record's map by id; plus a delete set for the values it
 * replaces. This reads those bytes directly (Yjs's v1 encoding, as `readClientsStructRefs` and
 * `readDeleteSet` do) instead of decoding the update into items, indexing them and resolving
 * each one's location.
 *
 * It only ever says "accept": true when every check of the full validator passes for this
 * shape, false for anything else, unusual or refused alike, which then takes the full path and
 * gets its exact verdict and error there. A differential test holds the two to that.
 */

/** Content ref 8: ContentAny, a plain value. */
const CONTENT_ANY = 8;
const HAS_PARENT_SUB = 0b0010_0000;
const HAS_ORIGIN = 0b1000_0000;
/** More structs than a few field writes is not the common case: the full path takes it. */
const MAX_FIELD_WRITES = 16;

export function isAcceptedFieldEdit(doc: Y.Doc, update: Uint8Array): boolean {
  try {
    return readsAsAcceptedFieldEdit(doc, update);
  } catch {
    return false; // malformed bytes: the full path refuses them with its own message
  }
}

function readsAsAcceptedFieldEdit(doc: Y.Doc, update: Uint8Array): boolean {
  const store = doc.store;
  const decoder = decoding.createDecoder(update);
  if (decoding.readVarUint(decoder) !== 1) return false;
  const count = decoding.readVarUint(decoder);
  const client = decoding.readVarUint(decoder);
  const clock = decoding.readVarUint(decoder);
  if (count === 0 || count > MAX_FIELD_WRITES) return false;
  // Exactly where the server's copy of this client ends: nothing skipped, nothing resent.
  if (clock !== Y.getState(store, client)) return false;
  for (let i = 0; i < count; i++) if (!readsAsAcceptedFieldWrite(decoder, doc)) return false;
  if (!readsAsKnownDeletes(decoder, store, client, clock + count)) return false;
  return !decoding.hasContent(decoder);
}

/** One struct: a plain value for a field of an existing record. */
function readsAsAcceptedFieldWrite(decoder: decoding.Decoder, doc: Y.Doc): boolean {
  const info = decoding.readUint8(decoder);
  let holder: Y.Item | null;
  let key: string | null;
  // Yjs sets the parentSub bit on every map value, and its decoders ignore it when an origin is
  // present (the parent and key are then the origin's): so does this.
  if ((info & ~HAS_PARENT_SUB) === (HAS_ORIGIN | CONTENT_ANY)) {
    const origin = itemInDoc(doc, readId(decoder));
    const record: unknown = origin?.parent;
    holder = record instanceof Y.AbstractType ? record._item : null;
    key = origin?.parentSub ?? null;
  } else if (info === (HAS_PARENT_SUB | CONTENT_ANY)) {
    if (decoding.readVarUint(decoder) !== 0) return false; // a root by name, not a record by id
    holder = itemInDoc(doc, readId(decoder));
    key = decoding.readVarString(decoder);
  } else {
    return false; // a right origin, a map, a string, a GC or skip struct: full path
  }
  if (decoding.readVarUint(decoder) !== 1) return false; // one value per field
  const value: unknown = decoding.readAny(decoder);
  return holder !== null && key !== null && isAcceptedFieldValue(doc, holder, key, value);
}

function readId(decoder: decoding.Decoder): Y.ID {
  return Y.createID(decoding.readVarUint(decoder), decoding.readVarUint(decoder));
}

/** The item with this id when the server's doc has it already (not when only this update does). */
function itemInDoc(doc: Y.Doc, id: Y.ID): Y.Item | null {
  if (id.clock >= Y.getState(doc.store, id.client)) return null;
  const struct = Y.getItem(doc.store, id);
  return struct instanceof Y.Item ? struct : null;
}

/**
 * `holder` stores a record under a key of a root map; `key` must be a field anyone may change
 * and `value` valid for it.
 */
function isAcceptedFieldValue(doc: Y.Doc, holder: Y.Item, key: string, value: unknown): boolean {
  const rootType: unknown = holder.parent;
  if (holder.parentSub === null || !(rootType instanceof Y.AbstractType) || rootType._item !== null) return false;
  const root = Y.findRootTypeKey(rootType);
  // Written once at creation, or counted against a persona's custom-field limit: full path.
  if (IMMUTABLE_FIELDS.has(key)) return false;
  if (root === BOARD_ROOTS.personas && customFieldIdOf(key) !== null) return false;
  return checkFieldValue(recordFieldSchema(root, key), value, key).ok;
}

/** Every deleted range is content the server has, or that this update brings (`updateEnd`). */
function readsAsKnownDeletes(decoder: decoding.Decoder, store: Y.Doc['store'], client: number, updateEnd: number): boolean {
  const clients = decoding.readVarUint(decoder);
  for (let i = 0; i < clients; i++) {
    const deleteClient = decoding.readVarUint(decoder);
    const ranges = decoding.readVarUint(decoder);
    const state = Y.getState(store, deleteClient);
    const known = deleteClient === client ? Math.max(state, updateEnd) : state;
    for (let r = 0; r < ranges; r++) {
      const rangeClock = decoding.readVarUint(decoder);
      const rangeLength = decoding.readVarUint(decoder);
      if (rangeClock + rangeLength > known) return false;
    }
  }
  return true;
}
