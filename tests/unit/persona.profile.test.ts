import { describe, expect, it } from 'vitest';
import { metaMap, personasMap, readMeta, readPersonas } from '../../lib/board';
import { addPersona, deletePersona } from '../../lib/personaBoard';
import {
  PROFILE_FIELD_KEYS,
  PROFILE_LIMITS,
  customValueKey,
  personaInitials,
  profileEntries,
  profileFieldMaxChars,
  profileSettings,
} from '../../lib/profile';
import {
  addCustomProfileField,
  removeCustomProfileField,
  setCustomFieldValue,
  setProfileField,
  setProfileFieldHidden,
} from '../../lib/profileBoard';
import { newBoard, recordUpdates } from './helpers/boardDocs';

function withCustomField(label = 'Favourite brands') {
  const board = newBoard();
  const field = addCustomProfileField(board.doc, label);
  if (!field.ok) throw new Error(field.error);
  return { ...board, field: field.value };
}

describe('setProfileField', () => {
  it('sets every standard field, trimmed, one write each', () => {
    const { doc, persona } = newBoard();
    const updates = recordUpdates(doc);
    for (const key of PROFILE_FIELD_KEYS) expect(setProfileField(doc, persona.id, key, ` ${key} value `).ok).toBe(true);
    expect(updates).toHaveLength(PROFILE_FIELD_KEYS.length);
    const read = readPersonas(doc)[0]!;
    for (const key of PROFILE_FIELD_KEYS) expect(read[key]).toBe(`${key} value`);
  });

  it('clears a field with empty text and skips a write that changes nothing', () => {
    const { doc, persona } = newBoard();
    setProfileField(doc, persona.id, 'fears', 'Being overcharged');
    setProfileField(doc, persona.id, 'fears', '   ');
    expect(readPersonas(doc)[0]?.fears).toBe('');
    const updates = recordUpdates(doc);
    setProfileField(doc, persona.id, 'fears', '');
    setProfileField(doc, persona.id, 'gender', '');
    expect(updates).toHaveLength(0);
  });

  it('refuses text over the field limit, unknown keys and deleted personas', () => {
    const { doc, persona } = newBoard();
    expect(setProfileField(doc, persona.id, 'age', 'x'.repeat(profileFieldMaxChars('age') + 1))).toEqual({
      ok: false,
      error: `Age holds at most ${PROFILE_LIMITS.shortFieldChars} characters.`,
    });
    expect(setProfileField(doc, persona.id, 'needs', 'x'.repeat(PROFILE_LIMITS.longFieldChars)).ok).toBe(true);
    expect(setProfileField(doc, persona.id, 'name' as never, 'Sneaky').ok).toBe(false);
    expect(setProfileField(doc, 'p000000000000404', 'age', '3').ok).toBe(false);
  });
});

describe('custom profile fields', () => {
  it('adds a field to the meta and stores each persona value under its own key', () => {
    const { doc, persona, field } = withCustomField();
    expect(readMeta(doc)?.customProfileFields).toEqual([field]);
    expect(setCustomFieldValue(doc, persona.id, field.id, ' Ikea ').ok).toBe(true);
    expect(personasMap(doc).get(persona.id)?.get(customValueKey(field.id))).toBe('Ikea');
    expect(readPersonas(doc)[0]?.customValues).toEqual({ [field.id]: 'Ikea' });
  });

  it('refuses an empty or duplicate label, and more than the limit', () => {
    const { doc } = withCustomField('Brands');
    expect(addCustomProfileField(doc, '  ').ok).toBe(false);
    expect(addCustomProfileField(doc, 'brands')).toEqual({ ok: false, error: 'There is already a field called “brands”.' });
    for (let i = 1; i < PROFILE_LIMITS.customFieldsPerWorkshop; i++) expect(addCustomProfileField(doc, `Field ${i}`).ok).toBe(true);
    expect(addCustomProfileField(doc, 'One more').ok).toBe(false);
  });

  it('removes a field and every persona value of it, in one update', () => {
    const { doc, persona, field } = withCustomField();
    setCustomFieldValue(doc, persona.id, field.id, 'Ikea');
    const updates = recordUpdates(doc);
    expect(removeCustomProfileField(doc, field.id).ok).toBe(true);
    expect(updates).toHaveLength(1);
    expect(readMeta(doc)?.customProfileFields).toEqual([]);
    expect(readPersonas(doc)[0]?.customValues).toBeUndefined();
    expect(setCustomFieldValue(doc, persona.id, field.id, 'late').ok).toBe(false);
    expect(removeCustomProfileField(doc, field.id).ok).toBe(false);
  });

  it('refuses a value for an unknown or deleted persona', () => {
    const { doc, field } = withCustomField();
    expect(setCustomFieldValue(doc, 'p000000000000404', field.id, 'x').ok).toBe(false);
    const other = addPersona(doc);
    if (!other.ok) throw new Error(other.error);
    deletePersona(doc, other.value.id);
    expect(setCustomFieldValue(doc, other.value.id, field.id, 'x')).toEqual({ ok: false, error: 'That persona no longer exists.' });
    expect(setProfileField(doc, other.value.id, 'age', '3')).toEqual({ ok: false, error: 'That persona no longer exists.' });
  });
});

