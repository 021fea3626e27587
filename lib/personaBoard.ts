import * as Y from 'yjs';
import { notesMap, personasMap, readAllPersonas, readBoard, readPersonas } from './board';
import { BOARD_ROOTS } from './roots';
import { newId } from './ids';
import { LIMITS } from './limits';
import { PERSONA_PURGE_AFTER_MS, PersonaSchema, isDeleted, type Persona } from './persona';
import { customValueKey } from './profile';
import { fail, ok, type Result } from './result';
import * as z from './zod';
import { refusalText } from './refusals';

/**
 * Persona operations on the board doc: add, rename, reorder, duplicate, delete (soft, so it can
 * be undone by anyone) and restore. Each is one transaction, i.e. one update to the server.
 */

type RecordMap = Y.Map<unknown>;

/** A persona's name as a person typed it: trimmed, not empty, within the limit. */
export const PersonaNameSchema = PersonaSchema.shape.name.check(
  z.trim(),
  z.minLength(1, refusalText('personaNameEmpty')),
  z.maxLength(LIMITS.personaNameChars, refusalText('personaNameTooLong', { max: LIMITS.personaNameChars })),
);

/** A persona's record map, unless it is missing or deleted. */
export function livePersonaMap(doc: Y.Doc, id: string): Result<RecordMap> {
  const map = personasMap(doc).get(id);
  if (!(map instanceof Y.Map) || map.get('deletedAt') != null) return fail(refusalText('personaGone'));
  return ok(map);
}

function insertPersona(doc: Y.Doc, values: Record<string, unknown>): void {
  insertRecord(personasMap(doc), values);
}

/** "Persona N" with the smallest N no persona on the board is called. */
function nextDefaultName(personas: readonly Persona[]): string {
  const names = new Set(personas.map((p) => p.name));
  let n = personas.length + 1;
  while (names.has(`Persona ${n}`)) n++;
  return `Persona ${n}`;
}

/**
 * Makes room for one more persona record. The server counts every record, deleted ones too,
 * so when the workshop is full the long-deleted ones are purged first, in their own update
 * (the server checks the count against what it already has, before this update's deletions).
 * Erasing for good is the facilitator's (`mayErase`): others are told to ask.
 */
function ensureRoom(doc: Y.Doc, now: number, mayErase: boolean): Result<void> {
  if (readPersonas(doc).length >= LIMITS.personasPerWorkshop) {
    return fail(refusalText('tooManyPersonas', { max: LIMITS.personasPerWorkshop }));
  }
  if (personasMap(doc).size < LIMITS.personasPerWorkshop) return ok(undefined);
  if (!mayErase) return fail(refusalText('deletedPersonasHoldPlaces'));
  purgeDeletedPersonas(doc, { deletedBefore: now - PERSONA_PURGE_AFTER_MS });
  if (personasMap(doc).size < LIMITS.personasPerWorkshop) return ok(undefined);
  return fail(refusalText('personasRecentlyDeleted'));
}

/**
 * Adds a persona at the end of the board; the name defaults to the next "Persona N". `mayErase`
 * (default true; false for participants): whether long-deleted personas may be purged to make room.
 */
export function addPersona(doc: Y.Doc, input: { name?: string; now?: number; mayErase?: boolean } = {}): Result<Persona> {
  const now = input.now ?? Date.now();
  const personas = readPersonas(doc);
  const name = PersonaNameSchema.safeParse(input.name ?? nextDefaultName(personas));
  if (!name.success) return fail(name.error.issues[0]?.message ?? refusalText('invalidName'));
  const room = ensureRoom(doc, now, input.mayErase ?? true);
  if (!room.ok) return room;
  const lastOrder = readAllPersonas(doc).reduce((max, p) => Math.max(max, p.order), 0);
  const persona: Persona = { id: newId(), name: name.data, order: Math.floor(lastOrder) + 1, createdAt: now };
  doc.transact(() => insertPersona(doc, persona));
  return ok(persona);
}

export function renamePersona(doc: Y.Doc, id: string, name: string): Result<string> {
  const parsed = PersonaNameSchema.safeParse(name);
  if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? refusalText('invalidName'));
  const map = livePersonaMap(doc, id);
  if (!map.ok) return map;
  if (map.value.get('name') !== parsed.data) map.value.set('name', parsed.data);
  return ok(parsed.data);
}

