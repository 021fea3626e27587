import * as Y from 'yjs';

export type Struct = Y.Item | Y.GC | Y.Skip;

/** Where a struct lands on the board: a root, a record key in it, a key (a field, or the record's key). */
export interface Location {
  root: string;
  /** The record's key inside a root map, when the struct lives inside a record. */
  record: string | null;
  /** The map key the struct is stored under (null: list content, which the board has none of). */
  key: string | null;
}

/** The structs of one decoded update, by client and clock. */
export class UpdateIndex {
  private readonly byClient = new Map<number, Struct[]>();

  constructor(structs: readonly Struct[]) {
    for (const struct of structs) {
      const list = this.byClient.get(struct.id.client) ?? [];
      list.push(struct);
      this.byClient.set(struct.id.client, list);
    }
  }

  clients(): IterableIterator<[number, Struct[]]> {
    return this.byClient.entries();
  }

  clientStructs(client: number): Struct[] | undefined {
    return this.byClient.get(client);
  }

  /** The struct of this update that holds `id`, or null. */
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

  /** This update's structs of `client` that overlap `[clock, clock + length)`. */
  *overlapping(client: number, clock: number, length: number): Generator<Struct> {
    for (const struct of this.byClient.get(client) ?? []) {
      if (struct.id.clock + struct.length > clock && struct.id.clock < clock + length) yield struct;
    }
  }
}

/** Is `struct` in this update and not yet (fully) in the server's doc? */
export function isNew(doc: Y.Doc, struct: Struct): boolean {
  return struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client);
}
