import * as z from './zod';
import { ID_PATTERN } from './ids';
import type { Meta, Persona } from './persona';

/** Sizes of a persona's profile. The server enforces them through the schemas below. */
export const PROFILE_LIMITS = {
  quoteChars: 300,
  shortFieldChars: 200,
  longFieldChars: 2000,
  customFieldLabelChars: 60,
  customFieldsPerWorkshop: 12,
  /**
   * Custom values one persona may hold. Above `customFieldsPerWorkshop`, because a value typed
   * at the moment the facilitator removes its field can survive the removal (it is then unused).
   */
  customValuesPerPersona: 24,
} as const;

export type ProfileFieldSize = 'quote' | 'short' | 'long';

export interface ProfileFieldDefinition {
  label: string;
  /** A prompt under the label, from PRODUCT.md. */
  hint?: string;
  size: ProfileFieldSize;
}

/**
 * The standard profile fields (PRODUCT.md "Persona profile fields"), in the order the card
 * shows them. Each is an optional plain string stored under its key in the persona's `Y.Map`.
 */
export const PROFILE_FIELDS = {
  quote: { label: 'Quote or tagline', size: 'quote' },
  age: { label: 'Age', size: 'short' },
  gender: { label: 'Gender', size: 'short' },
  income: { label: 'Household income', size: 'short' },
  location: { label: 'Where they live', size: 'short' },
  job: { label: 'Job and where they work', size: 'short' },
  family: { label: 'Family', size: 'short' },
  dayInLife: { label: 'A day in their life', hint: 'Work, after work, weekends, holidays', size: 'long' },
  hobbies: { label: 'Hobbies and interests', size: 'long' },
  values: { label: 'Values', size: 'long' },
  goals: { label: 'Goals and ambitions', size: 'long' },
  needs: { label: 'Needs', size: 'long' },
  fears: { label: 'Fears', size: 'long' },
  decisionMaking: { label: 'How they learn about products and decide', size: 'long' },
  buying: { label: 'How far they travel to buy and what they buy', size: 'long' },
  influences: { label: 'Who and what influences them', size: 'long' },
} as const satisfies Record<string, ProfileFieldDefinition>;

export type ProfileFieldKey = keyof typeof PROFILE_FIELDS;
export const PROFILE_FIELD_KEYS = Object.keys(PROFILE_FIELDS) as [ProfileFieldKey, ...ProfileFieldKey[]];

export function profileFieldMaxChars(key: ProfileFieldKey): number {
  const size: ProfileFieldSize = PROFILE_FIELDS[key].size;
  if (size === 'quote') return PROFILE_LIMITS.quoteChars;
  return size === 'short' ? PROFILE_LIMITS.shortFieldChars : PROFILE_LIMITS.longFieldChars;
}

/** The stored value of each standard field: a plain string within its limit. */
export const PROFILE_VALUE_SCHEMAS = Object.fromEntries(
  PROFILE_FIELD_KEYS.map((key) => [key, z.string().check(z.maxLength(profileFieldMaxChars(key)))]),
) as Record<ProfileFieldKey, z.ZodMiniString<string>>;

export function isProfileFieldKey(value: unknown): value is ProfileFieldKey {
  return typeof value === 'string' && Object.hasOwn(PROFILE_FIELDS, value);
}

/** A field the facilitator added to every persona's profile (stored in `meta.customProfileFields`). */
export const CustomProfileFieldSchema = z.strictObject({
  id: z.string().check(z.regex(ID_PATTERN)),
  label: z.string().check(z.trim(), z.minLength(1), z.maxLength(PROFILE_LIMITS.customFieldLabelChars)),
});
export type CustomProfileField = z.infer<typeof CustomProfileFieldSchema>;

export const CustomProfileFieldsSchema = z.array(CustomProfileFieldSchema).check(
  z.maxLength(PROFILE_LIMITS.customFieldsPerWorkshop),
  z.refine((fields) => new Set(fields.map((f) => f.id)).size === fields.length, 'custom field ids repeat'),
);

export const HiddenProfileFieldsSchema = z.array(z.enum(PROFILE_FIELD_KEYS)).check(
  z.maxLength(PROFILE_FIELD_KEYS.length),
  z.refine((keys) => new Set(keys).size === keys.length, 'hidden fields repeat'),
);

export const CustomValueSchema = z.string().check(z.maxLength(PROFILE_LIMITS.longFieldChars));

/**
 * A custom field's value lives in the persona's map under `custom_<field id>`, one key per
 * field, so two people filling in two custom fields at once both keep their text.
 */
const CUSTOM_VALUE_PREFIX = 'custom_';
const CUSTOM_VALUE_KEY = /^custom_([0-9a-z]{16})$/;

