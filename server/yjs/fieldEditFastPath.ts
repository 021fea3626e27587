import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { fieldRule, mayChangeNote, type Actor } from '../../lib/permissions';
import { customFieldIdOf } from '../../lib/profile';
import { BOARD_ROOTS } from '../../lib/roots';
import { checkFieldValue, recordFieldSchema } from './boardSchema';
import type { ClientOwners } from './checkStructs';

/**
 * The update a workshop sends most: one client writing fields of records the server already has
 * (a note's text, quadrant, colour or group). Such an update is one struct per field, each a
 * plain value stored either after the field's current value (its origin) or, for a field the
 * record lacks so far, under the record's map by id; plus a delete set of exactly the values it
 * replaces (those origins). This reads those bytes directly (Yjs's v1 encoding, as
 * `readClientsStructRefs` and `readDeleteSet` do) instead of decoding the update into items,
 * indexing them and resolving each one's location.
 *
 * It only ever says "accept": true when every check of the full validator passes for this
 * shape (the sender's own bound client id, a live record, a field the sender may write, a valid
 * value, deletes that are overwrites), false for anything else, unusual or refused alike, which
 * then takes the full path and gets its exact verdict there. A differential test holds the two
 * to that.
 */

/** Content ref 8: ContentAny, a plain value. */
const CONTENT_ANY = 8;
const HAS_PARENT_SUB = 0b0010_0000;
const HAS_ORIGIN = 0b1000_0000;
/** More structs than a few field writes is not the common case: the full path takes it. */
const MAX_FIELD_WRITES = 16;

export interface FastPathContext {
  author: (Actor & { name: string }) | null;
  owners?: ClientOwners;
}

export function isAcceptedFieldEdit(doc: Y.Doc, update: Uint8Array, context: FastPathContext): boolean {
  try {
    return readsAsAcceptedFieldEdit(doc, update, context);
  } catch {
    return false; // malformed bytes: the full path refuses them with its own message
  }
}

function readsAsAcceptedFieldEdit(doc: Y.Doc, update: Uint8Array, context: FastPathContext): boolean {
  const store = doc.store;
  const decoder = decoding.createDecoder(update);
  if (decoding.readVarUint(decoder) !== 1) return false;
  const count = decoding.readVarUint(decoder);
  const client = decoding.readVarUint(decoder);
  const clock = decoding.readVarUint(decoder);
  if (count === 0 || count > MAX_FIELD_WRITES) return false;
  // Exactly where the server's copy of this client ends: nothing skipped, nothing resent.
  if (clock !== Y.getState(store, client)) return false;
  const { author, owners } = context;
  if (author && owners && owners.ownerOf(client) !== author.participantId) return false;
  const replaced = new Set<string>();
  for (let i = 0; i < count; i++) if (!readsAsAcceptedFieldWrite(decoder, doc, author, replaced)) return false;
  if (!readsAsOverwrites(decoder, replaced)) return false;
  return !decoding.hasContent(decoder);
}

/** One struct: a plain value for a field of a live record that `author` may write. */
function readsAsAcceptedFieldWrite(
  decoder: decoding.Decoder,
  doc: Y.Doc,
  author: FastPathContext['author'],
  replaced: Set<string>,
): boolean {
  const info = decoding.readUint8(decoder);
  let holder: Y.Item | null;
  let key: string | null;
  // Yjs sets the parentSub bit on every map value, and its decoders ignore it when an origin is
  // present (the parent and key are then the origin's): so does this.
  if ((info & ~HAS_PARENT_SUB) === (HAS_ORIGIN | CONTENT_ANY)) {
    const originId = readId(decoder);
    const origin = itemInDoc(doc, originId);
    const record: unknown = origin?.parent;
    holder = record instanceof Y.AbstractType ? record._item : null;
    key = origin?.parentSub ?? null;
    replaced.add(`${originId.client}:${originId.clock}`);
  } else if (info === (HAS_PARENT_SUB | CONTENT_ANY)) {
    if (decoding.readVarUint(decoder) !== 0) return false; // a root by name, not a record by id
    holder = itemInDoc(doc, readId(decoder));
    key = decoding.readVarString(decoder);
  } else {
    return false; // a right origin, a map, a string, a GC or skip struct: full path
  }
  if (decoding.readVarUint(decoder) !== 1) return false; // one value per field
  const value: unknown = decoding.readAny(decoder);
  return holder !== null && key !== null && isAcceptedFieldValue(holder, key, value, author);
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
 * `holder` is a live record under a key of a root map; `key` must be a field `author` may
 * change and `value` valid for it.
 */
function isAcceptedFieldValue(holder: Y.Item, key: string, value: unknown, author: FastPathContext['author']): boolean {
  const rootType: unknown = holder.parent;
  if (holder.deleted || holder.parentSub === null || !(rootType instanceof Y.AbstractType) || rootType._item !== null) return false;
  const root = Y.findRootTypeKey(rootType);
  const rule = fieldRule(root, key);
  // Written once at creation, counted against a persona's custom-field limit, or hiding a
  // persona (one must stay on the board): full path.
  if (rule === 'immutable') return false;
  if (root === BOARD_ROOTS.personas && (customFieldIdOf(key) !== null || key === 'deletedAt')) return false;
  if (rule === 'author' && author && !isNoteOf(holder, author)) return false;
  return checkFieldValue(recordFieldSchema(root, key), value, key).ok;
}

function isNoteOf(holder: Y.Item, author: Actor): boolean {
  const note = holder.content instanceof Y.ContentType ? holder.content.type : null;
  if (!(note instanceof Y.Map)) return false;
  const authorId: unknown = note.get('authorId');
  const authorName: unknown = note.get('authorName');
  return typeof authorId === 'string' && typeof authorName === 'string' && mayChangeNote({ authorId, authorName }, author);
}

/** Every deleted id is the value one of the writes replaces (its origin): an overwrite, nothing more. */
function readsAsOverwrites(decoder: decoding.Decoder, replaced: Set<string>): boolean {
  const clients = decoding.readVarUint(decoder);
  for (let i = 0; i < clients; i++) {
    const deleteClient = decoding.readVarUint(decoder);
    const ranges = decoding.readVarUint(decoder);
    for (let r = 0; r < ranges; r++) {
      const rangeClock = decoding.readVarUint(decoder);
      const rangeLength = decoding.readVarUint(decoder);
      if (rangeLength === 0 || rangeLength > MAX_FIELD_WRITES) return false;
      for (let c = rangeClock; c < rangeClock + rangeLength; c++) if (!replaced.has(`${deleteClient}:${c}`)) return false;
    }
  }
  return true;
}
