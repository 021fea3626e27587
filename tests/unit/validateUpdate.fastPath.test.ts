import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addQuestion, editQuestion } from '../../lib/actions';
import { addNote, editNoteText, initBoard, moveNote, readNotes, setNoteColor, setNoteEvidence } from '../../lib/board';
import { createGroup, renameGroup, setNoteGroup } from '../../lib/groups';
import { LIMITS } from '../../lib/limits';
import { NOTE_COLORS } from '../../lib/note';
import { renamePersona } from '../../lib/personaBoard';
import { QUADRANT_IDS } from '../../lib/quadrants';
import { isAcceptedFieldEdit } from '../../server/yjs/fieldEditFastPath';
import { validateUpdate, validateUpdateFully, type UpdateAuthor } from '../../server/yjs/validateUpdate';
import { ANN, diff, noteInput, recordUpdates, syncedCopy } from './helpers/boardDocs';
import { craftUpdate, type CraftedDeletes, type CraftedItem } from './helpers/craftUpdate';
import { seededRng, type Rng } from '../helpers/prng';
import { serverAndClient } from './helpers/validateDocs';

/**
 * The field-edit fast path may only accept what the full validator accepts. These tests compare
 * the two verdicts on the edits the app makes and on many hostile variants of them.
 */

const FULL = { author: ANN, docBytes: 0 };

/** Fast path said yes ⇒ the full validator must say yes. Returns the fast verdict. */
function expectAgreement(server: Y.Doc, update: Uint8Array, context: string, author: UpdateAuthor = ANN): boolean {
  const isFast = isAcceptedFieldEdit(server, update, { author });
  const full = validateUpdateFully(server, update, { author, docBytes: 0 });
  if (isFast) expect(full, `${context}: the fast path accepted what the full validator refuses`).toMatchObject({ ok: true });
  // And the combined validator gives the full verdict either way.
  expect(validateUpdate(server, update, { author, docBytes: 0 }), context).toEqual(full);
  return isFast;
}

/** A board with a few notes, a group, a question, several clients' items and some deletions. */
function busyBoard() {
  const { server, client, persona } = serverAndClient();
  const question = addQuestion(client, { personaId: persona.id, text: 'Why the morning rush?', now: 6 });
  if (!question.ok) throw new Error(question.error);
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) {
    const added = addNote(client, noteInput(persona.id, { text: `note ${i}`, now: 10 + i }));
    if (added.ok) ids.push(added.value.id);
  }
  const group = createGroup(client, { personaId: persona.id, quadrant: 'pains', name: 'Queue', noteIds: [ids[1]!], now: 5 });
  if (!group.ok) throw new Error(group.error);
  editNoteText(client, ids[0]!, 'edited once');
  (client.getMap('personas').get(persona.id) as Y.Map<unknown>).set('custom_abcdefghijklmnop', 'a custom value');
  Y.applyUpdate(server, diff(client, server));
  return { server, client, persona, ids, groupId: group.value.id, questionId: question.value.id };
}

