/**
 * The board document's top-level keys. Every one is a `Y.Map`; records inside are `Y.Map`s of
 * plain values (see `NoteSchema`, `PersonaSchema`, `GroupSchema`, `JourneyStepSchema`,
 * `QuestionSchema`, `ActionItemSchema`, `MetaSchema`).
 */
export const BOARD_ROOTS = {
  meta: 'meta',
  personas: 'personas',
  notes: 'notes',
  groups: 'groups',
  journeySteps: 'journeySteps',
  questions: 'questions',
  actions: 'actions',
} as const;
export type BoardRoot = (typeof BOARD_ROOTS)[keyof typeof BOARD_ROOTS];
