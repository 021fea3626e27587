import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, deleteNote, initBoard, readPersonas } from '../../lib/board';
import { PROFILE_LIMITS, customValueKey, promoteTargets, profileSettings } from '../../lib/profile';
import { addCustomProfileField, promoteNote, setProfileFieldHidden } from '../../lib/profileBoard';
import { readMeta } from '../../lib/board';

function boardWithNote(text: string) {
  const doc = new Y.Doc();
  const persona = initBoard(doc, { title: 'Promote', now: 1 });
  const note = addNote(doc, { personaId: persona.id, quadrant: 'says_does', text, authorId: 'a000000000000001', authorName: 'Ana' });
  if (!note.ok) throw new Error(note.error);
  return { doc, persona, noteId: note.value.id };
}

const personaOf = (doc: Y.Doc) => readPersonas(doc)[0]!;

describe('promoting a note into the profile', () => {
  it('makes a note the quote, replacing the old one', () => {
    const { doc, noteId } = boardWithNote('  I never have time to compare prices  ');
    expect(promoteNote(doc, noteId, 'quote')).toEqual({ ok: true, value: 'Quote or tagline' });
    expect(personaOf(doc).quote).toBe('I never have time to compare prices');
  });

  it('adds a note as a new line of a long field, once', () => {
    const { doc, persona, noteId } = boardWithNote('Cycling on Sundays');
    const other = addNote(doc, {
      personaId: persona.id,
      quadrant: 'sees',
      text: 'Board games',
      authorId: 'a000000000000001',
      authorName: 'Ana',
    });
    if (!other.ok) throw new Error(other.error);
    promoteNote(doc, noteId, 'hobbies');
    promoteNote(doc, other.value.id, 'hobbies');
    promoteNote(doc, noteId, 'hobbies');
    expect(personaOf(doc).hobbies).toBe('Cycling on Sundays\nBoard games');
  });

  it('fills a custom field', () => {
    const { doc, noteId } = boardWithNote('Reads reviews first');
    const field = addCustomProfileField(doc, 'Research habits');
    if (!field.ok) throw new Error(field.error);
    expect(promoteNote(doc, noteId, customValueKey(field.value.id))).toEqual({ ok: true, value: 'Research habits' });
    expect(personaOf(doc).customValues?.[field.value.id]).toBe('Reads reviews first');
  });

  it('refuses text too long for a short field, an unknown field and a deleted note, writing nothing', () => {
    const { doc, noteId } = boardWithNote('x'.repeat(PROFILE_LIMITS.shortFieldChars + 1));
    expect(promoteNote(doc, noteId, 'age')).toEqual({
      ok: false,
      error: `Age holds at most ${PROFILE_LIMITS.shortFieldChars} characters.`,
    });
    expect(promoteNote(doc, noteId, 'shoeSize').ok).toBe(false);
    expect(promoteNote(doc, noteId, customValueKey('0000000000000000'))).toEqual({ ok: false, error: 'That field was removed.' });
    deleteNote(doc, noteId);
    expect(promoteNote(doc, noteId, 'quote')).toEqual({ ok: false, error: 'That note was deleted.' });
    expect(personaOf(doc).age).toBeUndefined();
  });

  it('offers the quote first and leaves hidden fields out', () => {
    const { doc } = boardWithNote('n');
    setProfileFieldHidden(doc, 'income', true);
    const targets = promoteTargets(profileSettings(readMeta(doc)));
    expect(targets[0]).toEqual({ key: 'quote', label: 'Quote' });
    expect(targets.some((t) => t.key === 'income')).toBe(false);
    expect(targets.some((t) => t.key === 'hobbies')).toBe(true);
  });
});
