import * as Y from 'yjs';
import { readActions, readQuestions, type ActionItem, type Question } from './actions';
import { readGroups, type Group } from './groups';
import { journeyStepsMap, readJourneySteps, type JourneyStep } from './journey';
import { newId } from './ids';
import { BOARD_ROOTS } from './roots';
import { LIMITS } from './limits';
import { DEFAULT_LOCALE, LocaleSchema, type Locale } from './i18n/locales';
import { isDeleted, parseMeta, parsePersona, type Meta, type Persona } from './persona';
import { DEFAULT_NOTE_COLOR, NoteSchema, NoteTextSchema, type Evidence, type Note, type NoteColor } from './note';
import { quadrantsOf, type Quadrant, type QuadrantId } from './quadrants';
import { fail, ok, type Result } from './result';
import { refusalText } from './refusals';

export { BOARD_ROOTS, type BoardRoot } from './roots';

type RecordMap = Y.Map<unknown>;

export const metaMap = (doc: Y.Doc) => doc.getMap<unknown>(BOARD_ROOTS.meta);
export const personasMap = (doc: Y.Doc) => doc.getMap<RecordMap>(BOARD_ROOTS.personas);
export const notesMap = (doc: Y.Doc) => doc.getMap<RecordMap>(BOARD_ROOTS.notes);

/** A plain, validated snapshot of the board: what views render and exports write. */
export interface Board {
  meta: Meta | null;
  personas: Persona[];
  notes: Note[];
  groups: Group[];
  /** Every persona's journey steps, in journey order. */
  journeySteps: JourneyStep[];
  questions: Question[];
  actions: ActionItem[];
}

/** A board with nothing on it yet (before the doc loads). */
export const EMPTY_BOARD: Board = { meta: null, personas: [], notes: [], groups: [], journeySteps: [], questions: [], actions: [] };

function writeRecord(target: RecordMap, values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values)) target.set(key, value);
}

/** Fills a new workshop's doc: its title and a first persona. Used once, by the server. */
export function initBoard(doc: Y.Doc, input: { title: string; personaName?: string; now?: number; locale?: Locale }): Persona {
  const now = input.now ?? Date.now();
  const persona: Persona = { id: newId(), name: input.personaName ?? 'Persona 1', order: 1, createdAt: now };
  doc.transact(() => {
    writeRecord(metaMap(doc), { title: input.title, createdAt: now, schemaVersion: 1 });
    if (input.locale) metaMap(doc).set('locale', input.locale);
    const map = new Y.Map<unknown>();
    personasMap(doc).set(persona.id, map);
    writeRecord(map, persona);
  });
  return persona;
}

/** The persona exists and is not deleted (a deleted persona takes no new notes). */
export function isLivePersona(doc: Y.Doc, id: string): boolean {
  const map = personasMap(doc).get(id);
  if (!(map instanceof Y.Map)) return false;
  const deletedAt = map.get('deletedAt');
  return deletedAt === undefined || deletedAt === null;
}

export interface NewNote {
  /** A caller-chosen id (the server reuses a draft's id, so a reveal applies once). */
  id?: string;
  personaId: string;
  quadrant: QuadrantId;
  text: string;
  authorId: string;
  authorName: string;
  color?: NoteColor;
  /** Puts the note on this journey step instead of the empathy map (`quadrant` is kept, unused). */
  journeyStepId?: string;
  now?: number;
}

/**
 * Adds a note; refuses empty or over-long text, an unknown persona, or a full board.
 * `noteCount`: the board's number of notes, when the caller keeps it while adding many (a
 * reveal): `Y.Map.size` walks every entry, so counting per note would cost O(notes) each.
 */
export function addNote(doc: Y.Doc, input: NewNote, noteCount?: number): Result<Note> {
  const text = NoteTextSchema.safeParse(input.text);
  if (!text.success) return fail(text.error.issues[0]?.message ?? refusalText('invalidNoteText'));
  if (!isLivePersona(doc, input.personaId)) return fail(refusalText('personaGone'));
  if ((noteCount ?? notesMap(doc).size) >= LIMITS.notesPerWorkshop) return fail(refusalText('boardFull'));
  if (input.journeyStepId !== undefined && journeyStepsMap(doc).get(input.journeyStepId)?.get('personaId') !== input.personaId) {
    return fail(refusalText('journeyStepGone'));
  }
  const parsed = NoteSchema.safeParse({
    id: input.id ?? newId(),
    personaId: input.personaId,
    quadrant: input.quadrant,
    text: text.data,
    color: input.color ?? DEFAULT_NOTE_COLOR,
    authorId: input.authorId,
    authorName: input.authorName,
    createdAt: input.now ?? Date.now(),
    ...(input.journeyStepId === undefined ? {} : { journeyStepId: input.journeyStepId }),
  });
  if (!parsed.success) return fail(refusalText('invalidNote'));
  const note = parsed.data;
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    notesMap(doc).set(note.id, map);
    writeRecord(map, note);
  });
  return ok(note);
}

function existingNote(doc: Y.Doc, id: string): Result<RecordMap> {
  const map = notesMap(doc).get(id);
  return map instanceof Y.Map ? ok(map) : fail(refusalText('noteGone'));
}

export function editNoteText(doc: Y.Doc, id: string, text: string): Result<string> {
  const parsed = NoteTextSchema.safeParse(text);
  if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? refusalText('invalidNoteText'));
  const note = existingNote(doc, id);
  if (!note.ok) return note;
  if (note.value.get('text') !== parsed.data) note.value.set('text', parsed.data);
  return ok(parsed.data);
}