describe('the field-edit fast path', () => {
  it('takes the edits the app makes to existing records', () => {
    const board = busyBoard();
    const { server, persona, ids, groupId, questionId } = board;
    const edits: [string, (doc: Y.Doc) => void][] = [
      ['note text', (doc) => editNoteText(doc, ids[2]!, 'Compares prices on two phones')],
      ['note quadrant', (doc) => moveNote(doc, ids[2]!, 'thinks_feels')],
      ['note colour', (doc) => setNoteColor(doc, ids[3]!, 'orange')],
      ['note evidence', (doc) => setNoteEvidence(doc, ids[3]!, 'observed')],
      ['note group', (doc) => setNoteGroup(doc, ids[4]!, groupId)],
      ['group name', (doc) => renameGroup(doc, groupId, 'Waiting')],
      ['question text', (doc) => editQuestion(doc, questionId, 'Why at nine?')],
      ['persona name', (doc) => renamePersona(doc, persona.id, 'Mia')],
    ];
    for (const [name, edit] of edits) {
      const client = syncedCopy(server);
      const updates = recordUpdates(client);
      edit(client);
      expect(updates, name).toHaveLength(1);
      expect(isAcceptedFieldEdit(server, updates[0]!, FULL), name).toBe(true);
      expect(validateUpdateFully(server, updates[0]!, FULL), name).toMatchObject({ ok: true });
      Y.applyUpdate(server, updates[0]!);
    }
  });

  it('leaves new records, immutable fields, custom persona fields and meta to the full path', () => {
    const { server, client, persona, ids } = busyBoard();
    const cases: [string, (doc: Y.Doc) => void][] = [
      ['a new note', (doc) => addNote(doc, noteInput(persona.id, { now: 99 }))],
      ['a note author', (doc) => (doc.getMap('notes').get(ids[0]!) as Y.Map<unknown>).set('authorId', ANN.participantId)],
      ['a custom field', (doc) => (doc.getMap('personas').get(persona.id) as Y.Map<unknown>).set('custom_abcdefghijklmnop', 'x')],
      ['the title', (doc) => doc.getMap('meta').set('title', 'Renamed')],
    ];
    for (const [name, change] of cases) {
      const copy = syncedCopy(server);
      const updates = recordUpdates(copy);
      change(copy);
      expect(isAcceptedFieldEdit(server, updates[0]!, FULL), name).toBe(false);
    }
    expect(readNotes(client)).toHaveLength(6);
  });

  it('agrees with the full validator on every update of random sessions', () => {
    let fast = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const rng = seededRng(seed);
      const server = new Y.Doc();
      const persona = initBoard(server, { title: 'T', now: 1 });
      const people = [syncedCopy(server, seed * 10 + 1), syncedCopy(server, seed * 10 + 2)];
      for (let step = 0; step < 40; step++) {
        const doc = rng.pick(people);
        const notes = readNotes(doc);
        const updates = recordUpdates(doc);
        if (notes.length === 0 || rng.chance(0.3)) addNote(doc, noteInput(persona.id, { text: `idea ${step}`, now: step }));
        else if (rng.chance(0.4)) editNoteText(doc, rng.pick(notes).id, `edit ${step}`);
        else if (rng.chance(0.5)) moveNote(doc, rng.pick(notes).id, rng.pick(QUADRANT_IDS));
        else setNoteColor(doc, rng.pick(notes).id, rng.pick(NOTE_COLORS));
        // Each update on its own (may depend on what the server lacks), then the full diff.
        for (const update of updates) if (expectAgreement(server, update, `seed ${seed} step ${step}`)) fast++;
        const update = diff(doc, server);
        if (expectAgreement(server, update, `seed ${seed} step ${step} diff`)) fast++;
        Y.applyUpdate(server, update);
        if (rng.chance(0.5)) Y.applyUpdate(doc, diff(server, doc));
      }
    }
    expect(fast).toBeGreaterThan(200);
  });
});

/** Every id in the server's doc (each struct's first and last clock): the origins a hostile client may name. */
function knownIds(doc: Y.Doc): Y.ID[] {
  const ids: Y.ID[] = [];
  for (const [client, structs] of doc.store.clients) {
    for (const struct of structs) {
      ids.push(Y.createID(client, struct.id.clock));
      if (struct.length > 1) ids.push(Y.createID(client, struct.id.clock + struct.length - 1));
    }
  }
  return ids;
}

const HOSTILE_VALUES: unknown[] = [
  'plain text',
  'x'.repeat(LIMITS.noteTextChars + 1),
  '',
  'pains',
  'Pains',
  'pink',
  'mauve',
  'observed',
  null,
  undefined,
  0,
  -1,
  1.5,
  2 ** 53,
  true,
  ['a'],
  { text: 'x' },
  JSON.parse('{"__proto__": {"polluted": true}}'),
  new Uint8Array([1, 2, 3]),
  'note000000000001',
  ANN.participantId,
];

const HOSTILE_KEYS = [
  'text',
  'quadrant',
  'color',
  'evidence',
  'groupId',
  'journeyStepId',
  'name',
  'title',
  'id',
  'authorId',
  'authorName',
  'createdAt',
  'custom_abcdefghijklmnop',
  'custom_zzzzzzzzzzzzzzzz',
  'unknown',
  '__proto__',
  'constructor',
];

function hostileUpdate(server: Y.Doc, rng: Rng, origins: Y.ID[]): Uint8Array {
  const clients = [...server.store.clients.keys()];
  const client = rng.chance(0.8) ? rng.pick(clients) : 5000 + rng.int(3);
  const state = Y.getState(server.store, client);
  const clock = Math.max(0, state + (rng.chance(0.85) ? 0 : rng.pick([-1, 1, 2])));
  const items: CraftedItem[] = Array.from({ length: 1 + (rng.chance(0.8) ? 0 : rng.int(3)) }, (_, i) => {
    const known = rng.chance(0.9) ? rng.pick(origins) : { client, clock: clock + i - rng.int(2) };
    const value = rng.chance(0.1) ? [rng.pick(HOSTILE_VALUES), rng.pick(HOSTILE_VALUES)] : rng.pick(HOSTILE_VALUES);
    const content = { any: value, isMany: Array.isArray(value) && rng.chance(0.5) };
    // After a field's current value (origin), or under a record's map by id with a key (parent).
    if (rng.chance(0.6)) return { origin: known, content };
    const parent = rng.chance(0.9) ? known : rng.pick(['notes', 'meta', 'personas']);
    return { parent, parentSub: rng.chance(0.95) ? rng.pick(HOSTILE_KEYS) : undefined, content };
  });
  // Mostly the value the first item replaces (an overwrite, as the app sends), else anything.
  const replaced = items[0]?.origin;
  const deletes: CraftedDeletes[] =
    replaced && rng.chance(0.5)
      ? [{ client: replaced.client, ranges: [[replaced.clock, rng.chance(0.9) ? 1 : rng.int(3)]] }]
      : rng.chance(0.5)
        ? [{ client: rng.chance(0.7) ? rng.pick(clients) : client, ranges: [[rng.int(state + 3), rng.int(4)]] }]
        : [];
  const update = craftUpdate([{ client, clock, items }], deletes);
  if (rng.chance(0.05)) return Uint8Array.from([...update, rng.int(256)]); // trailing garbage
  return update;
}

