import * as Y from 'yjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initBoard, isMapNote, readBoard, type Board } from '../../lib/board';
import { sameValue } from '../../lib/boardRecords';
import { BoardStore } from '../../lib/boardStore';
import type { Note } from '../../lib/note';
import { notesByQuadrant, quadrantsOf, type QuadrantNotes } from '../../lib/quadrants';
import { diff } from './helpers/boardDocs';
import { seededRng, type Rng } from '../helpers/prng';
import { randomBoardOp, type OpContext } from './helpers/randomBoardOps';

/**
 * The incremental store against the full read: three peers make random changes (every kind of
 * record, persona deletes and restores, map and profile settings, undo and redo, re-created and
 * foreign records) and merge at random. After every step each peer's store must equal
 * `readBoard(doc)`, and whatever did not change must be the very same object as before.
 */

const SEEDS = 40;
const STEPS = 120;

interface Peer {
  doc: Y.Doc;
  store: BoardStore;
  context: OpContext;
  seen: Board;
  panels: Map<string, readonly QuadrantNotes<Note>[]>;
}

/** Record ids from the seed too, so a failing seed replays exactly. */
function seedIds(rng: Rng): void {
  vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
    const bytes = array as unknown as Uint8Array;
    for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(256);
    return array;
  });
}

afterEach(() => vi.restoreAllMocks());

function peers(seed: number, rng: Rng): Peer[] {
  let clock = 10_000;
  const now = () => ++clock;
  const graveyard = new Map<string, Record<string, unknown>>();
  const first = new Y.Doc();
  first.clientID = seed * 10 + 1;
  initBoard(first, { title: `Seed ${seed}`, now: now() });
  return [0, 1, 2].map((i) => {
    const doc = i === 0 ? first : new Y.Doc();
    if (i > 0) {
      doc.clientID = seed * 10 + i + 1;
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(first), 'remote');
    }
    const store = new BoardStore(doc);
    // The first peer undoes its own changes, as a screen with undo does.
    const undo = i === 0 ? new Y.UndoManager(Object.values(rootsOf(doc)), { captureTimeout: 0 }) : null;
    return { doc, store, context: { doc, rng, now, graveyard, undo }, seen: store.board, panels: new Map() };
  });
}

const rootsOf = (doc: Y.Doc) =>
  ['meta', 'personas', 'notes', 'groups', 'journeySteps', 'questions', 'actions'].map((root) => doc.getMap<unknown>(root));

function merge(a: Peer, b: Peer, rng: Rng): void {
  const toB = diff(a.doc, b.doc);
  const toA = diff(b.doc, a.doc);
  if (rng.int(3) !== 1) Y.applyUpdate(b.doc, toB, 'remote');
  if (rng.int(3) !== 2) Y.applyUpdate(a.doc, toA, 'remote');
}

/** Every record, array and meta of `next` equal to its counterpart in `previous` is the same object. */
function expectShared(previous: Board, next: Board): void {
  if (sameValue(previous.meta, next.meta)) expect(next.meta).toBe(previous.meta);
  for (const key of ['personas', 'notes', 'groups', 'journeySteps', 'questions', 'actions'] as const) {
    const before = new Map<string, unknown>(previous[key].map((record) => [record.id, record]));
    for (const record of next[key]) {
      const old = before.get(record.id);
      if (old !== undefined && sameValue(old, record)) expect(record, `${key} ${record.id}`).toBe(old);
    }
    const isSameList = previous[key].length === next[key].length && next[key].every((r, i) => r === previous[key][i]);
    if (isSameList) expect(next[key], key).toBe(previous[key]);
  }
}

/** The store's per-quadrant lists: equal to a fresh grouping, and the same arrays where unchanged. */
function expectLists(peer: Peer, board: Board): void {
  const quadrants = quadrantsOf(board.meta);
  for (const persona of board.personas) {
    const panels = peer.store.lists.quadrantNotes(persona.id);
    expect(panels).toEqual(
      notesByQuadrant(
        quadrants,
        board.notes.filter((n) => n.personaId === persona.id && isMapNote(n)),
      ),
    );
    expect(peer.store.lists.quadrantNotes(persona.id)).toBe(panels);
    const before = new Map(peer.panels.get(persona.id)?.map((panel) => [panel.quadrant.id, panel]));
    for (const panel of panels) {
      const old = before.get(panel.quadrant.id);
      const isSame =
        old &&
        old.quadrant === panel.quadrant &&
        old.notes.length === panel.notes.length &&
        panel.notes.every((n, i) => n === old.notes[i]);
      if (isSame) expect(panel).toBe(old);
      const groups = board.groups.filter((g) => g.personaId === persona.id && g.quadrant === panel.quadrant.id);
      expect(peer.store.lists.groupsIn(persona.id, panel.quadrant.id)).toEqual(groups);
    }
    peer.panels.set(persona.id, panels);
  }
}

function check(peer: Peer, where: string): void {
  const previous = peer.seen;
  peer.store.flush();
  const board = peer.store.board;
  expect(board, where).toEqual(readBoard(peer.doc));
  expectShared(previous, board);
  expectLists(peer, board);
  peer.seen = board;
}

describe('BoardStore equals readBoard after random operation sequences', () => {
  it.each(Array.from({ length: SEEDS }, (_, i) => i + 1))('seed %i', (seed) => {
    const rng = seededRng(seed);
    seedIds(rng);
    const all = peers(seed, rng);
    for (let step = 0; step < STEPS; step++) {
      if (rng.chance(0.2)) {
        const a = rng.pick(all);
        merge(a, rng.pick(all.filter((p) => p !== a)), rng);
      } else {
        randomBoardOp(rng.pick(all).context);
      }
      // Sometimes a peer lets changes pile up before it flushes, as a screen does within a frame.
      for (const peer of all) if (rng.chance(0.8)) check(peer, `seed ${seed}, step ${step}`);
    }
    for (let i = 1; i < all.length; i++) merge(all[0]!, all[i]!, { ...rng, int: () => 0 });
    for (const peer of all) check(peer, `seed ${seed}, end`);
  });
});
