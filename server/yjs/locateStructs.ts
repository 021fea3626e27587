import * as Y from 'yjs';
import type { Location, Struct, UpdateIndex } from './updateIndex';

/** A location, plus the record item holding it when it is a field of a record. */
export interface Placement extends Location {
  holder: Y.Item | null;
}

/** Marks a struct whose location is being resolved: meeting it again means a reference cycle. */
const RESOLVING = Symbol('resolving');

/**
 * Resolves where structs land on the board, whether they come with the update (parent given by
 * root name, by the id of the record map holding them, or implied by an origin) or are already
 * in the server's doc (integrated, with a parent type). A struct whose parent is gone (garbage
 * collected) locates as null: Yjs turns it into a GC struct too, so it changes nothing.
 */
export class Locator {
  private readonly locations = new Map<Struct, Placement | null | typeof RESOLVING>();
  /** Set when a crafted update's references loop back on themselves. */
  hasCycle = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly index: UpdateIndex,
  ) {}

  /**
   * The struct holding `id`: the server's doc's when it has that clock (a resent copy in the update
   * may say anything, and Yjs skips it), else this update's; null if neither has it.
   */
  lookup(id: Y.ID): Struct | null {
    if (id.clock < Y.getState(this.doc.store, id.client)) return Y.getItem(this.doc.store, id) as Struct;
    return this.index.find(id);
  }

  locate(struct: Struct): Placement | null {
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

  private locateItem(item: Y.Item): Placement | null {
    const parent: unknown = item.parent;
    if (parent instanceof Y.AbstractType) return this.locateIntegrated(item, parent);
    if (typeof parent === 'string') return { root: parent, record: null, key: item.parentSub, holder: null };
    if (parent instanceof Y.ID) {
      const holder = this.lookup(parent);
      if (!(holder instanceof Y.Item)) return null;
      const at = this.locate(holder);
      if (!at || at.record !== null || at.key === null) return null;
      return { root: at.root, record: at.key, key: item.parentSub, holder };
    }
    // Decoded with an origin: Yjs takes the parent and key from that neighbour.
    const neighbour = item.origin ?? item.rightOrigin;
    const next = neighbour ? this.lookup(neighbour) : null;
    return next ? this.locate(next) : null;
  }

  private locateIntegrated(item: Y.Item, parent: Y.AbstractType<unknown>): Placement | null {
    const holder = parent._item;
    if (holder === null) return { root: Y.findRootTypeKey(parent), record: null, key: item.parentSub, holder: null };
    const at = this.locate(holder);
    if (!at || at.record !== null || at.key === null) return null;
    return { root: at.root, record: at.key, key: item.parentSub, holder };
  }
}
