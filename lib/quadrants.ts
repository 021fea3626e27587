import * as z from './zod';
import { refusalText } from './refusals';

/**
 * The empathy map's quadrants. A workshop's map follows a template: the six-quadrant map
 * (PRODUCT.md, the default), the classic four (Says / Thinks / Does / Feels), or custom titles
 * and questions. The chosen quadrants live in the board's `meta` (`template`, `quadrants`); a
 * note names its quadrant by id, so switching templates never rewrites notes: a note whose
 * quadrant is not on the current map waits under "Not on this map" until it is moved, or until
 * the map has that quadrant again.
 */
export type QuadrantId = string;

/** A quadrant id: lowercase, stable, chosen by the template (built-in ids or `c_<random>`). */
export const QuadrantIdSchema = z.string().check(z.regex(/^[a-z][a-z0-9_]{0,21}$/));

export const QUADRANT_LIMITS = { titleChars: 40, questionChars: 200, questionsPerQuadrant: 6, minQuadrants: 1, maxQuadrants: 8 } as const;

export const QuadrantSchema = z.object({
  id: QuadrantIdSchema,
  title: z.string().check(z.trim(), z.minLength(1, refusalText('quadrantTitleEmpty')), z.maxLength(QUADRANT_LIMITS.titleChars)),
  questions: z
    .array(z.string().check(z.trim(), z.minLength(1), z.maxLength(QUADRANT_LIMITS.questionChars)))
    .check(z.maxLength(QUADRANT_LIMITS.questionsPerQuadrant)),
});
export type Quadrant = z.infer<typeof QuadrantSchema>;

/** The quadrants of one map: 1–8, ids unique. */
export const QuadrantsSchema = z.array(QuadrantSchema).check(
  z.minLength(QUADRANT_LIMITS.minQuadrants),
  z.maxLength(QUADRANT_LIMITS.maxQuadrants),
  z.refine((quadrants) => new Set(quadrants.map((q) => q.id)).size === quadrants.length, 'Quadrant ids must be unique.'),
);

export const TEMPLATE_IDS = ['six', 'classic', 'custom'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];
export const TemplateIdSchema = z.enum(TEMPLATE_IDS);

/** The six-quadrant map from PRODUCT.md: the default. */
export const SIX_QUADRANTS: readonly Quadrant[] = [
  {
    id: 'sees',
    title: 'Sees',
    questions: [
      'What do they see every day?',
      'Who are their friends and colleagues?',
      'Which offers are they exposed to?',
      'What everyday problems do they face?',
    ],
  },
  {
    id: 'hears',
    title: 'Hears',
    questions: ['What do friends, colleagues, peers and family say?', 'Who influences them?', 'Where does their information come from?'],
  },
  {
    id: 'thinks_feels',
    title: 'Thinks & Feels',
    questions: [
      'What really matters to them (not what they say publicly)?',
      'What motivates them?',
      'What are their dreams and aspirations?',
    ],
  },
  {
    id: 'says_does',
    title: 'Says & Does',
    questions: ['What do they say and do in public?', 'How do they shop and decide?'],
  },
  {
    id: 'pains',
    title: 'Pains',
    questions: ['What are their biggest frustrations?', 'Which obstacles must they overcome?', 'Which risks stop them from acting?'],
  },
  {
    id: 'gains',
    title: 'Gains',
    questions: ['What do they really want to achieve?', 'What does success look like?', 'What are their strategies to get there?'],
  },
];

/** The classic four-quadrant empathy map. */
export const CLASSIC_QUADRANTS: readonly Quadrant[] = [
  { id: 'says', title: 'Says', questions: ['What have we heard them say?', 'Which words do they use?'] },
  { id: 'thinks', title: 'Thinks', questions: ['What might they be thinking but not saying?', 'What occupies their mind?'] },
  { id: 'does', title: 'Does', questions: ['What do they do, day to day?', 'Which actions and behaviours have we seen?'] },
  { id: 'feels', title: 'Feels', questions: ['What worries or excites them?', 'How do they feel about the experience?'] },
];

export const TEMPLATES: Record<Exclude<TemplateId, 'custom'>, { label: string; quadrants: readonly Quadrant[] }> = {
  six: { label: 'Six quadrants (Sees, Hears, Thinks & Feels, Says & Does, Pains, Gains)', quadrants: SIX_QUADRANTS },
  classic: { label: 'Classic four (Says, Thinks, Does, Feels)', quadrants: CLASSIC_QUADRANTS },
};

