/** The empathy map's quadrants (the six-quadrant template from PRODUCT.md). */
export const QUADRANT_IDS = ['sees', 'hears', 'thinks_feels', 'says_does', 'pains', 'gains'] as const;
export type QuadrantId = (typeof QUADRANT_IDS)[number];

export interface Quadrant {
  id: QuadrantId;
  title: string;
  questions: readonly string[];
}

export const QUADRANTS: readonly Quadrant[] = [
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

export function isQuadrantId(value: unknown): value is QuadrantId {
  return typeof value === 'string' && (QUADRANT_IDS as readonly string[]).includes(value);
}

export function quadrantTitle(id: QuadrantId): string {
  return QUADRANTS.find((q) => q.id === id)?.title ?? id;
}
