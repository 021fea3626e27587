import * as Y from 'yjs';
import * as z from './zod';
import { ID_PATTERN, newId } from './ids';
import { LIMITS } from './limits';
import { byOrder, moveToIndex, nextOrder } from './order';
import { NoteSchema, type Note } from './note';
import { mayChangeNote, type Actor } from './permissions';
import { fail, ok, type Result } from './result';
import { BOARD_ROOTS } from './roots';
import { refusalText } from './refusals';

/**
 * A persona's buying scenario and customer journey. The scenario is one plain string on the
 * persona's own map (`scenario`); each journey step is a `Y.Map` under the top-level
 * `journeySteps` map, sorted by a fractional `order`. Notes on a step are ordinary notes with
 * a `journeyStepId` (see `NoteSchema`), so they keep every note feature.
 */

/** The stored scenario: a plain string within its limit ('' when cleared). */
export const ScenarioSchema = z.string().check(z.maxLength(LIMITS.scenarioChars));

export const JourneyStepSchema = z.object({
  id: z.string().check(z.regex(ID_PATTERN)),
  personaId: z.string().check(z.regex(ID_PATTERN)),
  title: z.string().check(z.maxLength(LIMITS.journeyStepTitleChars)),
  order: z.number(),
  createdAt: z.number().check(z.int(), z.nonnegative()),
});
export type JourneyStep = z.infer<typeof JourneyStepSchema>;

export const JourneyStepTitleSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, refusalText('stepTitleEmpty')),
    z.maxLength(LIMITS.journeyStepTitleChars, refusalText('stepTitleTooLong', { max: LIMITS.journeyStepTitleChars })),
  );

export const journeyStepsMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(BOARD_ROOTS.journeySteps);
const personasMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(BOARD_ROOTS.personas);
const notesMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(BOARD_ROOTS.notes);

function livePersona(doc: Y.Doc, personaId: string): Result<Y.Map<unknown>> {
  const map = personasMap(doc).get(personaId);
  const deletedAt: unknown = map instanceof Y.Map ? map.get('deletedAt') : undefined;
  return map instanceof Y.Map && (deletedAt === undefined || deletedAt === null) ? ok(map) : fail(refusalText('personaGone'));
}

/** Sets a persona's buying scenario (trimmed; '' clears it). */
export function setScenario(doc: Y.Doc, personaId: string, text: string): Result<string> {
  const trimmed = text.trim();
  if (trimmed.length > LIMITS.scenarioChars) return fail(refusalText('scenarioTooLong', { max: LIMITS.scenarioChars }));
  const persona = livePersona(doc, personaId);
  if (!persona.ok) return persona;
  if ((persona.value.get('scenario') ?? '') !== trimmed) persona.value.set('scenario', trimmed);
  return ok(trimmed);
}

/** Every valid journey step, in journey order (all personas). */
export function readJourneySteps(doc: Y.Doc): JourneyStep[] {
  const steps: JourneyStep[] = [];
  for (const map of journeyStepsMap(doc).values()) {
    const parsed = map instanceof Y.Map ? JourneyStepSchema.safeParse(map.toJSON()) : null;
    if (parsed?.success) steps.push(parsed.data);
  }
  return steps.sort(byOrder);
}

const stepsOf = (doc: Y.Doc, personaId: string) => readJourneySteps(doc).filter((step) => step.personaId === personaId);

/** Adds a step at the end of a persona's journey. */
export function addJourneyStep(doc: Y.Doc, input: { personaId: string; title: string; now?: number }): Result<JourneyStep> {
  const title = JourneyStepTitleSchema.safeParse(input.title);
  if (!title.success) return fail(title.error.issues[0]?.message ?? refusalText('invalidStepTitle'));
  const persona = livePersona(doc, input.personaId);
  if (!persona.ok) return persona;
  if (journeyStepsMap(doc).size >= LIMITS.journeyStepsPerWorkshop) return fail(refusalText('tooManyJourneySteps'));
  const step: JourneyStep = {
    id: newId(),
    personaId: input.personaId,
    title: title.data,
    order: nextOrder(stepsOf(doc, input.personaId)),
    createdAt: input.now ?? Date.now(),
  };
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    journeyStepsMap(doc).set(step.id, map);
    for (const [key, value] of Object.entries(step)) map.set(key, value);
  });
  return ok(step);
}

export function renameJourneyStep(doc: Y.Doc, stepId: string, title: string): Result<string> {
  const parsed = JourneyStepTitleSchema.safeParse(title);
  if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? refusalText('invalidStepTitle'));
  const step = journeyStepsMap(doc).get(stepId);
  if (!step) return fail(refusalText('stepGone'));
  if (step.get('title') !== parsed.data) step.set('title', parsed.data);
  return ok(parsed.data);
}

/** Moves a step to `toIndex` within its persona's journey. */
export function moveJourneyStep(doc: Y.Doc, stepId: string, toIndex: number): Result<number> {
  const step = readJourneySteps(doc).find((s) => s.id === stepId);
  if (!step) return fail(refusalText('stepGone'));
  return ok(moveToIndex(journeyStepsMap(doc), stepsOf(doc, step.personaId), stepId, toIndex));
}

/**
 * Moves a note from its journey step to another step of the same persona: one field write, so it
 * merges with a concurrent edit of the note's text. Notes on the empathy map move by quadrant instead.
 */
export function moveNoteToStep(doc: Y.Doc, noteId: string, stepId: string): Result<string> {
  const note = notesMap(doc).get(noteId);
  if (!(note instanceof Y.Map)) return fail(refusalText('noteGone'));
  if (note.get('journeyStepId') == null) return fail(refusalText('noteNotOnStep'));
  const step = journeyStepsMap(doc).get(stepId);
  if (!(step instanceof Y.Map)) return fail(refusalText('stepGone'));
  if (step.get('personaId') !== note.get('personaId')) return fail(refusalText('stepOfOtherPersona'));
  if (note.get('journeyStepId') !== stepId) note.set('journeyStepId', stepId);
  return ok(stepId);
}

/** Every valid note on a journey step. */
function readStepNotes(doc: Y.Doc): Note[] {
  const notes: Note[] = [];
  for (const map of notesMap(doc).values()) {
    const parsed = map instanceof Y.Map ? NoteSchema.safeParse(map.toJSON()) : null;
    if (parsed?.success && parsed.data.journeyStepId != null) notes.push(parsed.data);
  }
  return notes;
}

/**
 * Deletes a step and the notes on it, in one transaction. With an `actor`, only if every note on
 * the step is one they may delete (`mayChangeNote`): nobody erases other people's notes with a step.
 */
export function deleteJourneyStep(doc: Y.Doc, stepId: string, actor?: Actor): Result<string> {
  if (!journeyStepsMap(doc).has(stepId)) return fail(refusalText('stepGone'));
  if (actor && readStepNotes(doc).some((note) => note.journeyStepId === stepId && !mayChangeNote(note, actor))) {
    return fail(refusalText('stepHoldsOthersNotes'));
  }
  doc.transact(() => {
    for (const [noteId, note] of notesMap(doc)) if (note.get('journeyStepId') === stepId) notesMap(doc).delete(noteId);
    journeyStepsMap(doc).delete(stepId);
  });
  return ok(stepId);
}
