import * as Y from 'yjs';
import { metaMap, personasMap, readMeta, readNote } from './board';
import { newId } from './ids';
import { livePersonaMap } from './personaBoard';
import {
  CustomProfileFieldSchema,
  PROFILE_FIELDS,
  PROFILE_LIMITS,
  customFieldIdOf,
  customValueKey,
  isProfileFieldKey,
  profileFieldMaxChars,
  profileSettings,
  type CustomProfileField,
  type ProfileFieldKey,
} from './profile';
import { fail, ok, type Result } from './result';
import { refusalText } from './refusals';

/**
 * Writes to a persona's profile (by anyone in the room) and to the workshop's profile setup
 * (hidden and custom fields, in `meta`: the server lets only the facilitator change those).
 */

/** Text for a profile field: trimmed at both ends ('' clears the field), within its limit. */
function cleanValue(value: string, maxChars: number, label: string): Result<string> {
  const trimmed = value.trim();
  if (trimmed.length > maxChars) return fail(refusalText('fieldTooLong', { label, max: maxChars }));
  return ok(trimmed);
}

/** Sets one standard profile field (the quote included) of a persona. */
export function setProfileField(doc: Y.Doc, personaId: string, key: ProfileFieldKey, value: string): Result<string> {
  if (!isProfileFieldKey(key)) return fail(refusalText('unknownProfileField'));
  const cleaned = cleanValue(value, profileFieldMaxChars(key), PROFILE_FIELDS[key].label);
  if (!cleaned.ok) return cleaned;
  const map = livePersonaMap(doc, personaId);
  if (!map.ok) return map;
  if ((map.value.get(key) ?? '') !== cleaned.value) map.value.set(key, cleaned.value);
  return ok(cleaned.value);
}

/**
 * Promotes a note into its persona's profile: the quote and short fields take the note's text,
 * longer fields gain it as a new line (once). Returns the field's label, for a confirmation.
 */
export function promoteNote(doc: Y.Doc, noteId: string, fieldKey: string): Result<string> {
  const note = readNote(doc, noteId);
  if (!note) return fail(refusalText('noteGone'));
  const text = note.text.trim();
  const fieldId = customFieldIdOf(fieldKey);
  if (fieldId !== null) {
    const field = profileSettings(readMeta(doc)).custom.find((f) => f.id === fieldId);
    if (!field) return fail(refusalText('fieldRemoved'));
    const current = livePersonaMap(doc, note.personaId);
    if (!current.ok) return current;
    const written = setCustomFieldValue(doc, note.personaId, fieldId, withLine(current.value.get(fieldKey), text));
    return written.ok ? ok(field.label) : written;
  }
  if (!isProfileFieldKey(fieldKey)) return fail(refusalText('unknownProfileField'));
  const current = livePersonaMap(doc, note.personaId);
  if (!current.ok) return current;
  const isLong = PROFILE_FIELDS[fieldKey].size === 'long';
  const written = setProfileField(doc, note.personaId, fieldKey, isLong ? withLine(current.value.get(fieldKey), text) : text);
  return written.ok ? ok(PROFILE_FIELDS[fieldKey].label) : written;
}

/** `text` added as a line of `current` (unless it is one already). */
function withLine(current: unknown, text: string): string {
  const existing = typeof current === 'string' ? current.trim() : '';
  if (existing === '') return text;
  return existing.split('\n').some((line) => line.trim() === text) ? existing : `${existing}\n${text}`;
}

/** Sets a persona's value for one of the workshop's custom fields. */
export function setCustomFieldValue(doc: Y.Doc, personaId: string, fieldId: string, value: string): Result<string> {
  const field = profileSettings(readMeta(doc)).custom.find((f) => f.id === fieldId);
  if (!field) return fail(refusalText('fieldRemoved'));
  const cleaned = cleanValue(value, PROFILE_LIMITS.longFieldChars, field.label);
  if (!cleaned.ok) return cleaned;
  const map = livePersonaMap(doc, personaId);
  if (!map.ok) return map;
  const key = customValueKey(fieldId);
  if ((map.value.get(key) ?? '') !== cleaned.value) map.value.set(key, cleaned.value);
  return ok(cleaned.value);
}

/** Hides a standard field on every persona's card, or shows it again. Facilitator only. */
export function setProfileFieldHidden(doc: Y.Doc, key: ProfileFieldKey, isHidden: boolean): Result<ProfileFieldKey[]> {
  if (!isProfileFieldKey(key)) return fail(refusalText('unknownProfileField'));
  const meta = readMeta(doc);
  if (!meta) return fail(refusalText('boardNotLoaded'));
  const current = profileSettings(meta).hidden;
  const hidden = isHidden ? [...new Set([...current, key])] : current.filter((k) => k !== key);
  if (hidden.length !== current.length) metaMap(doc).set('hiddenProfileFields', hidden);
  return ok(hidden);
}

/** Adds a field to every persona's card. Facilitator only. */
export function addCustomProfileField(doc: Y.Doc, label: string): Result<CustomProfileField> {
  const meta = readMeta(doc);
  if (!meta) return fail(refusalText('boardNotLoaded'));
  const current = profileSettings(meta).custom;
  if (current.length >= PROFILE_LIMITS.customFieldsPerWorkshop) {
    return fail(refusalText('tooManyCustomFields', { max: PROFILE_LIMITS.customFieldsPerWorkshop }));
  }
  const parsed = CustomProfileFieldSchema.safeParse({ id: newId(), label });
  if (!parsed.success) {
    return fail(refusalText('fieldNameLength', { max: PROFILE_LIMITS.customFieldLabelChars }));
  }
  const taken = current.some((f) => f.label.toLowerCase() === parsed.data.label.toLowerCase());
  if (taken) return fail(refusalText('fieldExists', { label: parsed.data.label }));
  metaMap(doc).set('customProfileFields', [...current, parsed.data]);
  return ok(parsed.data);
}

/**
 * Removes a custom field from the workshop and its value from every persona, in one update.
 * Facilitator only.
 */
export function removeCustomProfileField(doc: Y.Doc, fieldId: string): Result<string> {
  const current = profileSettings(readMeta(doc)).custom;
  if (!current.some((f) => f.id === fieldId)) return fail(refusalText('fieldRemoved'));
  const key = customValueKey(fieldId);
  doc.transact(() => {
    metaMap(doc).set(
      'customProfileFields',
      current.filter((f) => f.id !== fieldId),
    );
    for (const map of personasMap(doc).values()) if (map instanceof Y.Map && map.has(key)) map.delete(key);
  });
  return ok(fieldId);
}