/** A built-in map's words in one language: per quadrant id its `title` and questions `q1`, `q2`, … */
export type BuiltInMapWords = Record<string, Record<string, string>>;

/**
 * A built-in map in another language: the same quadrant ids (notes name their quadrant by id,
 * so exports, imports and template switches keep working), titles and guiding questions from
 * `words` (the catalogs' `board.six` / `board.classic`); what `words` lacks stays English.
 */
export function localizeQuadrants(template: Exclude<TemplateId, 'custom'>, words: BuiltInMapWords | undefined): Quadrant[] {
  return TEMPLATES[template].quadrants.map((quadrant) => {
    const own = words?.[quadrant.id];
    if (!own) return { ...quadrant, questions: [...quadrant.questions] };
    return { id: quadrant.id, title: own.title ?? quadrant.title, questions: quadrant.questions.map((q, i) => own[`q${i + 1}`] ?? q) };
  });
}

/** The six-quadrant map's ids, for tools that write notes straight into a default board. */
export const QUADRANT_IDS = ['sees', 'hears', 'thinks_feels', 'says_does', 'pains', 'gains'] as const;

/** What a board's `meta` says about its map; absent fields mean the six-quadrant default. */
export interface MapTemplate {
  template?: TemplateId;
  quadrants?: readonly Quadrant[];
}

/** The quadrants a board shows, in order. */
export function quadrantsOf(meta: MapTemplate | null | undefined): readonly Quadrant[] {
  return meta?.quadrants && meta.quadrants.length > 0 ? meta.quadrants : SIX_QUADRANTS;
}

export function templateOf(meta: MapTemplate | null | undefined): TemplateId {
  return meta?.template ?? (meta?.quadrants ? 'custom' : 'six');
}

/** Every built-in quadrant, for titles of notes whose quadrant left the map. */
const BUILT_IN: readonly Quadrant[] = [...SIX_QUADRANTS, ...CLASSIC_QUADRANTS];

/** Where screens and exports show the notes whose quadrant the map lacks (the template changed). */
export const OFF_MAP: Quadrant = {
  id: 'off_map',
  title: 'Not on this map',
  questions: ['These notes came from quadrants this map does not have. Move each one with “Move to…”.'],
};

/** A quadrant's title on this map; a built-in title, or "Not on this map", for one that is not on it. */
export function quadrantTitle(id: QuadrantId, quadrants: readonly Quadrant[]): string {
  return quadrants.find((q) => q.id === id)?.title ?? BUILT_IN.find((q) => q.id === id)?.title ?? OFF_MAP.title;
}

/** One quadrant's notes, in the order given; `isOffMap` for the bucket of notes the map has no quadrant for. */
export interface QuadrantNotes<N> {
  quadrant: Quadrant;
  notes: N[];
  isOffMap: boolean;
}

/**
 * Notes by quadrant, in the map's order, then `OFF_MAP` with the notes of quadrants the map
 * lacks, only when there are any: so no note is ever hidden by a template change.
 */
export function notesByQuadrant<N extends { quadrant: QuadrantId }>(
  quadrants: readonly Quadrant[],
  notes: readonly N[],
): QuadrantNotes<N>[] {
  const onMap = quadrants.map((quadrant): QuadrantNotes<N> => ({ quadrant, notes: [], isOffMap: false }));
  const byId = new Map(onMap.map((entry) => [entry.quadrant.id, entry]));
  const offMap: QuadrantNotes<N> = { quadrant: OFF_MAP, notes: [], isOffMap: true };
  for (const note of notes) (byId.get(note.quadrant) ?? offMap).notes.push(note);
  return offMap.notes.length > 0 ? [...onMap, offMap] : onMap;
}

/** The id a new custom quadrant gets: `c_` and random letters, not clashing with `taken`. */
export function newQuadrantId(taken: readonly QuadrantId[], random: () => number = Math.random): QuadrantId {
  for (;;) {
    const id = `c_${Math.floor(random() * 36 ** 6)
      .toString(36)
      .padStart(6, '0')}`;
    if (!taken.includes(id)) return id;
  }
}
