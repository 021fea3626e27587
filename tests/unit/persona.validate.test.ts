import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addNote, metaMap, personasMap, readBoard } from '../../lib/board';
import { LIMITS } from '../../lib/limits';
import { setMapTemplate } from '../../lib/mapTemplate';
import { CLASSIC_QUADRANTS } from '../../lib/quadrants';
import { PERSONA_PURGE_AFTER_MS } from '../../lib/persona';
import {
  addPersona,
  deletePersona,
  duplicatePersona,
  purgeDeletedPersonas,
  renamePersona,
  reorderPersona,
  restorePersona,
  setPersonaPicture,
} from '../../lib/personaBoard';
import { PROFILE_FIELD_KEYS, PROFILE_LIMITS, customValueKey } from '../../lib/profile';
import {
  addCustomProfileField,
  removeCustomProfileField,
  setCustomFieldValue,
  setProfileField,
  setProfileFieldHidden,
} from '../../lib/profileBoard';
import { ANN, BOB, diff, noteInput, syncedCopy } from './helpers/boardDocs';
import { craftUpdate } from './helpers/craftUpdate';
import { expectAccepted, expectRefused, ownersOf, serverAndClient } from './helpers/validateDocs';

const FACILITATOR = { participantId: 'fac0000000000001', name: 'Facilitator', role: 'facilitator' as const };
const FIELD_ID = 'c000000000000001';

/** A server that already has a second persona and a custom field, and a participant's synced copy. */
function setup() {
  const { server, client: facilitator, persona } = serverAndClient();
  const second = addPersona(facilitator, { name: 'Mr and Mrs Adams' });
  const field = addCustomProfileField(facilitator, 'Favourite brands');
  if (!second.ok || !field.ok) throw new Error('setup failed');
  expectAccepted(server, diff(facilitator, server), FACILITATOR);
  return { server, client: syncedCopy(server), persona, second: second.value, fieldId: field.value.id };
}

type Change = (doc: Y.Doc, ids: { persona: string; second: string; field: string }) => unknown;

