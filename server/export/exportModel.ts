import type * as Y from 'yjs';
import type { ActionItem, Question } from '../../lib/actions';
import { isMapNote, readBoard, readWorkshopLocale } from '../../lib/board';
import type { Locale } from '../../lib/i18n/locales';
import type { Note } from '../../lib/note';
import type { Persona } from '../../lib/persona';
import { profileEntries, profileSettings, type ProfileFieldSize, type ProfileSettings } from '../../lib/profile';
import { notesByQuadrant, quadrantsOf, type Quadrant, type QuadrantId } from '../../lib/quadrants';
import { exportTranslator, profileLabel } from './exportTexts';

/** A note as the exports print it: with the dots it got in closed vote rounds and its group's name. */
export interface NoteExport extends Note {
  /** Dots from closed vote rounds (an open round is blind, so it does not count yet). */
  votes: number;
  /** The name of the group the note is clustered in; '' when it is in none (or the group is unnamed). */
  groupName: string;
}

export interface QuadrantExport {
  id: QuadrantId;
  /** Its place on the map (colours follow it); -1 for notes whose quadrant is not on the map. */
  index: number;
  title: string;
  /** The quadrant's first guiding question, printed under its title. */
  prompt: string;
  /** Top-voted first; equal votes oldest first. */
  notes: NoteExport[];
  observedCount: number;
  assumedCount: number;
}

export interface JourneyStepExport {
  id: string;
  title: string;
  notes: NoteExport[];
}

/** A filled-in profile field the poster prints: the facilitator's hidden ones are left out. */
export interface ProfileFieldExport {
  key: string;
  label: string;
  value: string;
  size: ProfileFieldSize;
}

export interface PersonaExport {
  id: string;
  name: string;
  /** The quote or tagline ('' when none, or when the facilitator hid it). */
  quote: string;
  /** The other filled-in profile fields, standard then custom, in card order. */
  profile: ProfileFieldExport[];
  /** The stored picture's id, or null: the poster then draws the initials avatar. */
  pictureId: string | null;
  /**
   * The picture as small JPEG bytes, for the PDF only (filled in by `attachPosterPictures`);
   * react-pdf reads JPEG and PNG, not the WebP we store.
   */
  picture: Uint8Array | null;
  noteCount: number;
  /** People who signed notes (notes from anonymous steps carry no author and are not counted). */
  authorCount: number;
  /** Notes written in anonymous steps. */
  anonymousCount: number;
  /** Notes labelled as heard from a customer, and as our assumption (the rest are unlabelled). */
  observedCount: number;
  assumedCount: number;
  quadrants: QuadrantExport[];
  /** The buying scenario ('' when none). */
  scenario: string;
  /** Journey steps in order, each with its notes. */
  journey: JourneyStepExport[];
  /** What we don't know. */
  questions: Question[];
  /** The action plan, in order. */
  actions: ActionItem[];
}

/**
 * What every export format writes: plain data, so it can cross to the PDF worker thread by
 * structured clone and be read without a `Y.Doc`.
 */
export interface ExportModel {
  code: string;
  /** The workshop's language: the export's own words, dates and numbers are in it (what people typed is not translated). */
  locale: Locale;
  title: string;
  /** ms since the epoch */
  workshopDate: number;
  exportedAt: number;
  /** Who took part, by name; empty when the names are withheld (see `withheldParticipants`). */
  participants: string[];
  /** How many took part when the workshop had anonymous steps, so no export names them; else 0. */
  withheldParticipants: number;
  /** The map's quadrants (the board's template), in order. */
  quadrants: readonly Quadrant[];
  personas: PersonaExport[];
}

export interface ExportInputs {
  /** Dots per note id from closed vote rounds. */
  votes?: ReadonlyMap<string, number>;
  now?: number;
}

const countEvidence = (notes: readonly Note[], evidence: 'observed' | 'assumed') =>
  notes.filter((note) => note.evidence === evidence).length;

/** Most dots first; the board's order (oldest first) breaks ties, since the sort is stable. */
const byVotes = (notes: NoteExport[]) => notes.sort((a, b) => b.votes - a.votes);

