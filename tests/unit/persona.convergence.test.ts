import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addNote, initBoard, readAllPersonas, readBoard, readPersonas } from '../../lib/board';
import { addPersona, deletePersona, duplicatePersona, renamePersona, reorderPersona, restorePersona } from '../../lib/personaBoard';
import { PROFILE_FIELD_KEYS } from '../../lib/profile';
import { addCustomProfileField, setCustomFieldValue, setProfileField } from '../../lib/profileBoard';
import { diff, noteInput, syncBoth } from './helpers/boardDocs';
import { seededRng, type Rng } from '../helpers/prng';

/**
 * Seeded convergence of persona operations: 2–3 peers add, rename, reorder, duplicate, delete,
 * restore and edit profiles while mostly disconnected; after a full sync every peer must show
 * the same personas in the same order, with the same profiles and notes.
 */

const SEEDS = 60;
const STEPS_PER_RUN = 50;

function createPeers(rng: Rng, seed: number): Y.Doc[] {
  const peers = Array.from({ length: 2 + rng.int(2) }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = seed * 10 + i + 1;
    return doc;
  });
  initBoard(peers[0]!, { title: `Seed ${seed}`, now: 1 });
  for (const peer of peers.slice(1)) Y.applyUpdate(peer, Y.encodeStateAsUpdate(peers[0]!));
  return peers;
}

/** One random persona operation; failures (e.g. deleting the last persona) are allowed. */
function randomOperation(doc: Y.Doc, rng: Rng, now: number): void {
  const personas = readPersonas(doc);
  const all = readAllPersonas(doc);
  if (personas.length === 0) {
    addPersona(doc, { now });
    return;
  }
  const target = rng.pick(personas).id;
  const roll = rng.int(9);
  if (roll === 0) addPersona(doc, { now });
  else if (roll === 1) renamePersona(doc, target, `name ${now}`);
  else if (roll === 2) reorderPersona(doc, target, rng.int(personas.length + 1));
  else if (roll === 3) duplicatePersona(doc, target, { now });
  else if (roll === 4) deletePersona(doc, target, { now });
  else if (roll === 5) restorePersona(doc, rng.pick(all).id);
  else if (roll === 6) addNote(doc, noteInput(target, { text: `note ${now}`, now }));
  else setProfileField(doc, target, rng.pick(PROFILE_FIELD_KEYS), `value ${now}`);
}

function syncAll(peers: Y.Doc[]): void {
  for (let pass = 0; pass < 2; pass++) for (const a of peers) for (const b of peers) if (a !== b) Y.applyUpdate(b, diff(a, b));
}

function run(seed: number): Y.Doc[] {
  const rng = seededRng(seed);
  const peers = createPeers(rng, seed);
  let time = 1_000;
  for (let step = 0; step < STEPS_PER_RUN; step++) {
    if (rng.chance(0.2)) {
      const [a, b] = [rng.pick(peers), rng.pick(peers)];
      if (a !== b) Y.applyUpdate(b, diff(a, b));
    } else randomOperation(rng.pick(peers), rng, ++time);
  }
  syncAll(peers);
  return peers;
}

describe('persona convergence under random operations and disconnects', () => {
  it(`converges for ${SEEDS} seeds`, () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const [first, ...rest] = run(seed);
      const board = readBoard(first!);
      for (const doc of rest) {
        expect(readBoard(doc), `seed ${seed}: boards differ`).toEqual(board);
        expect(readAllPersonas(doc), `seed ${seed}: deleted personas differ`).toEqual(readAllPersonas(first!));
        expect(doc.store.pendingStructs, `seed ${seed}: pending structs`).toBeNull();
      }
      const ids = board.personas.map((p) => p.id);
      expect(new Set(ids).size, `seed ${seed}: a persona was read twice`).toBe(ids.length);
      const liveIds = new Set(ids);
      expect(
        board.notes.every((n) => liveIds.has(n.personaId)),
        `seed ${seed}: a deleted persona's note shows`,
      ).toBe(true);
    }
  });
});

function twoPeers() {
  const a = new Y.Doc();
  const persona = initBoard(a, { title: 'T', now: 1 });
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return { a, b, persona };
}

describe('concurrent persona edits', () => {
  it('keeps two people editing different profile fields and different custom fields at once', () => {
    const { a, b, persona } = twoPeers();
    const brands = addCustomProfileField(a, 'Brands');
    const devices = addCustomProfileField(a, 'Devices');
    if (!brands.ok || !devices.ok) throw new Error('setup');
    syncBoth(a, b);
    setProfileField(a, persona.id, 'age', '34');
    setCustomFieldValue(a, persona.id, brands.value.id, 'Ikea');
    setProfileField(b, persona.id, 'fears', 'Hidden fees');
    setCustomFieldValue(b, persona.id, devices.value.id, 'Old Android phone');
    syncBoth(a, b);
    for (const doc of [a, b]) {
      expect(readPersonas(doc)[0]).toMatchObject({
        age: '34',
        fears: 'Hidden fees',
        customValues: { [brands.value.id]: 'Ikea', [devices.value.id]: 'Old Android phone' },
      });
    }
  });

  it('orders two personas moved to the same place the same way on every peer', () => {
    const { a, b } = twoPeers();
    for (const name of ['B', 'C', 'D']) addPersona(a, { name });
    syncBoth(a, b);
    const [, , c, d] = readPersonas(a);
    reorderPersona(a, c!.id, 0);
    reorderPersona(b, d!.id, 0);
    syncBoth(a, b);
    expect(readPersonas(a).map((p) => p.name)).toEqual(readPersonas(b).map((p) => p.name));
    expect(
      readPersonas(a)
        .slice(2)
        .map((p) => p.name),
    ).toEqual(['Persona 1', 'B']);
  });

  it('a delete hides what someone added meanwhile, and undo brings all of it back', () => {
    const { a, b, persona } = twoPeers();
    const other = addPersona(a, { name: 'Adams' });
    if (!other.ok) throw new Error('setup');
    syncBoth(a, b);
    deletePersona(a, other.value.id);
    setProfileField(b, other.value.id, 'quote', 'We compare everything');
    addNote(b, noteInput(other.value.id, { text: 'Reads every review' }));
    syncBoth(a, b);
    for (const doc of [a, b]) expect(readBoard(doc).personas.map((p) => p.id)).toEqual([persona.id]);
    expect(readBoard(a).notes).toEqual([]);
    restorePersona(a, other.value.id);
    syncBoth(a, b);
    for (const doc of [a, b]) {
      expect(readPersonas(doc)[1]).toMatchObject({ name: 'Adams', quote: 'We compare everything' });
      expect(readBoard(doc).notes.map((n) => n.text)).toEqual(['Reads every review']);
    }
  });

  it('two people deleting the last two personas at once leave an empty board someone can add to', () => {
    const { a, b, persona } = twoPeers();
    const other = addPersona(a);
    if (!other.ok) throw new Error('setup');
    syncBoth(a, b);
    deletePersona(a, persona.id);
    deletePersona(b, other.value.id);
    syncBoth(a, b);
    expect(readPersonas(a)).toEqual([]);
    expect(addPersona(b).ok).toBe(true);
    syncBoth(a, b);
    expect(readPersonas(a)).toEqual(readPersonas(b));
    expect(readPersonas(a)).toHaveLength(1);
  });
});