describe('the field-edit fast path and the rules', () => {
  it("takes only the author's (or the facilitator's) text edits, under the sender's own client id", () => {
    const { server, ids } = busyBoard();
    const bob = { participantId: 'bob0000000000002', name: 'Bob', role: 'participant' as const };
    const facilitator = { participantId: 'fac0000000000009', name: 'F', role: 'facilitator' as const };
    const client = syncedCopy(server);
    const updates = recordUpdates(client);
    editNoteText(client, ids[2]!, 'by whoever holds the client id');
    const owners = (owner: string) => ({ ownerOf: (id: number) => (id === client.clientID ? owner : undefined) });
    const update = updates[0]!;
    expect(isAcceptedFieldEdit(server, update, { author: ANN, owners: owners(ANN.participantId) })).toBe(true);
    expect(isAcceptedFieldEdit(server, update, { author: facilitator, owners: owners(facilitator.participantId) })).toBe(true);
    expect(isAcceptedFieldEdit(server, update, { author: bob, owners: owners(bob.participantId) })).toBe(false);
    expect(isAcceptedFieldEdit(server, update, { author: ANN, owners: owners(bob.participantId) })).toBe(false);
    expect(isAcceptedFieldEdit(server, update, { author: ANN, owners: { ownerOf: () => undefined } })).toBe(false);
    expect(validateUpdate(server, update, { author: bob, docBytes: 0, owners: owners(bob.participantId) })).toMatchObject({
      ok: false,
      refusals: [{ reason: 'not-author', field: 'text' }],
    });
  });

  it('leaves to the full path an edit whose delete set removes more than the values it replaces', () => {
    const { server, ids } = busyBoard();
    const client = syncedCopy(server);
    const updates = recordUpdates(client);
    moveNote(client, ids[2]!, 'gains');
    const [update] = updates;
    const decoded = Y.decodeUpdate(update!);
    const note = (server.getMap('notes').get(ids[3]!) as Y.Map<unknown>)._item!.id;
    const merged = Y.mergeUpdates([update!, craftUpdate([], [{ client: note.client, ranges: [[note.clock, 1]] }])]);
    expect(decoded.structs).toHaveLength(1);
    expect(isAcceptedFieldEdit(server, merged, { author: ANN })).toBe(false);
    expect(validateUpdate(server, merged, { author: ANN, docBytes: 0 })).toMatchObject({ ok: true }); // Ann wrote that note
    expect(validateUpdate(server, merged, { author: { ...ANN, participantId: 'bob0000000000002' }, docBytes: 0 })).toMatchObject({
      ok: false,
      refusals: [{ reason: 'not-author' }],
    });
  });
});

describe('the field-edit fast path on hostile updates', () => {
  it('never accepts what the full validator refuses: crafted origins, values, clocks and deletes', () => {
    let fast = 0;
    let refused = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const { server } = busyBoard();
      const origins = knownIds(server);
      const rng = seededRng(1000 + seed);
      for (let run = 0; run < 400; run++) {
        const update = hostileUpdate(server, rng, origins);
        const isFast = expectAgreement(server, update, `seed ${seed} run ${run}`);
        if (isFast) fast++;
        if (!validateUpdateFully(server, update, FULL).ok) refused++;
        if (isFast && rng.chance(0.2)) Y.applyUpdate(server, update); // move on to a later state sometimes
      }
    }
    // The corpus must exercise both sides, or the comparison proves nothing.
    expect(fast).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(1000);
  });

  it('never accepts what the full validator refuses: real field edits with corrupted bytes', () => {
    const { server, ids } = busyBoard();
    const client = syncedCopy(server);
    const updates = recordUpdates(client);
    editNoteText(client, ids[2]!, 'a text to corrupt');
    moveNote(client, ids[3]!, 'gains');
    const rng = seededRng(77);
    let fast = 0;
    for (const update of updates) {
      expect(isAcceptedFieldEdit(server, update, FULL)).toBe(true);
      for (let run = 0; run < 1500; run++) {
        const bytes = update.slice();
        for (let flips = 1 + rng.int(2); flips > 0; flips--) bytes[rng.int(bytes.length)] = rng.int(256);
        const cut = rng.chance(0.1) ? bytes.slice(0, rng.int(bytes.length)) : bytes;
        if (expectAgreement(server, cut, `run ${run}`)) fast++;
      }
      Y.applyUpdate(server, update);
    }
    expect(fast).toBeGreaterThan(50);
  });
});