function quadrantExport(id: QuadrantId, index: number, title: string, prompt: string, notes: NoteExport[]): QuadrantExport {
  return {
    id,
    index,
    title,
    prompt,
    notes: byVotes(notes),
    observedCount: countEvidence(notes, 'observed'),
    assumedCount: countEvidence(notes, 'assumed'),
  };
}

/** A persona's notes by quadrant of the map, plus, if any, those whose quadrant left the map. */
function quadrantExports(quadrants: readonly Quadrant[], notes: readonly NoteExport[], locale: Locale): QuadrantExport[] {
  const t = exportTranslator(locale);
  return notesByQuadrant(quadrants, notes).map(({ quadrant, notes: own, isOffMap }, index) =>
    isOffMap
      ? quadrantExport(quadrant.id, -1, t('offMapTitle'), t('offMapPrompt'), own)
      : quadrantExport(quadrant.id, index, quadrant.title, quadrant.questions[0] ?? '', own),
  );
}

/** The quote and the filled-in profile fields the facilitator did not hide. */
function profileOf(persona: Persona, settings: ProfileSettings, locale: Locale): Pick<PersonaExport, 'quote' | 'profile'> {
  const filled = profileEntries(persona, settings).filter((entry) => entry.value.trim() !== '');
  return {
    quote: filled.find((entry) => entry.key === 'quote')?.value.trim() ?? '',
    profile: filled
      .filter((entry) => entry.key !== 'quote')
      .map((entry) => ({
        key: entry.key,
        label: profileLabel(entry.key, entry.label, locale),
        value: entry.value.trim(),
        size: entry.size,
      })),
  };
}

/** Reads the board once and groups its notes by persona and quadrant (top-voted, then oldest, first). */
export function buildExportModel(
  doc: Y.Doc,
  workshop: { code: string; title: string; createdAt: number },
  participants: readonly string[],
  { votes = new Map(), now = Date.now() }: ExportInputs = {},
): ExportModel {
  const board = readBoard(doc);
  const locale = readWorkshopLocale(doc);
  const quadrants = quadrantsOf(board.meta);
  const settings = profileSettings(board.meta);
  const groupNames = new Map(board.groups.map((group) => [group.id, group.name.trim()]));
  const allNotes: NoteExport[] = board.notes.map((note) => ({
    ...note,
    votes: votes.get(note.id) ?? 0,
    groupName: (note.groupId && groupNames.get(note.groupId)) || '',
  }));
  const personas = board.personas.map((persona): PersonaExport => {
    const notes = allNotes.filter((note) => note.personaId === persona.id);
    const signed = notes.filter((note) => note.authorName !== '');
    return {
      id: persona.id,
      name: persona.name,
      ...profileOf(persona, settings, locale),
      pictureId: persona.pictureId ?? null,
      picture: null,
      noteCount: notes.length,
      authorCount: new Set(signed.map((note) => note.authorId)).size,
      anonymousCount: notes.length - signed.length,
      observedCount: countEvidence(notes, 'observed'),
      assumedCount: countEvidence(notes, 'assumed'),
      quadrants: quadrantExports(quadrants, notes.filter(isMapNote), locale),
      scenario: persona.scenario ?? '',
      journey: board.journeySteps
        .filter((step) => step.personaId === persona.id)
        .map((step) => ({ id: step.id, title: step.title, notes: notes.filter((note) => note.journeyStepId === step.id) })),
      questions: board.questions.filter((question) => question.personaId === persona.id),
      actions: board.actions.filter((action) => action.personaId === persona.id),
    };
  });
  return {
    code: workshop.code,
    locale,
    title: board.meta?.title ?? workshop.title,
    workshopDate: board.meta?.createdAt ?? workshop.createdAt,
    exportedAt: now,
    participants: [...participants],
    withheldParticipants: 0,
    quadrants,
    personas,
  };
}

/** The export of a workshop with anonymous steps: who took part is counted, never named. */
export function withParticipantsWithheld(model: ExportModel): ExportModel {
  return { ...model, participants: [], withheldParticipants: model.participants.length };
}
