import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addAction, addQuestion, deleteAction, deleteQuestion, editQuestion } from '../../lib/actions';
import {
  addNote,
  deleteNote,
  editNoteText,
  metaMap,
  moveNote,
  notesMap,
  personasMap,
  readNotes,
  setNoteColor,
  setNoteEvidence,
} from '../../lib/board';
import { createGroup, renameGroup, setNoteGroup, ungroup } from '../../lib/groups';
import { addJourneyStep, deleteJourneyStep, moveNoteToStep, renameJourneyStep } from '../../lib/journey';
import { addPersona, deletePersona, restorePersona } from '../../lib/personaBoard';
import type { UpdateAuthor } from '../../server/yjs/validateUpdate';
import { ANN, BOB, diff, newBoard, noteInput, syncedCopy } from './helpers/boardDocs';
import { check, ownersOf } from './helpers/validateDocs';

/**
 * The permission table (README "Who may change what", lib/permissions.ts), row by row, with the
 * lib functions the app calls and the client ids bound as the server binds them.
 */

const FAC: UpdateAuthor = { participantId: 'fac0000000000009', name: 'Facilitator', role: 'facilitator' };
const CLIENT: Record<string, number> = { [ANN.participantId]: 11, [BOB.participantId]: 12, [FAC.participantId]: 13 };
const clientOf = (who: { participantId: string }): number => CLIENT[who.participantId]!;
const OWNERS = ownersOf({ 11: ANN.participantId, 12: BOB.participantId, 13: FAC.participantId });

/** A room whose server has Ann's note, Bob's note, an anonymous note, and records Ann added. */
function room() {
  const { doc: server, persona } = newBoard();
  const seed = syncedCopy(server, clientOf(ANN));
  const annNote = addNote(seed, noteInput(persona.id, { text: 'Ann’s' }));
  const step = addJourneyStep(seed, { personaId: persona.id, title: 'Finds the shop' });
  const question = addQuestion(seed, { personaId: persona.id, text: 'Why mornings?' });
  const action = addAction(seed, { personaId: persona.id, text: 'Call five customers' });
  const group = createGroup(seed, { personaId: persona.id, quadrant: 'pains', name: 'Queues', noteIds: [] });
  const annPersona = addPersona(seed, { name: 'Mia' });
  if (!annNote.ok || !step.ok || !question.ok || !action.ok || !group.ok || !annPersona.ok) throw new Error('setup');
  expect(check(server, diff(seed, server), ANN, 0, OWNERS)).toMatchObject({ ok: true });
  Y.applyUpdate(server, diff(seed, server));
  const bobSeed = syncedCopy(server);
  bobSeed.clientID = clientOf(BOB);
  const bobNote = addNote(bobSeed, noteInput(persona.id, { authorId: BOB.participantId, authorName: BOB.name, text: 'Bob’s' }));
  if (!bobNote.ok) throw new Error(bobNote.error);
  Y.applyUpdate(server, diff(bobSeed, server));
  // Written by the server at a reveal: random author id, no name.
  const anonymous = addNote(server, noteInput(persona.id, { authorId: 'r000000000000777', authorName: '', text: 'Anonymous' }));
  if (!anonymous.ok) throw new Error(anonymous.error);
  return {
    server,
    persona,
    ids: {
      ann: annNote.value.id,
      bob: bobNote.value.id,
      anonymous: anonymous.value.id,
      step: step.value.id,
      question: question.value.id,
      action: action.value.id,
      group: group.value.id,
      annPersona: annPersona.value.id,
    },
  };
}
type Ids = ReturnType<typeof room>['ids'];

/** Runs `change` as `who` on a copy of the server's doc and returns the server's verdict (true: accepted). */
function verdict(who: UpdateAuthor, change: (doc: Y.Doc, ids: Ids, personaId: string) => unknown): boolean {
  const { server, ids, persona } = room();
  const doc = copyAs(server, clientOf(who));
  change(doc, ids, persona.id);
  return check(server, diff(doc, server), who, 0, OWNERS).ok;
}

type Row = [string, (doc: Y.Doc, ids: Ids, personaId: string) => unknown, { ann: boolean; bob: boolean; fac: boolean }];

const raw = (doc: Y.Doc, id: string) => notesMap(doc).get(id)!;

/** A synced copy that writes with `clientId` (set after loading: Yjs renews an id it finds in a loaded update). */
function copyAs(server: Y.Doc, clientId: number): Y.Doc {
  const doc = syncedCopy(server);
  doc.clientID = clientId;
  return doc;
}

