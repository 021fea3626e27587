import type * as Y from 'yjs';
import type { ActionItem, Question } from '../../lib/actions';
import { isMapNote, readBoard } from '../../lib/board';
import type { Note } from '../../lib/note';
import { quadrantsOf, type Quadrant, type QuadrantId } from '../../lib/quadrants';

export interface QuadrantExport {
  id: QuadrantId;
  /** Its place on the map (colours follow it); -1 for notes whose quadrant is not on the map. */
  index: number;
  title: string;
  /** The quadrant's first guiding question, printed under its title. */
  prompt: string;
  notes: Note[];
}

export interface JourneyStepExport {
  id: string;
  title: string;
  notes: Note[];
}

export interface PersonaExport {
  id: string;
  name: string;
  noteCount: number;
  authorCount: number;
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
  title: string;
  /** ms since the epoch */
  workshopDate: number;
  exportedAt: number;
  participants: string[];
  /** The map's quadrants (the board's template), in order. */
  quadrants: readonly Quadrant[];
  personas: PersonaExport[];
}

/** A persona's notes by quadrant of the map, plus, if any, those whose quadrant left the map. */
function quadrantExports(quadrants: readonly Quadrant[], notes: readonly Note[]): QuadrantExport[] {
  const onMap = new Set(quadrants.map((quadrant) => quadrant.id));
  const exports: QuadrantExport[] = quadrants.map((quadrant, index) => ({
    id: quadrant.id,
    index,
    title: quadrant.title,
    prompt: quadrant.questions[0] ?? '',
    notes: notes.filter((note) => note.quadrant === quadrant.id),
  }));
  const offMap = notes.filter((note) => !onMap.has(note.quadrant));
  if (offMap.length > 0) {
    exports.push({
      id: 'off_map',
      index: -1,
      title: 'Not on this map',
      prompt: 'Notes from quadrants the map no longer has.',
      notes: offMap,
    });
  }
  return exports;
}

/** Reads the board once and groups its notes by persona and quadrant (oldest note first). */
export function buildExportModel(
  doc: Y.Doc,
  workshop: { code: string; title: string; createdAt: number },
  participants: readonly string[],
  now = Date.now(),
): ExportModel {
  const board = readBoard(doc);
  const quadrants = quadrantsOf(board.meta);
  const personas = board.personas.map((persona): PersonaExport => {
    const notes = board.notes.filter((note) => note.personaId === persona.id);
    return {
      id: persona.id,
      name: persona.name,
      noteCount: notes.length,
      authorCount: new Set(notes.map((note) => note.authorId)).size,
      observedCount: notes.filter((note) => note.evidence === 'observed').length,
      assumedCount: notes.filter((note) => note.evidence === 'assumed').length,
      quadrants: quadrantExports(quadrants, notes.filter(isMapNote)),
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
    title: board.meta?.title ?? workshop.title,
    workshopDate: board.meta?.createdAt ?? workshop.createdAt,
    exportedAt: now,
    participants: [...participants],
    quadrants,
    personas,
  };
}

/** `2026-03-04T…` → `4 March 2026`, in UTC so every server writes the same date. */
export function formatExportDate(ms: number): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(ms);
}
