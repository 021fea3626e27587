import * as z from './zod';
import { ID_PATTERN } from './ids';
import { ScenarioSchema } from './journey';
import { LIMITS } from './limits';
import { LocaleSchema } from './i18n/locales';
import { QuadrantsSchema, TemplateIdSchema } from './quadrants';
import {
  CustomProfileFieldsSchema,
  CustomValueSchema,
  HiddenProfileFieldsSchema,
  PROFILE_VALUE_SCHEMAS,
  customFieldIdOf,
  type ProfileFieldKey,
} from './profile';

/** How long the UI offers "Undo" after a persona is deleted. */
export const PERSONA_UNDO_MS = 10_000;
/**
 * A deleted persona keeps its record (hidden, with its notes) so "Undo" is one field write. Its
 * slot is reclaimed only when the workshop is full, and only once it has been deleted this long,
 * well past any undo, even with a device clock a little off.
 */
export const PERSONA_PURGE_AFTER_MS = 60_000;

/** Set by the picture upload; an opaque key of the stored image, never a URL. */
export const PictureIdSchema = z.string().check(z.regex(/^[0-9A-Za-z_-]{1,64}$/));

const personaCore = {
  id: z.string().check(z.regex(ID_PATTERN)),
  name: z.string().check(z.maxLength(LIMITS.personaNameChars)),
  /** Finite: zod's numbers refuse Infinity and NaN. */
  order: z.number(),
  createdAt: z.number().check(z.int(), z.nonnegative()),
};

/**
 * What each key of a persona's `Y.Map` may hold, exactly: the server checks every incoming
 * field write against this table (plus `custom_<id>` keys, see `personaFieldSchema`). Nothing
 * here accepts `undefined`; a record without a field reads it as unset.
 */
export const PERSONA_FIELD_SCHEMAS = {
  ...personaCore,
  /** When someone deleted the persona (ms); null or unset while it is on the board. */
  deletedAt: z.nullable(z.number().check(z.int(), z.nonnegative())),
  pictureId: z.nullable(PictureIdSchema),
  /** The persona's buying scenario (the Journey section), ≤ 2,000 characters. */
  scenario: ScenarioSchema,
  ...PROFILE_VALUE_SCHEMAS,
};

const optionalProfile = Object.fromEntries(Object.entries(PROFILE_VALUE_SCHEMAS).map(([key, schema]) => [key, z.optional(schema)])) as {
  [K in ProfileFieldKey]: z.ZodMiniOptional<z.ZodMiniString<string>>;
};

/**
 * A customer persona, as read from the board. Stored as one `Y.Map` per persona under the
 * top-level `personas` map, keyed by `id`; `order` sorts them (fractional, so a reorder is one
 * write). Profile fields are optional strings; `customValues` gathers the `custom_<id>` keys.
 */
export const PersonaSchema = z.object({
  ...personaCore,
  deletedAt: z.optional(PERSONA_FIELD_SCHEMAS.deletedAt),
  pictureId: z.optional(PERSONA_FIELD_SCHEMAS.pictureId),
  scenario: z.optional(ScenarioSchema),
  ...optionalProfile,
  customValues: z.optional(z.record(z.string().check(z.regex(ID_PATTERN)), CustomValueSchema)),
});
export type Persona = z.infer<typeof PersonaSchema>;

/** The fixed keys a persona's `Y.Map` may hold (besides `custom_<id>`). */
export const PERSONA_FIELDS = Object.keys(PERSONA_FIELD_SCHEMAS) as readonly (keyof typeof PERSONA_FIELD_SCHEMAS)[];

type FieldSchema = { safeParse(value: unknown): { success: boolean } };

/** The schema for one key of a persona's map, or undefined for a key a persona cannot have. */
export function personaFieldSchema(key: string): FieldSchema | undefined {
  if (Object.hasOwn(PERSONA_FIELD_SCHEMAS, key)) return PERSONA_FIELD_SCHEMAS[key as keyof typeof PERSONA_FIELD_SCHEMAS];
  return customFieldIdOf(key) === null ? undefined : CustomValueSchema;
}

/** Reads a persona map's JSON; null for a half-synced or foreign record. */
export function parsePersona(json: Record<string, unknown>): Persona | null {
  const customValues: Record<string, string> = {};
  let hasCustom = false;
  for (const [key, value] of Object.entries(json)) {
    const fieldId = customFieldIdOf(key);
    if (fieldId !== null && typeof value === 'string' && CustomValueSchema.safeParse(value).success) {
      customValues[fieldId] = value;
      hasCustom = true;
    }
  }
  const parsed = PersonaSchema.safeParse(hasCustom ? { ...json, customValues } : json);
  return parsed.success ? parsed.data : null;
}

export const isDeleted = (persona: Pick<Persona, 'deletedAt'>) => persona.deletedAt !== undefined && persona.deletedAt !== null;

const metaCore = {
  title: z.string().check(z.maxLength(LIMITS.titleChars)),
  createdAt: z.number().check(z.int(), z.nonnegative()),
  schemaVersion: z.literal(1),
};

/** What each key of the `meta` map may hold (the server lets only the facilitator write it). */
export const META_FIELD_SCHEMAS = {
  ...metaCore,
  /** Standard profile fields the facilitator hid from every persona's card. */
  hiddenProfileFields: HiddenProfileFieldsSchema,
  /** Fields the facilitator added to every persona's card; values live on each persona. */
  customProfileFields: CustomProfileFieldsSchema,
  /** Which empathy-map template the quadrants came from (`custom` once edited). */
  template: TemplateIdSchema,
  /** The empathy map's quadrants, in order; unset means the six-quadrant default. */
  quadrants: QuadrantsSchema,
  /** The workshop language (projector, default agenda and maps); unset means English. */
  locale: LocaleSchema,
};

/** The workshop's own fields, under the top-level `meta` map. */
export const MetaSchema = z.object({
  ...metaCore,
  hiddenProfileFields: z.optional(HiddenProfileFieldsSchema),
  customProfileFields: z.optional(CustomProfileFieldsSchema),
  template: z.optional(TemplateIdSchema),
  quadrants: z.optional(QuadrantsSchema),
  locale: z.optional(LocaleSchema),
});
export type Meta = z.infer<typeof MetaSchema>;

export const META_FIELDS = Object.keys(META_FIELD_SCHEMAS) as readonly (keyof typeof META_FIELD_SCHEMAS)[];

const MetaCoreSchema = z.object(metaCore);
const OPTIONAL_META_FIELDS = ['hiddenProfileFields', 'customProfileFields', 'template', 'quadrants', 'locale'] as const;

/** Reads the meta map's JSON; a broken setting falls back to its default, not to no meta. */
export function parseMeta(json: unknown): Meta | null {
  const parsed = MetaSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const core = MetaCoreSchema.safeParse(json);
  if (!core.success) return null;
  const meta: Meta = core.data;
  const record = json as Record<string, unknown>;
  for (const key of OPTIONAL_META_FIELDS) {
    const field = META_FIELD_SCHEMAS[key].safeParse(record[key]);
    if (field.success) Object.assign(meta, { [key]: field.data });
  }
  return meta;
}
