import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addNote, deleteNote, editNoteText, initBoard, moveNote, readBoard, readNotes, setNoteColor } from '../../lib/board';
import { NOTE_COLORS } from '../../lib/note';
import { QUADRANT_IDS } from '../../lib/quadrants';
import { validateUpdate, type UpdateAuthor } from '../../server/yjs/validateUpdate';
import { diff } from './helpers/boardDocs';
import { seededRng, type Rng } from '../helpers/prng';

/**
 * Seeded runs of the real topology: 2–4 participants only ever talk to the server, which
 * validates every diff they send. Anything lib/board.ts writes must be accepted, however the
 * participants' offline edits interleave, and everyone must end on the server's board.
 */

const SEEDS = 60;
const STEPS_PER_RUN = 50;

interface Participant {
  doc: Y.Doc;
  author: UpdateAuthor;
}

function act(participant: Participant, rng: Rng, nextTime: () => number): void {
  const { doc, author } = participant;
  const notes = readNotes(doc);
  const roll = rng.next();
  if (notes.length === 0 || roll < 0.35) {
    const result = addNote(doc, {
      personaId: readBoard(doc).personas[0]!.id,
      quadrant: rng.pick(QUADRANT_IDS),
      text: `idea ${nextTime()}`,
      color: rng.pick(NOTE_COLORS),
      authorId: author.participantId,
      authorName: author.name,
      now: nextTime(),
    });
    expect(result.ok).toBe(true);
    return;
  }
  // Anyone sorts any note; text and deletes are the author's (lib/permissions.ts).
  const id = rng.pick(notes).id;
  const own = notes.filter((note) => note.authorId === author.participantId);
  if (roll < 0.55 && own.length > 0) editNoteText(doc, rng.pick(own).id, `edit ${nextTime()}`);
  else if (roll < 0.7) moveNote(doc, id, rng.pick(QUADRANT_IDS));
  else if (roll < 0.85 || own.length === 0) setNoteColor(doc, id, rng.pick(NOTE_COLORS));
  else deleteNote(doc, rng.pick(own).id);
}

/** Client → server through the validator (client ids bound as the room binds them), then server → client. */
function sync(server: Y.Doc, participant: Participant, seed: number, owners: Map<number, string>): void {
  const update = diff(participant.doc, server);
  const verdict = validateUpdate(server, update, { author: participant.author, docBytes: 0, owners: { ownerOf: (c) => owners.get(c) } });
  if (verdict.ok) for (const client of verdict.newClients) owners.set(client, participant.author.participantId);
  expect(verdict.ok ? 'accepted' : verdict.error, `seed ${seed}: ${participant.author.name}'s update was refused`).toBe('accepted');
  Y.applyUpdate(server, update);
  Y.applyUpdate(participant.doc, diff(server, participant.doc));
}

function runSeed(seed: number): void {
  const rng = seededRng(seed);
  const server = new Y.Doc();
  server.clientID = seed * 10;
  initBoard(server, { title: `Seed ${seed}`, now: 1 });
  const participants = Array.from({ length: 2 + rng.int(3) }, (_, i): Participant => {
    const doc = new Y.Doc();
    doc.clientID = seed * 10 + i + 1;
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
    return { doc, author: { participantId: `participant${String(i).padStart(5, '0')}`, name: `P${i}`, role: 'participant' as const } };
  });
  let time = 1_000;
  const nextTime = () => ++time;
  const owners = new Map<number, string>();
  for (let step = 0; step < STEPS_PER_RUN; step++) {
    const participant = rng.pick(participants);
    if (rng.chance(0.2)) sync(server, participant, seed, owners);
    else act(participant, rng, nextTime);
  }
  for (const participant of participants) sync(server, participant, seed, owners);
  for (const participant of participants) Y.applyUpdate(participant.doc, diff(server, participant.doc));
  const board = readBoard(server);
  for (const participant of participants) expect(readBoard(participant.doc), `seed ${seed}`).toEqual(board);
  expect(server.store.pendingStructs).toBeNull();
  expect(server.store.pendingDs).toBeNull();
}

describe('validateUpdate with participants syncing through the server', () => {
  it(`accepts every update lib/board.ts makes, over ${SEEDS} seeds`, () => {
    for (let seed = 1; seed <= SEEDS; seed++) runSeed(seed);
  });
});
