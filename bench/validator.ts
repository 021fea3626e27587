import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { addNote, deleteNote, editNoteText, initBoard, moveNote, readNotes } from '../lib/board';
import { isAcceptedFieldEdit } from '../server/yjs/fieldEditFastPath';
import { validateUpdate } from '../server/yjs/validateUpdate';

/**
 * `npx tsx bench/validator.ts`: the update validator's CPU per update, in-process, on a board of
 * 1,000 notes by 20 participants: the field edits a workshop sends most (the fast path), new
 * notes and deletes (the full path), each by its author under a bound client id. Prints JSON
 * (median and p90 microseconds of several rounds); compare builds on the same machine, same load.
 */

const NOTES = 1_000;
const PEOPLE = 20;
const ROUNDS = 7;
const PER_ROUND = 2_000;

interface Person {
  participantId: string;
  name: string;
  role: 'participant';
  doc: Y.Doc;
}

const server = new Y.Doc();
const persona = initBoard(server, { title: 'Bench', now: 1 });
const owners = new Map<number, string>();
const people: Person[] = Array.from({ length: PEOPLE }, (_, i) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  const person = { participantId: `p${String(i).padStart(15, '0')}`, name: `P${i}`, role: 'participant' as const, doc };
  owners.set(doc.clientID, person.participantId);
  return person;
});
const ownerOf = { ownerOf: (client: number) => owners.get(client) };

/** Applies a person's change to the server as the room does, and returns the update. */
function send(person: Person, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(person.doc);
  change();
  const update = Y.encodeStateAsUpdate(person.doc, before);
  Y.applyUpdate(server, update);
  return update;
}
for (let i = 0; i < NOTES; i++) {
  const person = people[i % PEOPLE]!;
  send(person, () =>
    addNote(person.doc, {
      personaId: persona.id,
      quadrant: 'sees',
      text: `note ${i}`,
      authorId: person.participantId,
      authorName: person.name,
    }),
  );
}
for (const person of people) Y.applyUpdate(person.doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(person.doc)));

/** Builds one update per kind from `person`'s doc, without sending it (the server stays as it is). */
function draft(person: Person, change: () => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(person.doc));
  // After loading: Yjs gives a doc a new id when a loaded update carries its own.
  copy.clientID = person.doc.clientID;
  const before = Y.encodeStateVector(copy);
  const saved = person.doc;
  person.doc = copy;
  change();
  person.doc = saved;
  const update = Y.encodeStateAsUpdate(copy, before);
  copy.destroy();
  return update;
}

const own = (person: Person) => readNotes(person.doc).filter((note) => note.authorId === person.participantId);
const kinds: Record<string, (person: Person, i: number) => Uint8Array> = {
  editText: (p, i) => draft(p, () => editNoteText(p.doc, own(p)[i % own(p).length]!.id, `edited ${i}`)),
  move: (p, i) => draft(p, () => moveNote(p.doc, own(p)[i % own(p).length]!.id, i % 2 ? 'gains' : 'pains')),
  addNote: (p, i) =>
    draft(p, () =>
      addNote(p.doc, { personaId: persona.id, quadrant: 'hears', text: `new ${i}`, authorId: p.participantId, authorName: p.name }),
    ),
  deleteNote: (p, i) => draft(p, () => deleteNote(p.doc, own(p)[i % own(p).length]!.id)),
};

const results: Record<string, { medianUs: number; p90Us: number; fastPathShare: number }> = {};
for (const [kind, make] of Object.entries(kinds)) {
  const updates = Array.from({ length: 64 }, (_, i) => ({ person: people[i % PEOPLE]!, update: make(people[i % PEOPLE]!, i) }));
  const fast = updates.filter(({ person, update }) => isAcceptedFieldEdit(server, update, { author: person, owners: ownerOf })).length;
  const perRound: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    for (let i = 0; i < PER_ROUND; i++) {
      const { person, update } = updates[i % updates.length]!;
      const verdict = validateUpdate(server, update, { author: person, docBytes: 0, owners: ownerOf });
      if (!verdict.ok) throw new Error(`${kind} refused: ${JSON.stringify(verdict)}`);
    }
    perRound.push(((performance.now() - started) * 1000) / PER_ROUND);
  }
  perRound.sort((a, b) => a - b);
  results[kind] = {
    medianUs: Math.round(perRound[ROUNDS >> 1]! * 10) / 10,
    p90Us: Math.round(perRound[Math.floor(ROUNDS * 0.9)]! * 10) / 10,
    fastPathShare: fast / updates.length,
  };
}
process.stdout.write(`${JSON.stringify({ type: 'validator', notes: NOTES, people: PEOPLE, results })}\n`);