describe('who may change what', () => {
  it.each<Row>([
    ['meta: rename the workshop', (doc) => metaMap(doc).set('title', 'Renamed'), { ann: false, bob: false, fac: true }],
    ['meta: remove a required key', (doc) => metaMap(doc).delete('schemaVersion'), { ann: false, bob: false, fac: false }],
    ["a note's text, written by Ann", (doc, ids) => editNoteText(doc, ids.ann, 'Changed'), { ann: true, bob: false, fac: true }],
    ['delete a note written by Ann', (doc, ids) => deleteNote(doc, ids.ann), { ann: true, bob: false, fac: true }],
    ["an anonymous note's text", (doc, ids) => editNoteText(doc, ids.anonymous, 'Changed'), { ann: false, bob: false, fac: true }],
    ['delete an anonymous note', (doc, ids) => deleteNote(doc, ids.anonymous), { ann: false, bob: false, fac: true }],
    ["move Bob's note", (doc, ids) => moveNote(doc, ids.bob, 'gains'), { ann: true, bob: true, fac: true }],
    ["colour Bob's note", (doc, ids) => setNoteColor(doc, ids.bob, 'green'), { ann: true, bob: true, fac: true }],
    ["label Bob's note as observed", (doc, ids) => setNoteEvidence(doc, ids.bob, 'observed'), { ann: true, bob: true, fac: true }],
    ["group Bob's note", (doc, ids) => setNoteGroup(doc, ids.bob, ids.group), { ann: true, bob: true, fac: true }],
    [
      "move Ann's note to another persona",
      (doc, ids, p) => raw(doc, ids.ann).set('personaId', p.replace(/.$/, 'z')),
      { ann: false, bob: false, fac: false },
    ],
    [
      "change Ann's note's author",
      (doc, ids) => raw(doc, ids.ann).set('authorId', BOB.participantId),
      { ann: false, bob: false, fac: false },
    ],
    [
      "remove Ann's note's quadrant (it would vanish)",
      (doc, ids) => raw(doc, ids.ann).delete('quadrant'),
      { ann: false, bob: false, fac: false },
    ],
    ["remove Ann's note's authorId on its own", (doc, ids) => raw(doc, ids.ann).delete('authorId'), { ann: false, bob: false, fac: false }],
    ['rename a group', (doc, ids) => renameGroup(doc, ids.group, 'Waiting'), { ann: true, bob: true, fac: true }],
    ['dissolve a group (its notes stay)', (doc, ids) => ungroup(doc, ids.group), { ann: true, bob: true, fac: true }],
    ['rename a journey step Ann added', (doc, ids) => renameJourneyStep(doc, ids.step, 'Walks in'), { ann: true, bob: true, fac: true }],
    ['delete a journey step Ann added', (doc, ids) => deleteJourneyStep(doc, ids.step), { ann: true, bob: false, fac: true }],
    ['edit a question Ann added', (doc, ids) => editQuestion(doc, ids.question, 'Why at nine?'), { ann: true, bob: true, fac: true }],
    ['delete a question Ann added', (doc, ids) => deleteQuestion(doc, ids.question), { ann: true, bob: false, fac: true }],
    ['delete an action Ann added', (doc, ids) => deleteAction(doc, ids.action), { ann: true, bob: false, fac: true }],
    ['hide a persona (soft delete)', (doc, ids) => deletePersona(doc, ids.annPersona), { ann: true, bob: true, fac: true }],
    ['erase a persona Ann added', (doc, ids) => personasMap(doc).delete(ids.annPersona), { ann: true, bob: false, fac: true }],
    ['erase the first persona (the server added it)', (doc, _ids, p) => personasMap(doc).delete(p), { ann: false, bob: false, fac: true }],
  ])('%s', (_label, change, expected) => {
    expect({ ann: verdict(ANN, change), bob: verdict(BOB, change), fac: verdict(FAC, change) }).toEqual(expected);
  });

  it('a hidden persona comes back for anyone (restore)', () => {
    const { server, ids } = room();
    const ann = copyAs(server, 11);
    deletePersona(ann, ids.annPersona);
    Y.applyUpdate(server, diff(ann, server));
    const bob = copyAs(server, 12);
    restorePersona(bob, ids.annPersona);
    expect(check(server, diff(bob, server), BOB, 0, OWNERS)).toMatchObject({ ok: true });
  });
});

