import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addNote, personasMap, readAllPersonas, readBoard, readNotes, readPersonas } from '../../lib/board';
import { ID_PATTERN } from '../../lib/ids';
import { LIMITS } from '../../lib/limits';
import { PERSONA_PURGE_AFTER_MS, parsePersona } from '../../lib/persona';
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
import { addCustomProfileField, setCustomFieldValue, setProfileField } from '../../lib/profileBoard';
import { newBoard, noteInput, recordUpdates } from './helpers/boardDocs';

function added(doc: Y.Doc, name?: string, now = 5_000) {
  const result = addPersona(doc, { name, now });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const names = (doc: Y.Doc) => readPersonas(doc).map((p) => p.name);

describe('addPersona', () => {
  it('adds a persona at the end, in one update, with the next free default name', () => {
    const { doc, persona } = newBoard();
    const updates = recordUpdates(doc);
    const second = added(doc);
    expect(updates).toHaveLength(1);
    expect(second).toEqual({ id: expect.stringMatching(ID_PATTERN), name: 'Persona 2', order: 2, createdAt: 5_000 });
    expect(readPersonas(doc)).toEqual([persona, second]);
    renamePersona(doc, second.id, 'Persona 3');
    expect(added(doc).name).toBe('Persona 4');
  });

  it('takes a name, trimmed, and refuses an empty or over-long one', () => {
    const { doc } = newBoard();
    expect(added(doc, '  Jill Smith ').name).toBe('Jill Smith');
    expect(addPersona(doc, { name: '   ' })).toEqual({ ok: false, error: 'Give the persona a name.' });
    expect(addPersona(doc, { name: 'n'.repeat(LIMITS.personaNameChars + 1) }).ok).toBe(false);
    expect(readPersonas(doc)).toHaveLength(2);
  });

  it(`stops at ${LIMITS.personasPerWorkshop} personas on the board`, () => {
    const { doc } = newBoard();
    for (let i = 1; i < LIMITS.personasPerWorkshop; i++) added(doc);
    expect(addPersona(doc)).toEqual({ ok: false, error: `A workshop holds at most ${LIMITS.personasPerWorkshop} personas.` });
  });

  it('reclaims the slot of a long-deleted persona when the workshop is full, in an update of its own', () => {
    const { doc, persona } = newBoard();
    const doomed = added(doc, 'Doomed');
    for (let i = 2; i < LIMITS.personasPerWorkshop; i++) added(doc);
    addNote(doc, noteInput(doomed.id));
    deletePersona(doc, doomed.id, { now: 10_000 });
    expect(addPersona(doc, { now: 10_000 + 1_000 }).ok).toBe(false);
    const updates = recordUpdates(doc);
    const fresh = addPersona(doc, { now: 10_000 + PERSONA_PURGE_AFTER_MS + 1 });
    expect(fresh.ok).toBe(true);
    expect(updates).toHaveLength(2);
    expect(personasMap(doc).has(doomed.id)).toBe(false);
    expect(readNotes(doc)).toEqual([]);
    expect(readPersonas(doc)[0]).toEqual(persona);
  });
});

describe('renamePersona', () => {
  it('renames, trimmed; refuses empty names and deleted personas', () => {
    const { doc, persona } = newBoard();
    expect(renamePersona(doc, persona.id, ' The Wilson family ')).toEqual({ ok: true, value: 'The Wilson family' });
    expect(names(doc)).toEqual(['The Wilson family']);
    expect(renamePersona(doc, persona.id, '').ok).toBe(false);
    const other = added(doc);
    deletePersona(doc, other.id);
    expect(renamePersona(doc, other.id, 'Ghost')).toEqual({ ok: false, error: 'That persona no longer exists.' });
  });

  it('writes nothing when the name is unchanged', () => {
    const { doc, persona } = newBoard();
    const updates = recordUpdates(doc);
    renamePersona(doc, persona.id, persona.name);
    expect(updates).toHaveLength(0);
  });
});

describe('reorderPersona', () => {
  function fourPersonas() {
    const { doc } = newBoard();
    renamePersona(doc, readPersonas(doc)[0]!.id, 'A');
    for (const name of ['B', 'C', 'D']) added(doc, name);
    return doc;
  }

  it.each([
    [3, 0, ['D', 'A', 'B', 'C']],
    [0, 3, ['B', 'C', 'D', 'A']],
    [1, 2, ['A', 'C', 'B', 'D']],
    [2, 1, ['A', 'C', 'B', 'D']],
    [0, 99, ['B', 'C', 'D', 'A']],
    [3, -5, ['D', 'A', 'B', 'C']],
  ])('moves the persona at %i to %i with one write of its order', (from, to, expected) => {
    const doc = fourPersonas();
    const updates = recordUpdates(doc);
    expect(reorderPersona(doc, readPersonas(doc)[from]!.id, to).ok).toBe(true);
    expect(names(doc)).toEqual(expected);
    expect(updates).toHaveLength(1);
  });

  it('renumbers every persona when doubles run out of room between two neighbours', () => {
    const doc = fourPersonas();
    const [a, b, , d] = readPersonas(doc);
    personasMap(doc).get(a!.id)?.set('order', 1);
    personasMap(doc)
      .get(b!.id)
      ?.set('order', 1 + Number.EPSILON);
    const updates = recordUpdates(doc);
    expect(reorderPersona(doc, d!.id, 1)).toEqual({ ok: true, value: 2 });
    expect(names(doc)).toEqual(['A', 'D', 'B', 'C']);
    expect(readPersonas(doc).map((p) => p.order)).toEqual([1, 2, 3, 4]);
    expect(updates).toHaveLength(1);
  });

  it('refuses a deleted persona', () => {
    const doc = fourPersonas();
    const d = readPersonas(doc)[3]!;
    deletePersona(doc, d.id);
    expect(reorderPersona(doc, d.id, 0).ok).toBe(false);
  });
});

describe('duplicatePersona', () => {
  it('copies name, picture and every profile field right after the original; the notes stay', () => {
    const { doc, persona } = newBoard();
    const last = added(doc, 'Last');
    const field = addCustomProfileField(doc, 'Favourite brands');
    if (!field.ok) throw new Error(field.error);
    setProfileField(doc, persona.id, 'quote', 'I want it to just work');
    setProfileField(doc, persona.id, 'age', '34');
    setCustomFieldValue(doc, persona.id, field.value.id, 'Ikea, Lidl');
    setPersonaPicture(doc, persona.id, 'pic_0001');
    addNote(doc, noteInput(persona.id));
    const copy = duplicatePersona(doc, persona.id, { now: 9_000 });
    if (!copy.ok) throw new Error(copy.error);
    const source = readPersonas(doc)[0]!;
    expect(copy.value).toEqual({ ...source, id: copy.value.id, name: 'Persona 1 (copy)', order: copy.value.order, createdAt: 9_000 });
    expect(readPersonas(doc).map((p) => p.id)).toEqual([persona.id, copy.value.id, last.id]);
    expect(readPersonas(doc)[1]).toEqual(copy.value);
    expect(readNotes(doc).map((n) => n.personaId)).toEqual([persona.id]);
  });

  it('keeps the copy name within the limit, and refuses a deleted persona', () => {
    const { doc, persona } = newBoard();
    renamePersona(doc, persona.id, 'x'.repeat(LIMITS.personaNameChars));
    const copy = duplicatePersona(doc, persona.id);
    expect(copy.ok && copy.value.name.length).toBe(LIMITS.personaNameChars);
    if (copy.ok) deletePersona(doc, copy.value.id);
    expect(copy.ok && duplicatePersona(doc, copy.value.id).ok).toBe(false);
  });
});

describe('deletePersona and restorePersona', () => {
  it('hides the persona and its notes in one write; restore brings both back exactly', () => {
    const { doc, persona } = newBoard();
    const other = added(doc, 'Mr and Mrs Adams');
    const kept = addNote(doc, noteInput(persona.id));
    addNote(doc, noteInput(other.id, { text: 'one' }));
    addNote(doc, noteInput(other.id, { text: 'two' }));
    const before = readBoard(doc);
    const updates = recordUpdates(doc);
    expect(deletePersona(doc, other.id, { now: 7_000 })).toEqual({
      ok: true,
      value: { id: other.id, name: 'Mr and Mrs Adams', noteCount: 2 },
    });
    expect(updates).toHaveLength(1);
    expect(readBoard(doc).personas).toEqual([persona]);
    expect(readBoard(doc).notes).toEqual([kept.ok && kept.value]);
    expect(readAllPersonas(doc).find((p) => p.id === other.id)?.deletedAt).toBe(7_000);
    expect(addNote(doc, noteInput(other.id)).ok).toBe(false);
    expect(restorePersona(doc, other.id).ok).toBe(true);
    const after = readBoard(doc);
    expect(after.notes).toEqual(before.notes);
    expect(after.personas.map((p) => ({ ...p, deletedAt: undefined }))).toEqual(
      before.personas.map((p) => ({ ...p, deletedAt: undefined })),
    );
  });

  it('keeps at least one persona on the board', () => {
    const { doc, persona } = newBoard();
    expect(deletePersona(doc, persona.id)).toEqual({ ok: false, error: 'A workshop keeps at least one persona.' });
  });

  it('refuses twice, and restore of a purged persona says it is gone', () => {
    const { doc } = newBoard();
    const other = added(doc);
    expect(deletePersona(doc, other.id, { now: 1 }).ok).toBe(true);
    expect(deletePersona(doc, other.id).ok).toBe(false);
    expect(purgeDeletedPersonas(doc, { deletedBefore: 2 })).toBe(1);
    expect(restorePersona(doc, other.id)).toEqual({ ok: false, error: 'That persona is gone for good.' });
  });
});

describe('purgeDeletedPersonas', () => {
  it('erases only personas deleted before the cut-off, with their notes, in one update', () => {
    const { doc, persona } = newBoard();
    const old = added(doc, 'Old');
    const recent = added(doc, 'Recent');
    addNote(doc, noteInput(old.id));
    addNote(doc, noteInput(recent.id));
    deletePersona(doc, old.id, { now: 100 });
    deletePersona(doc, recent.id, { now: 900 });
    const updates = recordUpdates(doc);
    expect(purgeDeletedPersonas(doc, { deletedBefore: 500 })).toBe(1);
    expect(updates).toHaveLength(1);
    expect(readAllPersonas(doc).map((p) => p.name)).toEqual([persona.name, 'Recent']);
    expect(readNotes(doc).map((n) => n.personaId)).toEqual([recent.id]);
    expect(purgeDeletedPersonas(doc, { deletedBefore: 500 })).toBe(0);
  });
});

describe('setPersonaPicture', () => {
  it('stores a picture key or null, and refuses anything like a URL', () => {
    const { doc, persona } = newBoard();
    expect(setPersonaPicture(doc, persona.id, 'abc_123-X').ok).toBe(true);
    expect(readPersonas(doc)[0]?.pictureId).toBe('abc_123-X');
    expect(setPersonaPicture(doc, persona.id, 'https://evil.example/x.png').ok).toBe(false);
    expect(setPersonaPicture(doc, persona.id, null).ok).toBe(true);
    expect(readPersonas(doc)[0]?.pictureId).toBeNull();
  });
});

describe('parsePersona', () => {
  const base = { id: 'p000000000000001', name: 'Jill', order: 1, createdAt: 1 };

  it('reads a record written before profiles existed, unchanged', () => {
    expect(parsePersona(base)).toEqual(base);
  });

  it('gathers custom_<id> keys into customValues and ignores invalid ones', () => {
    const json = { ...base, custom_c000000000000001: 'Lidl', custom_bad: 'x', custom_c000000000000002: 5 };
    expect(parsePersona(json)).toEqual({ ...base, customValues: { c000000000000001: 'Lidl' } });
  });

  it('refuses a record with a profile field of the wrong type', () => {
    expect(parsePersona({ ...base, age: 34 })).toBeNull();
  });
});

describe('a persona map set up by hand', () => {
  it('reads a persona whose deletedAt is null as on the board', () => {
    const { doc, persona } = newBoard();
    personasMap(doc).get(persona.id)?.set('deletedAt', null);
    expect(readPersonas(doc)).toEqual([{ ...persona, deletedAt: null }]);
  });
});
