import { ActionItemSchema, QuestionSchema } from '../../lib/actions';
import { BOARD_ROOTS } from '../../lib/board';
import { GroupSchema } from '../../lib/groups';
import { JourneyStepSchema } from '../../lib/journey';
import { LIMITS } from '../../lib/limits';
import { NoteSchema } from '../../lib/note';
import { META_FIELD_SCHEMAS, MetaSchema, PersonaSchema, personaFieldSchema } from '../../lib/persona';
import { customFieldIdOf } from '../../lib/profile';
import { fail, ok, type Result } from '../../lib/result';
import { isPlainJson } from './recordChecks';

/**
 * What the board doc may hold, as `validateUpdate` and its fast path both read it: the schema
 * of every field per root, the record caps and the fields written once. One table, so the two
 * paths cannot disagree about a field.
 */

export type FieldSchema = { safeParse(value: unknown): { success: boolean } };

const NOTE_FIELDS: Record<string, FieldSchema> = NoteSchema.shape;
const META_FIELDS: Record<string, FieldSchema> = META_FIELD_SCHEMAS;
const GROUP_FIELDS: Record<string, FieldSchema> = GroupSchema.shape;
const JOURNEY_STEP_FIELDS: Record<string, FieldSchema> = JourneyStepSchema.shape;
const QUESTION_FIELDS: Record<string, FieldSchema> = QuestionSchema.shape;
const ACTION_FIELDS: Record<string, FieldSchema> = ActionItemSchema.shape;

/** Own-property lookup: crafted keys like `__proto__` or `constructor` must not find Object.prototype. */
function lookupField(table: Record<string, FieldSchema>, key: string): FieldSchema | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The schema of each record field, per root that holds records (personas also take `custom_<id>` keys). */
const RECORD_FIELDS: Record<string, (key: string) => FieldSchema | undefined> = {
  [BOARD_ROOTS.notes]: (key) => lookupField(NOTE_FIELDS, key),
  [BOARD_ROOTS.personas]: personaFieldSchema,
  [BOARD_ROOTS.groups]: (key) => lookupField(GROUP_FIELDS, key),
  [BOARD_ROOTS.journeySteps]: (key) => lookupField(JOURNEY_STEP_FIELDS, key),
  [BOARD_ROOTS.questions]: (key) => lookupField(QUESTION_FIELDS, key),
  [BOARD_ROOTS.actions]: (key) => lookupField(ACTION_FIELDS, key),
};

export function isRecordRoot(root: string): boolean {
  return Object.hasOwn(RECORD_FIELDS, root);
}

/** The schema of `key` in a record of `root`; undefined for an unknown root or field. */
export function recordFieldSchema(root: string, key: string): FieldSchema | undefined {
  return isRecordRoot(root) ? RECORD_FIELDS[root]!(key) : undefined;
}

/** The schema of a key of the top-level `meta` map. */
export function metaFieldSchema(key: string): FieldSchema | undefined {
  return lookupField(META_FIELDS, key);
}

/** How many records each root may hold per workshop (new records beyond it are refused). */
export const RECORD_CAPS: Record<string, { max: number; error: string }> = {
  [BOARD_ROOTS.notes]: { max: LIMITS.notesPerWorkshop, error: 'board is full' },
  [BOARD_ROOTS.personas]: { max: LIMITS.personasPerWorkshop, error: 'too many personas' },
  [BOARD_ROOTS.groups]: { max: LIMITS.groupsPerWorkshop, error: 'too many groups' },
  [BOARD_ROOTS.journeySteps]: { max: LIMITS.journeyStepsPerWorkshop, error: 'too many journey steps' },
  [BOARD_ROOTS.questions]: { max: LIMITS.questionsPerWorkshop, error: 'too many questions' },
  [BOARD_ROOTS.actions]: { max: LIMITS.actionsPerWorkshop, error: 'too many actions' },
};

/** The schema each root's records are read with (`meta` is one record: the root itself). */
const READ_SHAPES: Record<string, Record<string, FieldSchema>> = {
  [BOARD_ROOTS.meta]: MetaSchema.shape,
  [BOARD_ROOTS.notes]: NoteSchema.shape,
  [BOARD_ROOTS.personas]: PersonaSchema.shape,
  [BOARD_ROOTS.groups]: GroupSchema.shape,
  [BOARD_ROOTS.journeySteps]: JourneyStepSchema.shape,
  [BOARD_ROOTS.questions]: QuestionSchema.shape,
  [BOARD_ROOTS.actions]: ActionItemSchema.shape,
};

/** The keys a record of `root` must hold to read back (a new record must bring them all). */
const REQUIRED_FIELDS: Record<string, readonly string[]> = Object.fromEntries(
  Object.entries(READ_SHAPES).map(([root, shape]) => [root, Object.keys(shape).filter((key) => !shape[key]!.safeParse(undefined).success)]),
);

export function requiredFields(root: string): readonly string[] {
  return Object.hasOwn(REQUIRED_FIELDS, root) ? REQUIRED_FIELDS[root]! : [];
}

/** May `key` be removed from a record of `root` (or from `meta`) and leave it valid? */
export function isRemovableField(root: string, key: string): boolean {
  if (root === BOARD_ROOTS.personas && customFieldIdOf(key) !== null) return true;
  const shape = Object.hasOwn(READ_SHAPES, root) ? READ_SHAPES[root]! : null;
  return shape !== null && Object.hasOwn(shape, key) && shape[key]!.safeParse(undefined).success;
}

/** One plain value against its field's schema (`schema` undefined: the field does not exist). */
export function checkFieldValue(schema: FieldSchema | undefined, value: unknown, label: string): Result<void> {
  if (!schema) return fail(`unknown field ${label}`);
  return isPlainJson(value) && schema.safeParse(value).success ? ok(undefined) : fail(`invalid ${label}`);
}
