import type * as Y from 'yjs';
import { readBoard } from '../../lib/board';

/** The whole board as JSON: personas (each with its notes) and the flat list of notes. */
export function exportBoardJson(doc: Y.Doc, workshop: { code: string; title: string }, now = Date.now()) {
  const board = readBoard(doc);
  return {
    format: 'persona-workshop/v1',
    code: workshop.code,
    title: board.meta?.title ?? workshop.title,
    exportedAt: new Date(now).toISOString(),
    personas: board.personas.map((persona) => ({
      ...persona,
      notes: board.notes.filter((note) => note.personaId === persona.id),
    })),
    notes: board.notes,
  };
}