describe('validateUpdate accepts persona changes made with the lib functions', () => {
  it.each<[string, Change]>([
    ['addPersona', (doc) => addPersona(doc, { name: 'Jill Smith' })],
    ['renamePersona', (doc, ids) => renamePersona(doc, ids.persona, 'Jill Smith')],
    ['reorderPersona', (doc, ids) => reorderPersona(doc, ids.second, 0)],
    ['duplicatePersona with a full profile', (doc, ids) => duplicatePersona(doc, ids.persona)],
    ['deletePersona', (doc, ids) => deletePersona(doc, ids.second)],
    ['setPersonaPicture', (doc, ids) => setPersonaPicture(doc, ids.persona, 'pic_0001')],
    ['setCustomFieldValue', (doc, ids) => setCustomFieldValue(doc, ids.persona, ids.field, 'Ikea, Lidl')],
    [
      'every standard profile field at its limit',
      (doc, ids) => doc.transact(() => PROFILE_FIELD_KEYS.forEach((key) => setProfileField(doc, ids.persona, key, 'x'.repeat(2000)))),
    ],
  ])('%s, by a participant', (_label, change) => {
    const { server, client, persona, second, fieldId } = setup();
    setProfileField(client, persona.id, 'quote', 'I just want it to work');
    setCustomFieldValue(client, persona.id, fieldId, 'Ikea');
    expectAccepted(server, diff(client, server), BOB);
    change(client, { persona: persona.id, second: second.id, field: fieldId });
    expectAccepted(server, diff(client, server), ANN);
    expect(readBoard(server)).toEqual(readBoard(client));
  });

  it('restorePersona, also of a persona someone else deleted, with their notes', () => {
    const { server, client, second } = setup();
    addNote(client, noteInput(second.id));
    deletePersona(client, second.id);
    expectAccepted(server, diff(client, server), ANN);
    const bob = syncedCopy(server);
    restorePersona(bob, second.id);
    expectAccepted(server, diff(bob, server), BOB);
    expect(readBoard(server).notes).toHaveLength(1);
  });

  it('the facilitator hiding fields and adding and removing custom fields (values go too)', () => {
    const { server, client, persona, fieldId } = setup();
    setCustomFieldValue(client, persona.id, fieldId, 'Ikea');
    expectAccepted(server, diff(client, server), ANN);
    const facilitator = syncedCopy(server);
    setProfileFieldHidden(facilitator, 'income', true);
    addCustomProfileField(facilitator, 'Devices');
    removeCustomProfileField(facilitator, fieldId);
    expectAccepted(server, diff(facilitator, server), FACILITATOR);
    expect(readBoard(server)).toEqual(readBoard(facilitator));
  });

  it('a full workshop reclaiming a long-deleted persona: the purge, then the add, by the facilitator', () => {
    const { server, client, second } = setup();
    for (let i = 2; i < LIMITS.personasPerWorkshop; i++) addPersona(client);
    deletePersona(client, second.id, { now: 1_000 });
    expectAccepted(server, diff(client, server), FACILITATOR);
    const updates: Uint8Array[] = [];
    client.on('update', (update: Uint8Array) => updates.push(update));
    expect(addPersona(client, { now: 1_000 + PERSONA_PURGE_AFTER_MS + 1 }).ok).toBe(true);
    expect(updates).toHaveLength(2);
    for (const update of updates) expectAccepted(server, update, FACILITATOR);
    expect(purgeDeletedPersonas(client, { deletedBefore: Number.MAX_SAFE_INTEGER })).toBe(0);
  });

  it('a participant purges only personas they added; the lib asks the facilitator for the rest', () => {
    const { server, client, second } = setup();
    client.clientID = 4242;
    const owners = ownersOf({ 4242: ANN.participantId });
    const own = addPersona(client, { name: 'Mine' });
    if (!own.ok) throw new Error(own.error);
    for (let i = 3; i < LIMITS.personasPerWorkshop; i++) addPersona(client);
    deletePersona(client, own.value.id, { now: 1_000 });
    expectAccepted(server, diff(client, server), ANN, owners);
    const later = 1_000 + PERSONA_PURGE_AFTER_MS + 1;
    expect(purgeDeletedPersonas(syncedCopy(server), { deletedBefore: later })).toBe(1);
    const purge = syncedCopy(server);
    purgeDeletedPersonas(purge, { deletedBefore: later });
    expectAccepted(server, diff(purge, server), ANN, ownersOf({ 4242: ANN.participantId, [purge.clientID]: ANN.participantId }));
    // The facilitator's persona, deleted long ago: Ann may not erase it, and the lib says so first.
    const bob = syncedCopy(server);
    addPersona(bob, { name: 'Fills the last place' });
    deletePersona(bob, second.id, { now: 1_000 });
    expectAccepted(server, diff(bob, server), BOB);
    const full = syncedCopy(server);
    expect(addPersona(full, { now: later, mayErase: false })).toMatchObject({ ok: false, error: expect.stringMatching(/facilitator/) });
    purgeDeletedPersonas(full, { deletedBefore: later });
    expectRefused(server, diff(full, server), /may not delete/, ANN, 0, ownersOf({ [full.clientID]: ANN.participantId }));
  });
});

describe('validateUpdate refuses bad persona values', () => {
  const set = (key: string, value: unknown) => (doc: Y.Doc, ids: { persona: string }) => personasMap(doc).get(ids.persona)?.set(key, value);

  it.each<[string, Change, RegExp]>([
    ['a number as the age', set('age', 34), /invalid personas\.age/],
    ['an over-long quote', set('quote', 'q'.repeat(PROFILE_LIMITS.quoteChars + 1)), /invalid personas\.quote/],
    ['an over-long short field', set('income', 'x'.repeat(PROFILE_LIMITS.shortFieldChars + 1)), /invalid personas\.income/],
    ['undefined as a profile field', set('fears', undefined), /invalid personas\.fears/],
    ['a negative deletedAt', set('deletedAt', -1), /invalid personas\.deletedAt/],
    ['a deletedAt that is not a time', set('deletedAt', 'now'), /invalid personas\.deletedAt/],
    ['a picture URL', set('pictureId', 'https://example.com/a.png'), /invalid personas\.pictureId/],
    ['a custom value that is not text', set(customValueKey(FIELD_ID), { text: 'x' }), /invalid personas\.custom_/],
    [
      'an over-long custom value',
      set(customValueKey(FIELD_ID), 'x'.repeat(PROFILE_LIMITS.longFieldChars + 1)),
      /invalid personas\.custom_/,
    ],
    ['a malformed custom key', set('custom_NOT-AN-ID', 'x'), /unknown field personas\.custom_NOT-AN-ID/],
    ['a new createdAt', set('createdAt', 5), /personas\.createdAt cannot change/],
    ['a profile field as a Y.Text', set('needs', new Y.Text('x')), /personas\.needs must be a plain value/],
  ])('%s', (_label, change, error) => {
    const { server, client, persona, second, fieldId } = setup();
    change(client, { persona: persona.id, second: second.id, field: fieldId });
    expectRefused(server, diff(client, server), error);
  });

  it(`more than ${PROFILE_LIMITS.customValuesPerPersona} custom values on one persona`, () => {
    const { server, client, persona } = setup();
    const map = personasMap(client).get(persona.id)!;
    const key = (i: number) => customValueKey(`c${String(i).padStart(15, '0')}`);
    client.transact(() => {
      for (let i = 0; i < PROFILE_LIMITS.customValuesPerPersona; i++) map.set(key(i), 'v');
    });
    expectAccepted(server, diff(client, server));
    map.set(key(0), 'an edit is fine');
    expectAccepted(server, diff(client, server));
    map.set(key(99), 'one too many');
    expectRefused(server, diff(client, server), /too many custom fields on a persona/);
  });

  it('a persona over the cap, counting deleted ones the server still holds', () => {
    const { server, client, second } = setup();
    for (let i = 2; i < LIMITS.personasPerWorkshop; i++) addPersona(client);
    deletePersona(client, second.id);
    expectAccepted(server, diff(client, server));
    const sneaky = new Y.Map<unknown>();
    personasMap(client).set('p000000000000099', sneaky);
    expectRefused(server, diff(client, server), /too many personas/);
  });
});

