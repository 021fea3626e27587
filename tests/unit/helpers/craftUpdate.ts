import * as encoding from 'lib0/encoding';

/**
 * Hand-encodes a Yjs v1 update, for the hostile updates a real `Y.Doc` never produces
 * (forward references, self-parents, zero-length items, GC and Skip structs for any client,
 * right origins on map entries, every content type). Mirrors `Item.write` / `writeStructs` /
 * `writeDeleteSet` in yjs 13.6. Also used by the `yjs-structs` reliability fuzzer.
 */

export interface CraftedId {
  client: number;
  clock: number;
}

/** The content of one item; `any` values may be several (`isMany`), even none (a zero-length item). */
export type CraftedContent =
  | { any: unknown; isMany?: boolean }
  | { map: true }
  /** Another shared type: 0 YArray, 2 YText, 3 YXmlElement, 4 YXmlFragment, 5 YXmlHook, 6 YXmlText. */
  | { type: 0 | 2 | 3 | 4 | 5 | 6 }
  | { deleted: number }
  | { string: string }
  | { json: unknown[] }
  | { binary: Uint8Array }
  | { embed: unknown }
  | { format: [string, unknown] }
  | { doc: string };

export interface CraftedItem {
  /** A root name (`'notes'`) or the id of the map item that holds this one. */
  parent?: string | CraftedId;
  parentSub?: string;
  origin?: CraftedId;
  rightOrigin?: CraftedId;
  content: CraftedContent;
}

/** A GC or Skip struct of `length` clocks (a client's `items` may mix them with items). */
export interface CraftedGap {
  gc?: number;
  skip?: number;
}

export interface CraftedClient {
  client: number;
  /** Clock of the first struct; each item's length is its content's. */
  clock: number;
  items: (CraftedItem | CraftedGap)[];
}

const CONTENT_REF = { deleted: 1, json: 2, binary: 3, string: 4, embed: 5, format: 6, type: 7, any: 8, doc: 9 } as const;
const Y_MAP_TYPE_REF = 1;
const HAS_ORIGIN = 0b1000_0000;
const HAS_RIGHT_ORIGIN = 0b0100_0000;
const HAS_PARENT_SUB = 0b0010_0000;
const GC_REF = 0;
const SKIP_REF = 10;

function writeId(encoder: encoding.Encoder, id: CraftedId): void {
  encoding.writeVarUint(encoder, id.client);
  encoding.writeVarUint(encoder, id.clock);
}

function contentRef(content: CraftedContent): number {
  if ('map' in content || 'type' in content) return CONTENT_REF.type;
  return CONTENT_REF[Object.keys(content)[0] as keyof typeof CONTENT_REF];
}

/** The clocks an item of this content takes. */
export function contentLength(content: CraftedContent): number {
  if ('any' in content) return content.isMany ? (content.any as unknown[]).length : 1;
  if ('deleted' in content) return content.deleted;
  if ('string' in content) return content.string.length;
  if ('json' in content) return content.json.length;
  return 1;
}

function writeContent(encoder: encoding.Encoder, content: CraftedContent): void {
  if ('map' in content) encoding.writeVarUint(encoder, Y_MAP_TYPE_REF);
  else if ('type' in content) {
    encoding.writeVarUint(encoder, content.type);
    if (content.type === 3 || content.type === 5) encoding.writeVarString(encoder, 'p'); // the element's name
  } else if ('any' in content) {
    const values = content.isMany ? (content.any as unknown[]) : [content.any];
    encoding.writeVarUint(encoder, values.length);
    for (const value of values) encoding.writeAny(encoder, value as never);
  } else if ('deleted' in content) encoding.writeVarUint(encoder, content.deleted);
  else if ('string' in content) encoding.writeVarString(encoder, content.string);
  else if ('json' in content) {
    encoding.writeVarUint(encoder, content.json.length);
    for (const value of content.json) encoding.writeVarString(encoder, value === undefined ? 'undefined' : JSON.stringify(value));
  } else if ('binary' in content) encoding.writeVarUint8Array(encoder, content.binary);
  else if ('embed' in content) encoding.writeVarString(encoder, JSON.stringify(content.embed));
  else if ('format' in content) {
    encoding.writeVarString(encoder, content.format[0]);
    encoding.writeVarString(encoder, JSON.stringify(content.format[1]));
  } else {
    encoding.writeVarString(encoder, content.doc);
    encoding.writeAny(encoder, {});
  }
}

function writeItem(encoder: encoding.Encoder, item: CraftedItem): void {
  const info =
    contentRef(item.content) |
    (item.origin ? HAS_ORIGIN : 0) |
    (item.rightOrigin ? HAS_RIGHT_ORIGIN : 0) |
    (item.parentSub === undefined ? 0 : HAS_PARENT_SUB);
  encoding.writeUint8(encoder, info);
  if (item.origin) writeId(encoder, item.origin);
  if (item.rightOrigin) writeId(encoder, item.rightOrigin);
  if (!item.origin && !item.rightOrigin) {
    if (typeof item.parent === 'string') {
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarString(encoder, item.parent);
    } else {
      if (!item.parent) throw new Error('an item without origins needs a parent');
      encoding.writeVarUint(encoder, 0);
      writeId(encoder, item.parent);
    }
    if (item.parentSub !== undefined) encoding.writeVarString(encoder, item.parentSub);
  }
  writeContent(encoder, item.content);
}

function writeStruct(encoder: encoding.Encoder, struct: CraftedItem | CraftedGap): void {
  if ('content' in struct) return writeItem(encoder, struct);
  encoding.writeUint8(encoder, struct.skip === undefined ? GC_REF : SKIP_REF);
  encoding.writeVarUint(encoder, struct.skip ?? struct.gc ?? 0);
}

/** Deleted ranges of one client: `[clock, length]` pairs. */
export interface CraftedDeletes {
  client: number;
  ranges: [number, number][];
}

/** Encodes the given structs and delete set (empty unless given). */
export function craftUpdate(clients: CraftedClient[], deletes: CraftedDeletes[] = []): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clients.length);
  for (const { client, clock, items } of clients) {
    encoding.writeVarUint(encoder, items.length);
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
    for (const item of items) writeStruct(encoder, item);
  }
  encoding.writeVarUint(encoder, deletes.length);
  for (const { client, ranges } of deletes) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    for (const [clock, length] of ranges) {
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarUint(encoder, length);
    }
  }
  return encoding.toUint8Array(encoder);
}