describe('setProfileFieldHidden and profileEntries', () => {
  it('hides and shows standard fields for every persona', () => {
    const { doc, persona } = newBoard();
    expect(setProfileFieldHidden(doc, 'income', true)).toEqual({ ok: true, value: ['income'] });
    expect(setProfileFieldHidden(doc, 'income', true)).toEqual({ ok: true, value: ['income'] });
    setProfileFieldHidden(doc, 'gender', true);
    const settings = profileSettings(readMeta(doc));
    expect(settings.hidden).toEqual(['income', 'gender']);
    const keys = profileEntries(readPersonas(doc)[0]!, settings).map((e) => e.key);
    expect(keys).not.toContain('income');
    expect(keys).toHaveLength(PROFILE_FIELD_KEYS.length - 2);
    setProfileFieldHidden(doc, 'income', false);
    expect(profileSettings(readMeta(doc)).hidden).toEqual(['gender']);
    expect(persona.id).toMatch(/^[0-9a-z]{16}$/);
  });

  it('lists standard fields in order, then custom fields, with values and limits', () => {
    const { doc, persona, field } = withCustomField();
    setProfileField(doc, persona.id, 'quote', 'Just make it easy');
    setCustomFieldValue(doc, persona.id, field.id, 'Lidl');
    const entries = profileEntries(readPersonas(doc)[0]!, profileSettings(readMeta(doc)));
    expect(entries[0]).toMatchObject({
      key: 'quote',
      value: 'Just make it easy',
      maxChars: PROFILE_LIMITS.quoteChars,
      customFieldId: null,
    });
    expect(entries.find((e) => e.key === 'dayInLife')?.hint).toBe('Work, after work, weekends, holidays');
    expect(entries.at(-1)).toMatchObject({
      key: customValueKey(field.id),
      label: 'Favourite brands',
      value: 'Lidl',
      customFieldId: field.id,
    });
  });

  it('reads the defaults from a meta without settings, and survives a broken setting', () => {
    const { doc } = newBoard();
    expect(profileSettings(readMeta(doc))).toEqual({ hidden: [], custom: [] });
    metaMap(doc).set('hiddenProfileFields', ['no-such-field']);
    expect(readMeta(doc)).toEqual({ title: 'Checkout redesign', createdAt: 1_000, schemaVersion: 1 });
  });
});

describe('personaInitials', () => {
  it.each([
    ['Jill Smith', 'JS'],
    ['the Wilson family', 'TF'],
    ['Zoë', 'ZO'],
    ['  łukasz  ', 'ŁU'],
    ['東京 太郎', '東京'],
    ['张伟', '张伟'],
    ['画像 2', '画2'],
    ['ペルソナ 12', 'ペ12'],
    ['Persona 2', 'P2'],
    // Arabic: the article is not an initial, and two initials do not join into a word.
    ['الشخصية 1', 'ش1'],
    ['محمد العلي', 'م\u200cع'],
    ['وليد', 'و'],
    ['Mr & Mrs Adams', 'MA'],
    ['', '?'],
    ['🙂', '?'],
  ])('%j → %s', (name, initials) => {
    expect(personaInitials(name)).toBe(initials);
  });
});