describe('validateUpdate keeps the profile setup for the facilitator', () => {
  it.each<[string, (doc: Y.Doc) => unknown]>([
    ['hiding a field', (doc) => setProfileFieldHidden(doc, 'income', true)],
    ['adding a custom field', (doc) => addCustomProfileField(doc, 'Devices')],
    ['changing the empathy map', (doc) => setMapTemplate(doc, 'classic', CLASSIC_QUADRANTS)],
  ])('refuses a participant %s', (_label, change) => {
    const { server, client } = setup();
    change(client);
    expectRefused(server, diff(client, server), /only the facilitator changes the workshop itself/);
  });

  it.each<[string, unknown, RegExp]>([
    ['an unknown hidden field', ['shoeSize'], /invalid meta\.hiddenProfileFields/],
    ['a hidden field listed twice', ['age', 'age'], /invalid meta\.hiddenProfileFields/],
  ])('refuses %s', (_label, value, error) => {
    const { server, client } = setup();
    metaMap(client).set('hiddenProfileFields', value);
    expectRefused(server, diff(client, server), error, FACILITATOR);
  });

  it.each<[string, string, unknown]>([
    ['an unknown template', 'template', 'nine'],
    ['an empty map', 'quadrants', []],
    ['a quadrant with a malformed id', 'quadrants', [{ id: '__proto__', title: 'x', questions: [] }]],
    ['a quadrant with an extra-long title', 'quadrants', [{ id: 'a', title: 't'.repeat(41), questions: [] }]],
  ])('refuses the facilitator %s', (_label, key, value) => {
    const { server, client } = setup();
    metaMap(client).set(key, value);
    expectRefused(server, diff(client, server), new RegExp(`invalid meta\\.${key}`), FACILITATOR);
  });

  it.each<[string, unknown]>([
    ['an extra key', [{ id: FIELD_ID, label: 'x', color: 'red' }]],
    ['an empty label', [{ id: FIELD_ID, label: ' ' }]],
    ['an over-long label', [{ id: FIELD_ID, label: 'l'.repeat(PROFILE_LIMITS.customFieldLabelChars + 1) }]],
    [
      'a repeated id',
      [
        { id: FIELD_ID, label: 'a' },
        { id: FIELD_ID, label: 'b' },
      ],
    ],
    [
      'too many fields',
      Array.from({ length: PROFILE_LIMITS.customFieldsPerWorkshop + 1 }, (_, i) => ({
        id: `c${String(i).padStart(15, '0')}`,
        label: `F${i}`,
      })),
    ],
  ])('refuses custom fields with %s', (_label, value) => {
    const { server, client } = setup();
    metaMap(client).set('customProfileFields', value);
    expectRefused(server, diff(client, server), /invalid meta\.customProfileFields/, FACILITATOR);
  });

  it('refuses a custom field smuggled in through a __proto__ key (lib0 decodes it as the prototype)', () => {
    const { server } = setup();
    const value = JSON.parse(`[{"__proto__": {"id": "${FIELD_ID}", "label": "inherited"}}]`) as unknown;
    const update = craftUpdate([
      { client: 4242, clock: 0, items: [{ parent: 'meta', parentSub: 'customProfileFields', content: { any: value } }] },
    ]);
    expectRefused(server, update, /invalid meta\.customProfileFields/, FACILITATOR);
  });
});
