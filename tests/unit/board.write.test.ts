import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addNote,
  deleteNote,
  editNoteText,
  initBoard,
  metaMap,
  moveNote,
  notesMap,
  personasMap,
  readBoard,
  readNotes,
  setNoteColor,
} from '../../lib/board';
import { ID_PATTERN } from '../../lib/ids';
import { LIMITS } from '../../lib/limits';
import type { Note, NoteColor } from '../../lib/note';
import type { QuadrantId } from '../../lib/quadrants';
import { ANN, newBoard, noteInput, recordUpdates } from './helpers/boardDocs';

function addedNote(doc: Y.Doc, personaId: string, overrides: Parameters<typeof noteInput>[1] = {}): Note {
  const result = addNote(doc, noteInput(personaId, overrides));
  if (!result.ok) throw new Error(`addNote failed: ${result.error}`);
  return result.value;
}

describe('initBoard', () => {
  it('writes the meta and a first persona in one transaction', () => {
    const doc = new Y.Doc();
    const updates = recordUpdates(doc);
    const persona = initBoard(doc, { title: 'Onboarding', now: 1234 });
    expect(updates).toHaveLength(1);
    expect(persona).toEqual({ id: expect.stringMatching(ID_PATTERN), name: 'Persona 1', order: 1, createdAt: 1234 });
    expect(readBoard(doc)).toEqual({
      meta: { title: 'Onboarding', createdAt: 1234, schemaVersion: 1 },
      personas: [persona],
      notes: [],
      groups: [],
      journeySteps: [],
      questions: [],
      actions: [],
    });
    expect(personasMap(doc).get(persona.id)).toBeInstanceOf(Y.Map);
  });

  it('takes a persona name and defaults the time to now', () => {
    const doc = new Y.Doc();
    const before = Date.now();
    const persona = initBoard(doc, { title: 'T', personaName: 'Busy parent' });
    expect(persona.name).toBe('Busy parent');
    expect(persona.createdAt).toBeGreaterThanOrEqual(before);
    expect(persona.createdAt).toBeLessThanOrEqual(Date.now());
    expect(metaMap(doc).get('createdAt')).toBe(persona.createdAt);
  });
});

describe('addNote', () => {
  it('stores every field in its own Y.Map and returns the note', () => {
    const { doc, persona } = newBoard();
    const updates = recordUpdates(doc);
    const result = addNote(doc, noteInput(persona.id));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual({
      id: expect.stringMatching(ID_PATTERN),
      personaId: persona.id,
      quadrant: 'pains',
      text: 'Checkout asks for the card number twice',
      color: 'yellow',
      authorId: ANN.participantId,
      authorName: ANN.name,
      createdAt: 2000,
    });
    expect(updates).toHaveLength(1);
    const map = notesMap(doc).get(result.value.id);
    expect(map).toBeInstanceOf(Y.Map);
    expect(map?.toJSON()).toEqual(result.value);
    expect(readNotes(doc)).toEqual([result.value]);
  });

  it('trims the text and keeps an explicit colour', () => {
    const { doc, persona } = newBoard();
    const note = addedNote(doc, persona.id, { text: '  \n Slow delivery \t ', color: 'blue' });
    expect(note.text).toBe('Slow delivery');
    expect(note.color).toBe('blue');
  });

  it('gives every note a fresh id', () => {
    const { doc, persona } = newBoard();
    const ids = new Set(Array.from({ length: 50 }, () => addedNote(doc, persona.id).id));
    expect(ids.size).toBe(50);
    expect(notesMap(doc).size).toBe(50);
  });

  it('accepts exactly the length limit, counted after trimming', () => {
    const { doc, persona } = newBoard();
    const atLimit = 'x'.repeat(LIMITS.noteTextChars);
    expect(addedNote(doc, persona.id, { text: atLimit }).text).toBe(atLimit);
    expect(addedNote(doc, persona.id, { text: `   ${atLimit}   ` }).text).toBe(atLimit);
  });

  it.each([
    ['empty text', { text: '' }, 'A note needs some text.'],
    ['whitespace-only text', { text: ' \n\t  ' }, 'A note needs some text.'],
    ['text over 2000 characters', { text: 'x'.repeat(2001) }, 'A note holds at most 2000 characters.'],
    ['an unknown persona', { personaId: 'zzzzzzzzzzzzzzzz' }, 'That persona no longer exists.'],
    ['a malformed author id', { authorId: 'Ann!' }, 'Invalid note.'],
    ['an author name over 40 characters', { authorName: 'A'.repeat(41) }, 'Invalid note.'],
    ['a malformed quadrant id', { quadrant: 'Feels!' as QuadrantId }, 'Invalid note.'],
    ['an unknown colour', { color: 'black' as NoteColor }, 'Invalid note.'],
    ['a negative time', { now: -1 }, 'Invalid note.'],
  ])('refuses %s and writes nothing', (_label, overrides, error) => {
    const { doc, persona } = newBoard();
    const updates = recordUpdates(doc);
    expect(addNote(doc, noteInput(persona.id, overrides))).toEqual({ ok: false, error });
    expect(updates).toHaveLength(0);
    expect(notesMap(doc).size).toBe(0);
  });

  it('refuses a note once the board holds the most notes a workshop may have', () => {
    const { doc, persona } = newBoard();
    // Empty maps are enough: the limit counts entries, and they keep this test fast.
    doc.transact(() => {
      for (let i = 0; i < LIMITS.notesPerWorkshop - 1; i++) notesMap(doc).set(`filler${String(i).padStart(10, '0')}`, new Y.Map());
    });
    expect(addNote(doc, noteInput(persona.id)).ok).toBe(true);
    expect(addNote(doc, noteInput(persona.id))).toEqual({ ok: false, error: 'This board is full.' });
    expect(notesMap(doc).size).toBe(LIMITS.notesPerWorkshop);
  });
});

