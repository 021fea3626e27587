import * as Y from 'yjs';
import { problem, type Problem } from './findings';
import { isNew, type Struct, type UpdateIndex } from './updateIndex';
import type { UpdateAuthor } from './validateUpdate';

/**
 * Who each Yjs client id belongs to: a participant id, `null` for the server's own docs, or
 * undefined for an id nobody was bound to.
 */
export interface ClientOwners {
  ownerOf(client: number): string | null | undefined;
}

export interface DeleteSetLike {
  clients: Map<number, { clock: number; len: number }[]>;
}

/**
 * The checks on the shape of an update's structs and their client ids, before anything is
 * located: nothing zero-length, no Skip (a gap), no right origins (the board has no lists),
 * nothing that depends on content the server lacks (it would sit in memory as pending structs
 * forever), and new structs only under client ids of the sender. GC structs (content created
 * and deleted before it was sent; an honest client sends them after deleting offline) are
 * accepted only there, at the sender's own next clocks, so they cannot squat anyone's clocks.
 * Returns the client ids this update introduces.
 */
export function checkStructs(
  doc: Y.Doc,
  index: UpdateIndex,
  author: UpdateAuthor | null,
  owners: ClientOwners | undefined,
): { newClients: number[] } | Problem {
  const newClients: number[] = [];
  for (const [client, list] of index.clients()) {
    const state = Y.getState(doc.store, client);
    if (list[0]!.id.clock > state) return problem('missing-dependency', null, 'update skips ahead of the document');
    let hasNew = false;
    for (const struct of list) {
      if (struct.length === 0) return problem('malformed', null, 'zero-length struct');
      if (struct instanceof Y.Skip) return problem('malformed', null, 'update has a gap');
      // Yjs asks every item of an update for its dependencies, a resent one too: one it cannot
      // resolve would sit in memory as pending forever and be merged into every later join.
      if (struct instanceof Y.Item && !hasKnownDependencies(doc, index, struct)) {
        return problem('missing-dependency', null, 'update depends on content the server does not have');
      }
      if (!isNew(doc, struct)) continue; // a resend of what the server has: Yjs skips it
      // Yjs would integrate only the unknown tail, re-anchored after this client's last struct
      // (wherever that is), not where the struct says: honest clients start at the server's state.
      if (struct.id.clock < state) return problem('malformed', null, "struct straddles the server's state");
      hasNew = true;
      if (struct instanceof Y.Item && struct.rightOrigin !== null)
        return problem('malformed', null, 'right origins are not used on the board');
    }
    if (!hasNew || !author || !owners) continue;
    const owner = owners.ownerOf(client);
    if (owner === author.participantId) continue;
    if (owner === undefined && state === 0) {
      newClients.push(client);
      continue;
    }
    const whose = owner === null ? 'the server' : owner === undefined ? 'nobody it can prove' : 'another participant';
    return problem('foreign-client', null, `client id ${client} belongs to ${whose}`);
  }
  return { newClients };
}

function hasKnownDependencies(doc: Y.Doc, index: UpdateIndex, item: Y.Item): boolean {
  const parentId = item.parent instanceof Y.ID ? item.parent : null;
  return isKnown(doc, index, item.origin, item) && isKnown(doc, index, item.rightOrigin, item) && isKnown(doc, index, parentId, item);
}

/**
 * Every referenced id must be in the doc already or in this update; a reference to the same
 * client's own content must point backwards (Yjs integrates a client's structs in order, so a
 * forward or self reference can never resolve).
 */
function isKnown(doc: Y.Doc, index: UpdateIndex, id: Y.ID | null, from: Struct): boolean {
  if (id === null) return true;
  if (id.clock < Y.getState(doc.store, id.client)) return true;
  if (id.client === from.id.client && id.clock >= from.id.clock) return false;
  return index.find(id) !== null;
}

/**
 * A delete set may only name content the server has or that this update brings, never an empty
 * range (stock clients throw encoding one they must keep pending). Returns, for each range, the
 * live items of the server's doc it deletes and the structs of this update it deletes.
 */
export function readDeletes(doc: Y.Doc, index: UpdateIndex, deletes: DeleteSetLike): { live: Y.Item[]; inUpdate: Set<Struct> } | Problem {
  const live: Y.Item[] = [];
  const inUpdate = new Set<Struct>();
  for (const [client, ranges] of deletes.clients) {
    const last = index.clientStructs(client)?.at(-1);
    const known = Math.max(Y.getState(doc.store, client), last ? last.id.clock + last.length : 0);
    for (const { clock, len } of ranges) {
      if (len === 0) return problem('malformed', null, 'zero-length delete');
      if (clock + len > known) return problem('missing-dependency', null, 'update deletes content the server does not have');
      for (const struct of index.overlapping(client, clock, len)) inUpdate.add(struct);
      for (const struct of docStructs(doc, client, clock, len)) if (struct instanceof Y.Item && !struct.deleted) live.push(struct);
    }
  }
  return { live, inUpdate };
}

/** The structs of `doc` (already integrated) that overlap `[clock, clock + length)` of `client`. */
function* docStructs(doc: Y.Doc, client: number, clock: number, length: number): Generator<Y.Item | Y.GC> {
  const structs = doc.store.clients.get(client);
  if (!structs || clock >= Y.getState(doc.store, client)) return;
  const end = clock + length;
  for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
    const struct = structs[i]!;
    if (struct.id.clock >= end) return;
    yield struct;
  }
}
