import * as encoding from 'lib0/encoding';

/**
 * Hand-encodes a Yjs v1 update, for the hostile updates a real `Y.Doc` never produces
 * (forward references, self-parents). Mirrors `Item.write` / `writeStructs` in yjs 13.6.
 */

export interface CraftedId {
  client: number;
  clock: number;
}

export interface CraftedItem {
  /** A root name (`'notes'`) or the id of the map item that holds this one. */
  parent?: string | CraftedId;
  parentSub?: string;
  origin?: CraftedId;
  /** `{ any: v }` for a plain value (`{ any: [a, b] , isMany: true }` for several), `{ map: true }` for an empty `Y.Map`. */
  content: { any: unknown; isMany?: boolean } | { map: true };
}

export interface CraftedClient {
  client: number;
  /** Clock of the first item; each item has length 1. */
  clock: number;
  items: CraftedItem[];
}

const CONTENT_ANY_REF = 8;
const CONTENT_TYPE_REF = 7;
const Y_MAP_TYPE_REF = 1;
const HAS_ORIGIN = 0b1000_0000;
const HAS_PARENT_SUB = 0b0010_0000;

function writeId(encoder: encoding.Encoder, id: CraftedId): void {
  encoding.writeVarUint(encoder, id.client);
  encoding.writeVarUint(encoder, id.clock);
}

function writeItem(encoder: encoding.Encoder, item: CraftedItem): void {
  const contentRef = 'map' in item.content ? CONTENT_TYPE_REF : CONTENT_ANY_REF;
  const info = contentRef | (item.origin ? HAS_ORIGIN : 0) | (item.parentSub === undefined ? 0 : HAS_PARENT_SUB);
  encoding.writeUint8(encoder, info);
  if (item.origin) {
    writeId(encoder, item.origin);
  } else {
    if (typeof item.parent === 'string') {
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarString(encoder, item.parent);
    } else {
      if (!item.parent) throw new Error('an item without origin needs a parent');
      encoding.writeVarUint(encoder, 0);
      writeId(encoder, item.parent);
    }
    if (item.parentSub !== undefined) encoding.writeVarString(encoder, item.parentSub);
  }
  if ('map' in item.content) {
    encoding.writeVarUint(encoder, Y_MAP_TYPE_REF);
  } else if (item.content.isMany) {
    const values = item.content.any as unknown[];
    encoding.writeVarUint(encoder, values.length);
    for (const value of values) encoding.writeAny(encoder, value as never);
  } else {
    encoding.writeVarUint(encoder, 1);
    encoding.writeAny(encoder, item.content.any as never);
  }
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
    for (const item of items) writeItem(encoder, item);
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