export const customValueKey = (fieldId: string) => `${CUSTOM_VALUE_PREFIX}${fieldId}`;

/** The field id in a `custom_<id>` key, or null for any other key. */
export function customFieldIdOf(key: string): string | null {
  return CUSTOM_VALUE_KEY.exec(key)?.[1] ?? null;
}

/** How the facilitator set up the profile for this workshop (defaults when unset). */
export interface ProfileSettings {
  hidden: readonly ProfileFieldKey[];
  custom: readonly CustomProfileField[];
}

export function profileSettings(meta: Meta | null): ProfileSettings {
  return { hidden: meta?.hiddenProfileFields ?? [], custom: meta?.customProfileFields ?? [] };
}

export interface ProfileEntry {
  /** A standard field key, or `custom_<id>`. */
  key: string;
  label: string;
  hint?: string;
  value: string;
  maxChars: number;
  size: ProfileFieldSize;
  customFieldId: string | null;
}

/**
 * The profile as a card or a poster shows it: the standard fields the facilitator did not
 * hide, then the custom fields, each with its label and current value ('' when empty).
 */
export function profileEntries(persona: Persona, settings: ProfileSettings): ProfileEntry[] {
  const standard = PROFILE_FIELD_KEYS.filter((key) => !settings.hidden.includes(key)).map((key): ProfileEntry => {
    const definition: ProfileFieldDefinition = PROFILE_FIELDS[key];
    return {
      key,
      label: definition.label,
      hint: definition.hint,
      value: persona[key] ?? '',
      maxChars: profileFieldMaxChars(key),
      size: definition.size,
      customFieldId: null,
    };
  });
  const custom = settings.custom.map((field): ProfileEntry => ({
    key: customValueKey(field.id),
    label: field.label,
    value: persona.customValues?.[field.id] ?? '',
    maxChars: PROFILE_LIMITS.longFieldChars,
    size: 'long',
    customFieldId: field.id,
  }));
  return [...standard, ...custom];
}

/** A profile field a note can be promoted into: a standard key or `custom_<id>`, with its label. */
export interface ProfileFieldChoice {
  key: string;
  label: string;
}

/** The fields the card shows, as promotion targets: the quote first, then the others in card order. */
export function promoteTargets(settings: ProfileSettings): ProfileFieldChoice[] {
  const standard = PROFILE_FIELD_KEYS.filter((key) => !settings.hidden.includes(key)).map((key) => ({
    key,
    label: key === 'quote' ? 'Quote' : PROFILE_FIELDS[key].label,
  }));
  return [...standard, ...settings.custom.map((field) => ({ key: customValueKey(field.id), label: field.label }))];
}

/** Chinese, Japanese and Korean characters: a name's first characters are its initials. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** The Arabic article "ال" (after و/ف/ب/ك/ل too), which begins most nouns and would make every initial "ا". */
const ARABIC_ARTICLE = /^[وفبكل]?ال(?=\p{L}{2})/u;
const ARABIC = /\p{Script=Arabic}/u;
/** Zero-width non-joiner: two Arabic initials stay two letters instead of joining into a word. */
const NON_JOINER = '\u200c';

/**
 * Up to two initials for a generated avatar: "Jill Smith" → "JS", "Mr and Mrs Adams" → "MA",
 * "Zoë" → "ZO", "Persona 2" → "P2". Arabic skips the article ("الشخصية 2" → "ش2", "محمد العلي" →
 * "م‌ع", kept apart); Chinese and Japanese take a name's first two characters ("山田 太郎" → "山田",
 * "张伟" → "张伟"), or the first and the number of a numbered name ("画像 2" → "画2").
 */
export function personaInitials(name: string): string {
  const words = name
    .trim()
    .split(/\s+/u)
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .map((word) => word.replace(/^[^\p{L}\p{N}]+/u, '').replace(ARABIC_ARTICLE, ''));
  const first = [...(words[0] ?? '')];
  const last = words.length > 1 ? words.at(-1)! : null;
  const lastInitial = last === null ? null : /^\p{N}+$/u.test(last) ? last.slice(0, 2) : [...last][0]!;
  let initials: string;
  if (CJK.test(first[0] ?? ''))
    initials = lastInitial !== null && /^\p{N}/u.test(lastInitial) ? `${first[0]}${lastInitial}` : first.slice(0, 2).join('');
  // One Arabic letter for a one-word name: two would join into a syllable.
  else if (lastInitial === null) initials = first.slice(0, ARABIC.test(first[0] ?? '') ? 1 : 2).join('');
  else if (ARABIC.test(first[0] ?? '') && ARABIC.test(lastInitial)) initials = `${first[0]}${NON_JOINER}${lastInitial}`;
  else initials = `${first[0] ?? ''}${lastInitial}`;
  return initials.toLocaleUpperCase() || '?';
}
