import type * as Y from 'yjs';
import { readBoard } from '../../lib/board';
import { profileSettings } from '../../lib/profile';
import { quadrantsOf, templateOf } from '../../lib/quadrants';
import type { BoardContent } from './writeBoard';

/**
 * "Copy as new workshop": the same title, personas with their profiles and pictures, the
 * profile setup and the map's template, but empty empathy maps. A follow-up session revisits the personas with fresh
 * eyes; the old notes stay in the original workshop (and its exports and snapshots).
 */
export function copyContent(doc: Y.Doc, fallbackTitle: string): BoardContent {
  const board = readBoard(doc);
  return {
    title: board.meta?.title ?? fallbackTitle,
    ...(board.meta?.locale ? { locale: board.meta.locale } : {}),
    profile: profileSettings(board.meta),
    map: { template: templateOf(board.meta), quadrants: quadrantsOf(board.meta) },
    personas: board.personas.map(({ deletedAt: _deleted, ...persona }) => persona),
    notes: [],
    groups: [],
    journeySteps: [],
    questions: [],
    actions: [],
  };
}
