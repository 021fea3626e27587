import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addNote, deleteNote, editNoteText, initBoard, moveNote, readBoard, readNotes, setNoteColor } from '../../lib/board';
import { NOTE_COLORS } from '../../lib/note';
import { QUADRANT_IDS } from '../../lib/quadrants';
import { diff } from './helpers/boardDocs';
import { seededRng, type Rng } from '../helpers/prng';

/**
 * Seeded convergence runs: 2–4 peers edit the same board while mostly disconnected, exchanging
 * state-vector diffs only at random sync points. Client ids and note times come from the seed, so
 * a failing seed replays the same run (note ids are random, but the peers choose notes by their
 * position in `readNotes`, which the unique times fix).
 */

const SEEDS = 100;
const STEPS_PER_RUN = 60;

interface Peer {
  doc: Y.Doc;
  participantId: string;
}

interface RunLog {
  created: Set<string>;
  deleted: Set<string>;
  /** Every text each note was ever given, to check the merged text is one of them. */
  texts: Map<string, Set<string>>;
}

function createPeers(rng: Rng, seed: number): Peer[] {
  const count = 2 + rng.int(3);
  const peers = Array.from({ length: count }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = seed * 10 + i + 1;
    return { doc, participantId: `peer${String(i).padStart(12, '0')}` };
  });
  const first = peers[0]!.doc;
  initBoard(first, { title: `Seed ${seed}`, now: 1 });
  for (const peer of peers.slice(1)) Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(first));
  return peers;
}

function exchange(a: Y.Doc, b: Y.Doc, rng: Rng): void {
  const toB = diff(a, b);
  const toA = diff(b, a);
  // Half the sync points are one-way: the return message is lost with the connection.
  const direction = rng.int(4);
  if (direction !== 1) Y.applyUpdate(b, toB);
  if (direction !== 2) Y.applyUpdate(a, toA);
}

/** One random board operation by one peer, on a note it can currently see. */
function randomOperation(peer: Peer, rng: Rng, log: RunLog, nextTime: () => number): void {
  const { doc } = peer;
  const notes = readNotes(doc);
  const roll = rng.next();
  if (notes.length === 0 || roll < 0.3) {
    const personaId = readBoard(doc).personas[0]!.id;
    const text = `note ${nextTime()}`;
    const result = addNote(doc, {
      personaId,
      quadrant: rng.pick(QUADRANT_IDS),
      text,
      color: rng.chance(0.5) ? rng.pick(NOTE_COLORS) : undefined,
      authorId: peer.participantId,
      authorName: peer.participantId.slice(0, 8),
      now: nextTime(),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    log.created.add(result.value.id);
    log.texts.set(result.value.id, new Set([text]));
    return;
  }
  const target = rng.pick(notes).id;
  if (roll < 0.5) {
    const text = `edit ${nextTime()}`;
    expect(editNoteText(doc, target, text).ok).toBe(true);
    log.texts.get(target)?.add(text);
  } else if (roll < 0.65) {
    expect(moveNote(doc, target, rng.pick(QUADRANT_IDS)).ok).toBe(true);
  } else if (roll < 0.8) {
    expect(setNoteColor(doc, target, rng.pick(NOTE_COLORS)).ok).toBe(true);
  } else {
    expect(deleteNote(doc, target).ok).toBe(true);
    log.deleted.add(target);
  }
}

function syncAll(peers: Peer[]): void {
  // Two passes over every pair: after the first, every peer has everything some peer had.
  for (let pass = 0; pass < 2; pass++) {
    for (const a of peers) for (const b of peers) if (a !== b) Y.applyUpdate(b.doc, diff(a.doc, b.doc));
  }
}

function runSeed(seed: number): { peers: Peer[]; log: RunLog } {
  const rng = seededRng(seed);
  const peers = createPeers(rng, seed);
  const log: RunLog = { created: new Set(), deleted: new Set(), texts: new Map() };
  let time = 1_000;
  const nextTime = () => ++time;
  for (let step = 0; step < STEPS_PER_RUN; step++) {
    if (rng.chance(0.15)) {
      const a = rng.pick(peers);
      const others = peers.filter((peer) => peer !== a);
      exchange(a.doc, rng.pick(others).doc, rng);
    } else {
      randomOperation(rng.pick(peers), rng, log, nextTime);
    }
  }
  syncAll(peers);
  return { peers, log };
}

function expectConverged(seed: number): void {
  const { peers, log } = runSeed(seed);
  const [first, ...rest] = peers.map((peer) => peer.doc);
  const board = readBoard(first!);
  for (const doc of rest) {
    expect(readBoard(doc), `seed ${seed}: boards differ`).toEqual(board);
    expect(Y.encodeStateVector(doc), `seed ${seed}: state vectors differ`).toEqual(Y.encodeStateVector(first!));
  }
  for (const doc of [first!, ...rest]) {
    expect(doc.store.pendingStructs, `seed ${seed}: pending structs`).toBeNull();
    expect(doc.store.pendingDs, `seed ${seed}: pending deletes`).toBeNull();
  }
  const ids = board.notes.map((note) => note.id);
  const survivors = [...log.created].filter((id) => !log.deleted.has(id));
  expect(ids.length, `seed ${seed}: a note was read twice`).toBe(new Set(ids).size);
  expect([...ids].sort(), `seed ${seed}: wrong set of notes`).toEqual(survivors.sort());
  for (const note of board.notes) {
    expect(log.texts.get(note.id)?.has(note.text), `seed ${seed}: ${note.id} has a text nobody wrote`).toBe(true);
  }
  expect(board.personas).toHaveLength(1);
}

describe('board convergence under random operations and disconnects', () => {
  it(`converges for ${SEEDS} seeds`, () => {
    for (let seed = 1; seed <= SEEDS; seed++) expectConverged(seed);
  });

  it('replays a seed exactly', () => {
    const strip = (board: ReturnType<typeof readBoard>) => board.notes.map(({ id: _id, personaId: _personaId, ...rest }) => rest);
    const once = runSeed(42).peers[0]!.doc;
    const again = runSeed(42).peers[0]!.doc;
    expect(strip(readBoard(again))).toEqual(strip(readBoard(once)));
  });

  it('keeps a concurrent edit and move of the same note, and lets a delete win over both', () => {
    const a = new Y.Doc();
    const persona = initBoard(a, { title: 'T', now: 1 });
    const b = new Y.Doc();
    const c = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const added = addNote(a, {
      personaId: persona.id,
      quadrant: 'sees',
      text: 'first',
      authorId: 'peer000000000000',
      authorName: 'A',
      now: 5,
    });
    if (!added.ok) throw new Error(added.error);
    Y.applyUpdate(b, diff(a, b));
    Y.applyUpdate(c, Y.encodeStateAsUpdate(a));
    editNoteText(a, added.value.id, 'edited on a');
    moveNote(b, added.value.id, 'gains');
    Y.applyUpdate(b, diff(a, b));
    Y.applyUpdate(a, diff(b, a));
    expect(readNotes(a)).toEqual([{ ...added.value, text: 'edited on a', quadrant: 'gains' }]);
    expect(readNotes(b)).toEqual(readNotes(a));
    deleteNote(c, added.value.id);
    editNoteText(a, added.value.id, 'edited after the delete');
    for (const [from, to] of [
      [c, a],
      [a, c],
      [c, b],
      [a, b],
    ] as const)
      Y.applyUpdate(to, diff(from, to));
    for (const doc of [a, b, c]) expect(readNotes(doc)).toEqual([]);
  });
});