/** Moves a note to a quadrant of the board's map (not to one the map lacks). */
export function moveNote(doc: Y.Doc, id: string, quadrant: QuadrantId): Result<QuadrantId> {
  if (!readQuadrants(doc).some((q) => q.id === quadrant)) return fail(refusalText('quadrantNotOnMap'));
  const note = existingNote(doc, id);
  if (!note.ok) return note;
  if (note.value.get('quadrant') !== quadrant) note.value.set('quadrant', quadrant);
  return ok(quadrant);
}

export function setNoteColor(doc: Y.Doc, id: string, color: NoteColor): Result<NoteColor> {
  const parsed = NoteSchema.shape.color.safeParse(color);
  if (!parsed.success) return fail(refusalText('unknownColour'));
  const note = existingNote(doc, id);
  if (!note.ok) return note;
  note.value.set('color', parsed.data);
  return ok(parsed.data);
}

/** Marks a note as observed (a customer said or did it) or assumed; `null` clears the label. */
export function setNoteEvidence(doc: Y.Doc, id: string, evidence: Evidence | null): Result<Evidence | null> {
  const parsed = NoteSchema.shape.evidence.safeParse(evidence);
  if (!parsed.success) return fail(refusalText('unknownEvidence'));
  const note = existingNote(doc, id);
  if (!note.ok) return note;
  note.value.set('evidence', parsed.data ?? null);
  return ok(parsed.data ?? null);
}

export function deleteNote(doc: Y.Doc, id: string): Result<string> {
  const note = existingNote(doc, id);
  if (!note.ok) return note;
  notesMap(doc).delete(id);
  return ok(id);
}

/** Reads one record map through its schema; a half-synced or foreign record reads as null. */
function readRecord<T>(map: unknown, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): T | null {
  if (!(map instanceof Y.Map)) return null;
  const parsed = schema.safeParse(map.toJSON());
  return parsed.success ? parsed.data : null;
}

export function readMeta(doc: Y.Doc): Meta | null {
  return parseMeta(metaMap(doc).toJSON());
}

/** The workshop's language: English for a board made before languages existed. */
export function readWorkshopLocale(doc: Y.Doc): Locale {
  return readMeta(doc)?.locale ?? DEFAULT_LOCALE;
}

/**
 * Changes the workshop language (the facilitator's; the server's validator lets only them write
 * `meta`). What the board already holds keeps its words: only the projector's language and what
 * is made from now on (exports' headings, once translated) follow it.
 */
export function setWorkshopLocale(doc: Y.Doc, locale: unknown): Result<Locale> {
  const parsed = LocaleSchema.safeParse(locale);
  if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? refusalText('unsupportedLanguage'));
  if (readMeta(doc)?.locale !== parsed.data) metaMap(doc).set('locale', parsed.data);
  return ok(parsed.data);
}

/** The quadrants the board's map shows now (the six-quadrant default until a template is set). */
export function readQuadrants(doc: Y.Doc): readonly Quadrant[] {
  return quadrantsOf(readMeta(doc));
}

/** Every valid persona record, deleted ones included, in board order. */
export function readAllPersonas(doc: Y.Doc): Persona[] {
  const personas: Persona[] = [];
  for (const map of personasMap(doc).values()) {
    const persona = map instanceof Y.Map ? parsePersona(map.toJSON() as Record<string, unknown>) : null;
    if (persona) personas.push(persona);
  }
  return personas.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** The personas on the board (not deleted), in board order. */
export function readPersonas(doc: Y.Doc): Persona[] {
  return readAllPersonas(doc).filter((persona) => !isDeleted(persona));
}

/** One note by id, validated like `readNotes` does, or null. */
export function readNote(doc: Y.Doc, id: string): Note | null {
  return readRecord(notesMap(doc).get(id), NoteSchema);
}

/** Every valid note, oldest first (ties broken by id so every peer shows the same order). */
export function readNotes(doc: Y.Doc): Note[] {
  const notes: Note[] = [];
  for (const map of notesMap(doc).values()) {
    const note = readRecord(map, NoteSchema);
    if (note) notes.push(note);
  }
  return notes.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/**
 * The board as views and exports show it: a deleted persona's notes, groups, journey, questions
 * and actions are hidden with it, and so are notes left on a journey step deleted meanwhile.
 */
export function readBoard(doc: Y.Doc): Board {
  const all = readAllPersonas(doc);
  const deletedIds = new Set(all.filter(isDeleted).map((persona) => persona.id));
  const isShown = (record: { personaId: string }) => !deletedIds.has(record.personaId);
  const journeySteps = readJourneySteps(doc).filter(isShown);
  const stepIds = new Set(journeySteps.map((step) => step.id));
  const isOnBoard = (note: Note) => isShown(note) && (note.journeyStepId == null || stepIds.has(note.journeyStepId));
  return {
    meta: readMeta(doc),
    personas: all.filter((persona) => !deletedIds.has(persona.id)),
    notes: readNotes(doc).filter(isOnBoard),
    groups: readGroups(doc).filter(isShown),
    journeySteps,
    questions: readQuestions(doc).filter(isShown),
    actions: readActions(doc).filter(isShown),
  };
}

/** Is the note on the empathy map (rather than on a journey step)? */
export const isMapNote = (note: Pick<Note, 'journeyStepId'>) => note.journeyStepId == null;