describe('a journey step holding other people’s notes', () => {
  it('only the facilitator deletes it (its notes go with it); the lib tells a participant first', () => {
    const { server, ids, persona } = room();
    const bob = copyAs(server, 12);
    const onStep = addNote(bob, { ...noteInput(persona.id), authorId: BOB.participantId, authorName: BOB.name, journeyStepId: ids.step });
    if (!onStep.ok) throw new Error(onStep.error);
    Y.applyUpdate(server, diff(bob, server));
    const ann = copyAs(server, 11);
    expect(deleteJourneyStep(ann, ids.step, { participantId: ANN.participantId, role: 'participant' })).toMatchObject({ ok: false });
    deleteJourneyStep(ann, ids.step);
    expect(check(server, diff(ann, server), ANN, 0, OWNERS)).toMatchObject({ ok: false, refusals: [{ reason: 'not-author' }] });
    const fac = copyAs(server, 13);
    expect(deleteJourneyStep(fac, ids.step, FAC)).toMatchObject({ ok: true });
    expect(check(server, diff(fac, server), FAC, 0, OWNERS)).toMatchObject({ ok: true });
    // Moving a note between steps stays collaborative.
    const step2 = addJourneyStep(ann, { personaId: persona.id, title: 'Pays' });
    expect(step2.ok).toBe(true);
  });

  it('moving anyone’s note between steps is allowed', () => {
    const { server, ids, persona } = room();
    const bob = copyAs(server, 12);
    const onStep = addNote(bob, { ...noteInput(persona.id), authorId: BOB.participantId, authorName: BOB.name, journeyStepId: ids.step });
    const other = addJourneyStep(bob, { personaId: persona.id, title: 'Pays' });
    if (!onStep.ok || !other.ok) throw new Error('setup');
    Y.applyUpdate(server, diff(bob, server));
    const ann = copyAs(server, 11);
    moveNoteToStep(ann, onStep.value.id, other.value.id);
    expect(check(server, diff(ann, server), ANN, 0, OWNERS)).toMatchObject({ ok: true });
  });
});

describe('undo of a delete (Y.UndoManager re-creates the record with its original fields)', () => {
  function undoDelete(who: UpdateAuthor, deleter: UpdateAuthor, noteId: (ids: Ids) => string) {
    const { server, ids } = room();
    const doc = copyAs(server, clientOf(deleter));
    const undo = new Y.UndoManager(notesMap(doc), { captureTimeout: 0 });
    const before = readNotes(doc).find((n) => n.id === noteId(ids));
    deleteNote(doc, noteId(ids));
    expect(check(server, diff(doc, server), deleter, 0, OWNERS)).toMatchObject({ ok: true });
    Y.applyUpdate(server, diff(doc, server));
    undo.undo();
    expect(readNotes(doc).find((n) => n.id === noteId(ids))).toEqual(before);
    return check(server, diff(doc, server), who, 0, OWNERS);
  }

  it('a participant re-creating their own deleted note is accepted', () => {
    expect(undoDelete(ANN, ANN, (ids) => ids.ann)).toMatchObject({ ok: true });
  });

  it("the facilitator re-creating someone else's deleted note under its author is accepted", () => {
    expect(undoDelete(FAC, FAC, (ids) => ids.bob)).toMatchObject({ ok: true });
    expect(undoDelete(FAC, FAC, (ids) => ids.anonymous)).toMatchObject({ ok: true });
  });

  it("a participant re-creating someone else's note (the same bytes) is refused", () => {
    // Bob may not delete Ann's note, so the bytes come from the facilitator's undo, sent by Bob.
    const { server, ids } = room();
    const fac = copyAs(server, 12);
    const undo = new Y.UndoManager(notesMap(fac), { captureTimeout: 0 });
    deleteNote(fac, ids.ann);
    Y.applyUpdate(server, diff(fac, server));
    undo.undo();
    expect(check(server, diff(fac, server), BOB, 0, OWNERS)).toMatchObject({ ok: false, refusals: [{ reason: 'forged-author' }] });
  });

  it('undoing a first-time field value removes it again (an optional field)', () => {
    const { server, ids } = room();
    const bob = copyAs(server, 12);
    const undo = new Y.UndoManager(notesMap(bob), { captureTimeout: 0 });
    setNoteEvidence(bob, ids.ann, 'observed');
    Y.applyUpdate(server, diff(bob, server));
    undo.undo();
    expect(notesMap(bob).get(ids.ann)!.has('evidence')).toBe(false);
    expect(check(server, diff(bob, server), BOB, 0, OWNERS)).toMatchObject({ ok: true });
  });
});