/** An order strictly between two neighbours' (either may be missing: the ends of the board). */
function orderBetween(before: number | undefined, after: number | undefined): number {
  if (before === undefined && after === undefined) return 1;
  if (before === undefined) return after! - 1;
  if (after === undefined) return before + 1;
  return (before + after) / 2;
}

/**
 * Moves a persona to `toIndex` among the personas on the board (0 = first). One write of its
 * fractional `order`; when doubles run out of room between two neighbours, every persona is
 * renumbered instead. Two people moving personas to the same place both land; ties sort by id.
 */
export function reorderPersona(doc: Y.Doc, id: string, toIndex: number): Result<number> {
  const map = livePersonaMap(doc, id);
  if (!map.ok) return map;
  const others = readPersonas(doc).filter((p) => p.id !== id);
  const index = Math.max(0, Math.min(others.length, Math.trunc(toIndex)));
  const before = others[index - 1]?.order;
  const after = others[index]?.order;
  const order = orderBetween(before, after);
  if ((before === undefined || order > before) && (after === undefined || order < after)) {
    if (map.value.get('order') !== order) map.value.set('order', order);
    return ok(order);
  }
  const ids = others.map((p) => p.id);
  ids.splice(index, 0, id);
  doc.transact(() =>
    ids.forEach((personaId, i) =>
      personasMap(doc)
        .get(personaId)
        ?.set('order', i + 1),
    ),
  );
  return ok(index + 1);
}

/** Who makes a copy: the server accepts a note only from its own author, so copied notes are theirs. */
export interface NoteAuthor {
  authorId: string;
  authorName: string;
}

/**
 * Adds a copy of a persona right after it: name, picture, every profile and custom field, the
 * buying scenario, the journey steps with the notes on them, the open questions and the action
 * plan (owners, due dates, done). The empathy map starts empty: its notes stay with the original.
 * Copied journey notes are written by `author` (the person duplicating; the server refuses notes
 * in anyone else's name), in their original order; without an author they keep their own.
 */
export function duplicatePersona(
  doc: Y.Doc,
  id: string,
  input: { now?: number; author?: NoteAuthor; mayErase?: boolean } = {},
): Result<Persona> {
  const source = readPersonas(doc).find((p) => p.id === id);
  if (!source) return fail(refusalText('personaGone'));
  const now = input.now ?? Date.now();
  const room = ensureRoom(doc, now, input.mayErase ?? true);
  if (!room.ok) return room;
  const next = readPersonas(doc).find((p) => p.order > source.order)?.order;
  const name = `${source.name.slice(0, LIMITS.personaNameChars - ' (copy)'.length)} (copy)`;
  const copy: Persona = { ...source, id: newId(), name, order: orderBetween(source.order, next), createdAt: now };
  delete copy.deletedAt;
  delete copy.customValues;
  const owned = copyOwnedRecords(doc, source.id, copy.id, now, input.author);
  if (!owned.ok) return owned;
  const custom = Object.entries(source.customValues ?? {}).map(([fieldId, value]) => [customValueKey(fieldId), value]);
  doc.transact(() => {
    insertPersona(doc, { ...copy, ...Object.fromEntries(custom) });
    for (const [root, records] of owned.value) for (const record of records) insertRecord(doc.getMap<RecordMap>(root), record);
  });
  return ok({ ...copy, ...(source.customValues ? { customValues: { ...source.customValues } } : {}) });
}

type OwnedCopies = [root: string, records: Record<string, unknown>[]][];

/** The records a copy of persona `fromId` gets as `toId`: journey steps and their notes, questions, actions. */
function copyOwnedRecords(doc: Y.Doc, fromId: string, toId: string, now: number, author?: NoteAuthor): Result<OwnedCopies> {
  const board = readBoard(doc);
  const own = <T extends { personaId: string }>(records: readonly T[]) => records.filter((r) => r.personaId === fromId);
  const newIds = new Map<string, string>();
  const renew = (oldId: string) => newIds.set(oldId, newId()).get(oldId)!;
  const steps = own(board.journeySteps).map((step) => ({ ...step, id: renew(step.id), personaId: toId, createdAt: now }));
  const notes = own(board.notes)
    .filter((note) => note.journeyStepId != null && newIds.has(note.journeyStepId))
    .map(({ groupId: _group, ...note }, index) => ({
      ...note,
      ...author,
      id: newId(),
      personaId: toId,
      journeyStepId: newIds.get(note.journeyStepId!)!,
      createdAt: now + index,
    }));
  const questions = own(board.questions).map((question) => ({ ...question, id: renew(question.id), personaId: toId, createdAt: now }));
  const actions = own(board.actions).map((action) => ({
    ...action,
    id: newId(),
    personaId: toId,
    questionId: action.questionId === null ? null : (newIds.get(action.questionId) ?? null),
    createdAt: now,
  }));
  const copies: OwnedCopies = [
    [BOARD_ROOTS.journeySteps, steps],
    [BOARD_ROOTS.notes, notes],
    [BOARD_ROOTS.questions, questions],
    [BOARD_ROOTS.actions, actions],
  ];
  for (const [root, records] of copies) {
    if (doc.getMap<unknown>(root).size + records.length > CAPS[root]!) return fail(refusalText('noRoomToCopyPersona'));
  }
  return ok(copies);
}

