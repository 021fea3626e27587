import * as Y from 'yjs';
import * as plan from '../../../lib/actions';
import * as board from '../../../lib/board';
import * as groups from '../../../lib/groups';
import * as journey from '../../../lib/journey';
import { setMapTemplate } from '../../../lib/mapTemplate';
import { NOTE_COLORS } from '../../../lib/note';
import * as personas from '../../../lib/personaBoard';
import { PROFILE_FIELD_KEYS } from '../../../lib/profile';
import * as profile from '../../../lib/profileBoard';
import { CLASSIC_QUADRANTS, SIX_QUADRANTS } from '../../../lib/quadrants';
import { BOARD_ROOTS } from '../../../lib/roots';
import type { Rng } from '../../helpers/prng';

/**
 * Random board operations for property tests: every kind of change a screen, the server or a
 * hostile peer can make to a board doc. Each operation picks its targets from what the doc holds
 * now (by position in `readBoard`, which the seeded times and ids fix), so a seed replays.
 */

export interface OpContext {
  doc: Y.Doc;
  rng: Rng;
  /** A clock every peer shares, so creation times are unique and runs replay. */
  now(): number;
  /** Note records deleted so far, for undo-like re-creations. */
  graveyard: Map<string, Record<string, unknown>>;
  undo: Y.UndoManager | null;
}

const AUTHOR = { authorId: 'ann0000000000001', authorName: 'Ann' };
const text = (c: OpContext, what: string) => `${what} ${c.rng.int(1000)}`;

function pickOr<T>(c: OpContext, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : c.rng.pick(items);
}

const live = (c: OpContext) => board.readBoard(c.doc);
const anyPersona = (c: OpContext) => pickOr(c, board.readAllPersonas(c.doc));
const aNote = (c: OpContext) => pickOr(c, board.readNotes(c.doc));

function addMapNote(c: OpContext): void {
  const persona = pickOr(c, live(c).personas);
  if (!persona) return;
  // Now and then a quadrant the map lacks: the note waits under "Not on this map".
  const quadrant = c.rng.chance(0.1) ? 'says' : c.rng.pick(board.readQuadrants(c.doc)).id;
  board.addNote(c.doc, { ...AUTHOR, personaId: persona.id, quadrant, text: text(c, 'note'), now: c.now() });
}

function addStepNote(c: OpContext): void {
  const step = pickOr(c, journey.readJourneySteps(c.doc));
  if (step)
    board.addNote(c.doc, {
      ...AUTHOR,
      personaId: step.personaId,
      quadrant: 'sees',
      journeyStepId: step.id,
      text: text(c, 'step note'),
      now: c.now(),
    });
}

/** Many notes in one transaction, as a reveal of private notes writes them. */
function reveal(c: OpContext): void {
  const persona = pickOr(c, live(c).personas);
  if (!persona) return;
  const quadrants = board.readQuadrants(c.doc);
  c.doc.transact(() => {
    for (let i = 0; i < 5 + c.rng.int(20); i++) {
      board.addNote(c.doc, {
        ...AUTHOR,
        personaId: persona.id,
        quadrant: c.rng.pick(quadrants).id,
        text: text(c, 'revealed'),
        now: c.now(),
      });
    }
  });
}

function noteOp(c: OpContext): void {
  const note = aNote(c);
  if (!note) return;
  const roll = c.rng.int(9);
  if (roll === 0) board.editNoteText(c.doc, note.id, text(c, 'edited'));
  else if (roll === 1) board.moveNote(c.doc, note.id, c.rng.pick(board.readQuadrants(c.doc)).id);
  else if (roll === 2) board.setNoteColor(c.doc, note.id, c.rng.pick(NOTE_COLORS));
  else if (roll === 3) board.setNoteEvidence(c.doc, note.id, c.rng.pick(['observed', 'assumed', null] as const));
  else if (roll === 4) {
    const record = board.notesMap(c.doc).get(note.id)!.toJSON();
    if (board.deleteNote(c.doc, note.id).ok) c.graveyard.set(note.id, record);
  } else if (roll === 5)
    board.notesMap(c.doc).get(note.id)?.set('text', note.text); // a write of the same value
  else if (roll === 6) {
    const step = pickOr(c, journey.readJourneySteps(c.doc));
    if (step) journey.moveNoteToStep(c.doc, note.id, step.id);
  } else if (roll === 7)
    board.notesMap(c.doc).get(note.id)?.set('color', 'octarine'); // foreign: the note reads as invalid
  else board.notesMap(c.doc).get(note.id)?.set('unknownField', c.rng.int(5)); // ignored by the schema
}

/** Puts a deleted note back under its id, as an undo or a stale peer would. */
function recreateNote(c: OpContext): void {
  const [id, record] = pickOr(c, [...c.graveyard]) ?? [];
  if (!id || !record || board.notesMap(c.doc).has(id)) return;
  c.doc.transact(() => {
    const map = new Y.Map<unknown>();
    board.notesMap(c.doc).set(id, map);
    for (const [key, value] of Object.entries(record)) map.set(key, value);
  });
}

function groupOp(c: OpContext): void {
  const note = aNote(c);
  const group = pickOr(c, groups.readGroups(c.doc));
  const roll = c.rng.int(4);
  if (roll === 0 && note)
    groups.createGroup(c.doc, {
      personaId: note.personaId,
      quadrant: note.quadrant,
      name: text(c, 'group'),
      noteIds: [note.id],
      now: c.now(),
    });
  else if (roll === 1 && group) groups.renameGroup(c.doc, group.id, text(c, 'renamed'));
  else if (roll === 2 && group && note) groups.setNoteGroup(c.doc, note.id, c.rng.chance(0.7) ? group.id : null);
  else if (roll === 3 && group) groups.ungroup(c.doc, group.id);
}