describe('editNoteText', () => {
  it('replaces the text, trimmed', () => {
    const { doc, persona } = newBoard();
    const note = addedNote(doc, persona.id);
    expect(editNoteText(doc, note.id, '  Wants one-click reorder  ')).toEqual({ ok: true, value: 'Wants one-click reorder' });
    expect(readNotes(doc)[0]).toEqual({ ...note, text: 'Wants one-click reorder' });
  });

  it('writes nothing when the text is unchanged', () => {
    const { doc, persona } = newBoard();
    const note = addedNote(doc, persona.id, { text: 'Same' });
    const updates = recordUpdates(doc);
    expect(editNoteText(doc, note.id, ' Same ').ok).toBe(true);
    expect(updates).toHaveLength(0);
  });

  it.each([
    ['empty text', '', 'A note needs some text.'],
    ['whitespace-only text', '   ', 'A note needs some text.'],
    ['text over the limit', 'y'.repeat(2001), 'A note holds at most 2000 characters.'],
  ])('refuses %s and keeps the old text', (_label, text, error) => {
    const { doc, persona } = newBoard();
    const note = addedNote(doc, persona.id);
    expect(editNoteText(doc, note.id, text)).toEqual({ ok: false, error });
    expect(readNotes(doc)[0]?.text).toBe(note.text);
  });

  it('refuses an unknown or deleted note', () => {
    const { doc, persona } = newBoard();
    const note = addedNote(doc, persona.id);
    expect(editNoteText(doc, 'nope000000000000', 'x')).toEqual({ ok: false, error: 'That note was deleted.' });
    deleteNote(doc, note.id);
    expect(editNoteText(doc, note.id, 'x')).toEqual({ ok: false, error: 'That note was deleted.' });
    expect(notesMap(doc).size).toBe(0);
  });
});

describe('moveNote', () => {
  it('changes only the quadrant', () => {
    const { doc, persona } = newBoard();
    const note = addedNote(doc, persona.id);
    expect(moveNote(doc, note.id, 'gains')).toEqual({ ok: true, value: 'gains' });
    expect(readNotes(doc)).toEqual([{ ...note, quadrant: 'gains' }]);
  });

  it('writes nothing when the note is already there', () => {
    const { doc, persona } = newBoard();
    const note = addedNote(doc, persona.id, { quadrant: 'sees' });
    const updates = recordUpdates(doc);
    expect(moveNote(doc, note.id, 'sees').ok).toBe(true);
    expect(updates).toHaveLength(0);
  });

  it('refuses a quadrant the map does not have, before looking for the note', () => {
    const { doc, persona } = newBoard();
    const note = addedNote(doc, persona.id);
    const refused = { ok: false, error: 'That quadrant is not on this map.' };
    expect(moveNote(doc, note.id, 'nowhere' as QuadrantId)).toEqual(refused);
    expect(moveNote(doc, note.id, 'feels')).toEqual(refused); // classic four, not on the six-quadrant map
    expect(moveNote(doc, 'nope000000000000', 'nowhere' as QuadrantId)).toEqual(refused);
    expect(moveNote(doc, 'nope000000000000', 'sees')).toEqual({ ok: false, error: 'That note was deleted.' });
    expect(readNotes(doc)[0]?.quadrant).toBe(note.quadrant);
  });
});

describe('setNoteColor', () => {
  it('changes only the colour', () => {
    const { doc, persona } = newBoard();
    const note = addedNote(doc, persona.id);
    expect(setNoteColor(doc, note.id, 'green')).toEqual({ ok: true, value: 'green' });
    expect(readNotes(doc)).toEqual([{ ...note, color: 'green' }]);
  });

  it('refuses an unknown colour or note', () => {
    const { doc, persona } = newBoard();
    const note = addedNote(doc, persona.id);
    expect(setNoteColor(doc, note.id, 'black' as NoteColor)).toEqual({ ok: false, error: 'Unknown colour.' });
    expect(setNoteColor(doc, 'nope000000000000', 'pink')).toEqual({ ok: false, error: 'That note was deleted.' });
    expect(readNotes(doc)[0]?.color).toBe('yellow');
  });
});

describe('deleteNote', () => {
  it('removes the note and only that note', () => {
    const { doc, persona } = newBoard();
    const kept = addedNote(doc, persona.id, { now: 1 });
    const gone = addedNote(doc, persona.id, { now: 2 });
    expect(deleteNote(doc, gone.id)).toEqual({ ok: true, value: gone.id });
    expect(readNotes(doc)).toEqual([kept]);
    expect(notesMap(doc).has(gone.id)).toBe(false);
  });

  it('refuses a second delete of the same note', () => {
    const { doc, persona } = newBoard();
    const note = addedNote(doc, persona.id);
    deleteNote(doc, note.id);
    const updates = recordUpdates(doc);
    expect(deleteNote(doc, note.id)).toEqual({ ok: false, error: 'That note was deleted.' });
    expect(updates).toHaveLength(0);
  });

  it('refuses a key that holds something other than a note map', () => {
    const { doc } = newBoard();
    (notesMap(doc) as Y.Map<unknown>).set('plain00000000000', 'not a map');
    expect(deleteNote(doc, 'plain00000000000')).toEqual({ ok: false, error: 'That note was deleted.' });
    expect(editNoteText(doc, 'plain00000000000', 'x').ok).toBe(false);
  });
});
