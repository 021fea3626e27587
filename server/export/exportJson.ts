import type * as Y from 'yjs';
import { readBoard } from '../../lib/board';
import { DEFAULT_LOCALE } from '../../lib/i18n/locales';
import { profileSettings } from '../../lib/profile';
import { quadrantsOf, templateOf } from '../../lib/quadrants';

/**
 * The whole board as JSON: personas (each with its notes, journey steps, questions and actions)
 * and the flat list of notes (a note on a journey step carries its `journeyStepId`).
 */
export function exportBoardJson(doc: Y.Doc, workshop: { code: string; title: string }, now = Date.now()) {
  const board = readBoard(doc);
  return {
    format: 'persona-workshop/v1',
    code: workshop.code,
    title: board.meta?.title ?? workshop.title,
    /** The workshop language (an import keeps it). */
    locale: board.meta?.locale ?? DEFAULT_LOCALE,
    exportedAt: new Date(now).toISOString(),
    /** The workshop's profile setup: hidden standard fields and the custom fields' labels. */
    profile: profileSettings(board.meta),
    /** The empathy map's template and quadrants (an import restores them: notes name their quadrant by id). */
    template: templateOf(board.meta),
    quadrants: quadrantsOf(board.meta),
    personas: board.personas.map((persona) => ({
      ...persona,
      notes: board.notes.filter((note) => note.personaId === persona.id),
      journeySteps: board.journeySteps.filter((step) => step.personaId === persona.id),
      questions: board.questions.filter((question) => question.personaId === persona.id),
      actions: board.actions.filter((action) => action.personaId === persona.id),
    })),
    notes: board.notes,
    groups: board.groups,
  };
}
