import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { connect, createRoom, firstPersonaId, takeSeat, whenSynced, type Seat, type Target } from '../bench/client';
import { addNote, notesMap } from '../lib/board';
import { newId } from '../lib/ids';
import { QUADRANT_IDS } from '../lib/quadrants';

// y-websocket adds a process 'exit' listener per provider.
process.setMaxListeners(0);

export { mapLimit, sleep, waitUntil } from '../bench/client';
export { seededRandom } from '../tests/helpers/prng';

/** One real y-websocket participant with the notes it created itself. */
export interface Peer {
  seat: Seat;
  doc: Y.Doc;
  provider: WebsocketProvider;
  personaId: string;
  created: Set<string>;
}

export function target(url: string): Target {
  return { kind: 'ours', url };
}

export async function newRoom(url: string, label: string): Promise<string> {
  return createRoom(target(url), label);
}

export async function joinPeer(url: string, room: string, name: string, syncTimeoutMs = 20_000): Promise<Peer> {
  const seat = await takeSeat(target(url), room, name);
  const doc = new Y.Doc();
  const provider = connect(target(url), seat, doc);
  await whenSynced(provider, syncTimeoutMs);
  const personaId = await firstPersonaId(target(url), doc, false, syncTimeoutMs);
  return { seat, doc, provider, personaId, created: new Set() };
}

/** Adds one note as this peer (works offline too: Yjs sends it on reconnect). */
export function addPeerNote(peer: Peer, random: () => number, text: string): string | null {
  const quadrant = QUADRANT_IDS[Math.floor(random() * QUADRANT_IDS.length)]!;
  // Marked as ours before the transaction: observers run inside addNote.
  const id = newId();
  peer.created.add(id);
  const result = addNote(peer.doc, {
    id,
    personaId: peer.personaId,
    quadrant,
    text,
    authorId: peer.seat.participantId,
    authorName: peer.seat.name,
  });
  if (!result.ok) peer.created.delete(id);
  return result.ok ? id : null;
}

/** Calls `onSeen(noteId)` for every note that arrives at this peer from someone else. */
export function watchArrivals(peer: Peer, onSeen: (noteId: string) => void): void {
  notesMap(peer.doc).observe((event) => {
    for (const key of event.keysChanged) {
      if (!peer.created.has(key) && notesMap(peer.doc).has(key)) onSeen(key);
    }
  });
}

export function destroyPeer(peer: Peer): void {
  peer.provider.destroy();
  peer.doc.destroy();
}

/** Note ids in `expected` that a fresh client of `room` does not get from the server. */
export async function missingOnServer(url: string, room: string, expected: Iterable<string>): Promise<string[]> {
  const fresh = await joinPeer(url, room, 'Checker');
  try {
    const notes = notesMap(fresh.doc);
    return [...expected].filter((id) => !notes.has(id));
  } finally {
    destroyPeer(fresh);
  }
}

export function noteIds(doc: Y.Doc): Set<string> {
  return new Set(notesMap(doc).keys());
}