const CAPS: Record<string, number> = {
  [BOARD_ROOTS.journeySteps]: LIMITS.journeyStepsPerWorkshop,
  [BOARD_ROOTS.notes]: LIMITS.notesPerWorkshop,
  [BOARD_ROOTS.questions]: LIMITS.questionsPerWorkshop,
  [BOARD_ROOTS.actions]: LIMITS.actionsPerWorkshop,
};

/** A new record map under `target`, keyed by its id, with the defined values. */
function insertRecord(target: Y.Map<RecordMap>, values: Record<string, unknown>): void {
  const map = new Y.Map<unknown>();
  target.set(values.id as string, map);
  for (const [key, value] of Object.entries(values)) if (value !== undefined) map.set(key, value);
}

/** What the UI needs to offer "Undo" after a delete. */
export interface DeletedPersona {
  id: string;
  name: string;
  noteCount: number;
}

/**
 * Deletes a persona and, with it, its notes: both are hidden, not erased, so `restorePersona`
 * brings them back exactly (the server would refuse re-creating other people's notes). The last
 * persona on the board cannot be deleted.
 */
export function deletePersona(doc: Y.Doc, id: string, input: { now?: number } = {}): Result<DeletedPersona> {
  const map = livePersonaMap(doc, id);
  if (!map.ok) return map;
  if (readPersonas(doc).length <= 1) return fail(refusalText('lastPersona'));
  map.value.set('deletedAt', input.now ?? Date.now());
  let noteCount = 0;
  for (const note of notesMap(doc).values()) if (note instanceof Y.Map && note.get('personaId') === id) noteCount++;
  return ok({ id, name: String(map.value.get('name') ?? ''), noteCount });
}

/** Undoes `deletePersona`: the persona and its notes are back where they were. */
export function restorePersona(doc: Y.Doc, id: string): Result<string> {
  const map = personasMap(doc).get(id);
  if (!(map instanceof Y.Map)) return fail(refusalText('personaGoneForGood'));
  if (map.get('deletedAt') != null) map.set('deletedAt', null);
  return ok(id);
}

/**
 * Erases deleted personas (and their notes) deleted before `deletedBefore`, for good. Returns
 * how many personas were erased.
 */
export function purgeDeletedPersonas(doc: Y.Doc, input: { deletedBefore: number }): number {
  const doomed = readAllPersonas(doc).filter((p) => isDeleted(p) && (p.deletedAt ?? 0) < input.deletedBefore);
  if (doomed.length === 0) return 0;
  const ids = new Set(doomed.map((p) => p.id));
  // Everything that belongs to a persona goes with it, or it would hold a slot under the caps forever.
  const owned = [BOARD_ROOTS.notes, BOARD_ROOTS.groups, BOARD_ROOTS.journeySteps, BOARD_ROOTS.questions, BOARD_ROOTS.actions];
  doc.transact(() => {
    for (const root of owned) {
      const records = doc.getMap<unknown>(root);
      for (const [key, record] of records.entries()) {
        if (record instanceof Y.Map && ids.has(String(record.get('personaId')))) records.delete(key);
      }
    }
    for (const id of ids) personasMap(doc).delete(id);
  });
  return doomed.length;
}

/** Stores (or clears) the persona's picture key; the upload itself happens elsewhere. */
export function setPersonaPicture(doc: Y.Doc, id: string, pictureId: string | null): Result<string | null> {
  const parsed = PersonaSchema.shape.pictureId.safeParse(pictureId);
  if (!parsed.success) return fail(refusalText('invalidPicture'));
  const map = livePersonaMap(doc, id);
  if (!map.ok) return map;
  map.value.set('pictureId', pictureId);
  return ok(pictureId);
}