function journeyOp(c: OpContext): void {
  const persona = pickOr(c, live(c).personas);
  const step = pickOr(c, journey.readJourneySteps(c.doc));
  const roll = c.rng.int(6);
  if (roll === 0 && persona) journey.addJourneyStep(c.doc, { personaId: persona.id, title: text(c, 'step'), now: c.now() });
  else if (roll === 1 && step) journey.renameJourneyStep(c.doc, step.id, text(c, 'step'));
  else if (roll === 2 && step) journey.moveJourneyStep(c.doc, step.id, c.rng.int(4));
  else if (roll === 3 && step) journey.deleteJourneyStep(c.doc, step.id);
  else if (roll === 4 && persona) journey.setScenario(c.doc, persona.id, text(c, 'scenario'));
  // The step alone, its notes left behind: what a merge gives when someone added a note to it meanwhile.
  else if (roll === 5 && step) journey.journeyStepsMap(c.doc).delete(step.id);
}

function planOp(c: OpContext): void {
  const persona = pickOr(c, live(c).personas);
  const question = pickOr(c, plan.readQuestions(c.doc));
  const action = pickOr(c, plan.readActions(c.doc));
  const roll = c.rng.int(7);
  if (roll === 0 && persona) plan.addQuestion(c.doc, { personaId: persona.id, text: text(c, 'question'), now: c.now() });
  else if (roll === 1 && question) plan.editQuestion(c.doc, question.id, text(c, 'question'));
  else if (roll === 2 && question) plan.deleteQuestion(c.doc, question.id);
  else if (roll === 3 && persona)
    plan.addAction(c.doc, { personaId: persona.id, text: text(c, 'action'), questionId: question?.id ?? null, now: c.now() });
  else if (roll === 4 && action) plan.editAction(c.doc, action.id, { text: text(c, 'action'), dueDate: '2026-12-01' });
  else if (roll === 5 && action) plan.setActionDone(c.doc, action.id, c.rng.chance(0.5));
  else if (roll === 6 && action) plan.deleteAction(c.doc, action.id);
}

function personaOp(c: OpContext): void {
  const persona = anyPersona(c);
  const roll = c.rng.int(8);
  if (roll === 0) personas.addPersona(c.doc, { now: c.now() });
  else if (!persona) return;
  else if (roll === 1) personas.renamePersona(c.doc, persona.id, text(c, 'Persona'));
  else if (roll === 2) personas.reorderPersona(c.doc, persona.id, c.rng.int(4));
  else if (roll === 3) personas.deletePersona(c.doc, persona.id, { now: c.now() });
  else if (roll === 4) personas.restorePersona(c.doc, persona.id);
  else if (roll === 5) personas.duplicatePersona(c.doc, persona.id, { now: c.now(), author: AUTHOR });
  else if (roll === 6) profile.setProfileField(c.doc, persona.id, c.rng.pick(PROFILE_FIELD_KEYS), text(c, 'value'));
  else personas.purgeDeletedPersonas(c.doc, { deletedBefore: c.now() });
}

function metaOp(c: OpContext): void {
  const roll = c.rng.int(5);
  if (roll === 0) setMapTemplate(c.doc, 'classic', CLASSIC_QUADRANTS);
  else if (roll === 1) setMapTemplate(c.doc, 'six', SIX_QUADRANTS);
  else if (roll === 2) profile.setProfileFieldHidden(c.doc, c.rng.pick(PROFILE_FIELD_KEYS), c.rng.chance(0.5));
  else if (roll === 3) {
    const field = profile.addCustomProfileField(c.doc, text(c, 'Field'));
    const persona = anyPersona(c);
    if (field.ok && persona) profile.setCustomFieldValue(c.doc, persona.id, field.value.id, text(c, 'custom'));
  } else board.metaMap(c.doc).set('title', text(c, 'Workshop'));
}

function undoOp(c: OpContext): void {
  if (!c.undo) return;
  if (c.rng.chance(0.6)) c.undo.undo();
  else c.undo.redo();
}

/**
 * A record no screen writes: a map missing its required fields (the board's own operations
 * expect maps, so a value that is not one is tested on its own, in boardStore.test.ts).
 */
function hostileOp(c: OpContext): void {
  const root = c.doc.getMap<unknown>(c.rng.pick(Object.values(BOARD_ROOTS).filter((r) => r !== BOARD_ROOTS.meta)));
  const key = `junk${String(c.rng.int(100)).padStart(12, '0')}`;
  c.doc.transact(() => {
    const map = new Y.Map<unknown>();
    root.set(key, map);
    map.set('id', key);
  });
}

const WEIGHTED: [weight: number, op: (c: OpContext) => void][] = [
  [14, addMapNote],
  [3, addStepNote],
  [2, reveal],
  [20, noteOp],
  [3, recreateNote],
  [6, groupOp],
  [6, journeyOp],
  [6, planOp],
  [6, personaOp],
  [3, metaOp],
  [4, undoOp],
  [1, hostileOp],
];
const TOTAL = WEIGHTED.reduce((sum, [weight]) => sum + weight, 0);

/** Applies one random operation to `c.doc`. */
export function randomBoardOp(c: OpContext): void {
  let roll = c.rng.int(TOTAL);
  for (const [weight, op] of WEIGHTED) {
    if (roll < weight) return op(c);
    roll -= weight;
  }
}
