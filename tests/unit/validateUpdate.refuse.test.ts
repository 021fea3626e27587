import * as Y from 'yjs';
import { describe, it } from 'vitest';
import { metaMap, notesMap, personasMap } from '../../lib/board';
import { ANN, BOB, NOTE_ID, diff, syncedCopy } from './helpers/boardDocs';
import { addedNote, expectAccepted, expectRefused, noteMap, serverAndClient, validNoteValues, writeRawNote } from './helpers/validateDocs';

/** Runs `change` on a fresh client and expects the server to refuse the resulting diff. */
function refusesNewChange(change: (client: Y.Doc, personaId: string) => void, error: string | RegExp) {
  const { server, client, persona } = serverAndClient();
  change(client, persona.id);
  expectRefused(server, diff(client, server), error);
}

/** Like `refusesNewChange`, on a note by Ann that the server already has. */
function refusesChangeToExistingNote(change: (note: Y.Map<unknown>) => void, error: string | RegExp) {
  const { server, client, persona } = serverAndClient();
  const note = addedNote(client, persona.id);
  expectAccepted(server, diff(client, server));
  const other = syncedCopy(server);
  change(noteMap(other, note.id));
  expectRefused(server, diff(other, server), error);
}

const withNote = (values: Record<string, unknown>) => (client: Y.Doc, personaId: string) =>
  writeRawNote(client, NOTE_ID, { ...validNoteValues(NOTE_ID, personaId), ...values });

describe('validateUpdate refuses the wrong shape', () => {
  it.each<[string, (doc: Y.Doc) => void, RegExp]>([
    ['a map under an unknown top-level key', (doc) => doc.getMap('votes').set('x', 1), /unknown top-level key "votes"/],
    [
      'a record map under an unknown top-level key',
      (doc) => doc.getMap('archive').set(NOTE_ID, new Y.Map()),
      /unknown top-level key "archive"/,
    ],
    ['a Y.Array at the top level', (doc) => doc.getArray('log').push(['hello']), /list content is not allowed in log/],
    ['a Y.Array named like a board root', (doc) => doc.getArray('notes').push([1]), /list content is not allowed in notes/],
    ['a Y.Text at the top level', (doc) => doc.getText('chat').insert(0, 'hi'), /list content is not allowed in chat/],
    ['a Y.Text named like a board root', (doc) => doc.getText('meta').insert(0, 'x'), /list content is not allowed in meta/],
    [
      'a Y.XmlFragment at the top level',
      (doc) => doc.getXmlFragment('notes').insert(0, [new Y.XmlText('x')]),
      /list content is not allowed in notes/,
    ],
  ])('%s', (_label, change, error) => {
    refusesNewChange(change, error);
  });

  it.each<[string, unknown]>([
    ['a plain string', 'just text'],
    ['a plain object', { text: 'x' }],
    ['a Y.Array', new Y.Array()],
    ['a Y.Text', new Y.Text('x')],
  ])('a note record that is %s instead of a Y.Map', (_label, value) => {
    refusesNewChange((doc) => (notesMap(doc) as Y.Map<unknown>).set(NOTE_ID, value), /a notes record must be a map/);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'NOTE000000000001', 'short', ''])(
    'the note key %j, which is not an id',
    (key) => {
      refusesNewChange((doc, personaId) => writeRawNote(doc, key, validNoteValues(key, personaId)), /bad record id in notes/);
    },
  );

  it.each<[string, () => unknown]>([
    ['a Y.Text', () => new Y.Text('typed')],
    ['a Y.Array', () => Y.Array.from(['a'])],
    ['a nested Y.Map', () => new Y.Map()],
  ])("%s as a new note's text", (_label, make) => {
    refusesNewChange(withNote({ text: make() }), /notes\.text must be a plain value/);
  });

  it.each<[string, () => unknown]>([
    ['a Y.Text', () => new Y.Text('typed')],
    ['a Y.Array', () => new Y.Array()],
  ])('%s written into an existing note', (_label, make) => {
    refusesChangeToExistingNote((note) => note.set('text', make()), /notes\.text must be a plain value/);
    refusesChangeToExistingNote((note) => note.set('quadrant', make()), /notes\.quadrant must be a plain value/);
  });

  it('a Y.Array under a field the schema does not know', () => {
    refusesChangeToExistingNote((note) => note.set('comments', new Y.Array()), /unknown field notes\.comments/);
  });
});

describe('validateUpdate refuses bad note values', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown field', { votes: 3 }, /unknown field notes\.votes/],
    ['numeric text', { text: 42 }, /invalid notes\.text/],
    ['null text', { text: null }, /invalid notes\.text/],
    ['text in an array', { text: ['x'] }, /invalid notes\.text/],
    ['text over 2000 characters', { text: 'x'.repeat(2001) }, /invalid notes\.text/],
    ['a malformed quadrant id', { quadrant: 'Feels!' }, /invalid notes\.quadrant/],
    ['a quadrant id over 22 characters', { quadrant: 'q'.repeat(23) }, /invalid notes\.quadrant/],
    ['an empty quadrant', { quadrant: '' }, /invalid notes\.quadrant/],
    ['an unknown colour', { color: 'black' }, /invalid notes\.color/],
    ['a malformed persona id', { personaId: '../personas' }, /invalid notes\.personaId/],
    ['a fractional time', { createdAt: 1.5 }, /invalid notes\.createdAt/],
    ['a time given as a string', { createdAt: '3000' }, /invalid notes\.createdAt/],
    ['an author name over 40 characters', { authorName: 'A'.repeat(41) }, /invalid notes\.authorName/],
    ['an id field that does not match its key', { id: 'other00000000000' }, /record id does not match its key/],
    ['a malformed id field', { id: 'x' }, /invalid notes\.id/],
  ])('a new note with %s', (_label, values, error) => {
    refusesNewChange(withNote(values), error);
  });

  it.each<[string, (note: Y.Map<unknown>) => void, RegExp]>([
    ['an unknown field', (note) => note.set('pinned', true), /unknown field notes\.pinned/],
    ['numeric text', (note) => note.set('text', 7), /invalid notes\.text/],
    ['text over 2000 characters', (note) => note.set('text', 'y'.repeat(2001)), /invalid notes\.text/],
    ['a bad quadrant', (note) => note.set('quadrant', 'SEES'), /invalid notes\.quadrant/],
    ['a bad colour', (note) => note.set('color', '#ff0000'), /invalid notes\.color/],
  ])('an edit that writes %s', (_label, change, error) => {
    refusesChangeToExistingNote(change, error);
  });
});

describe('validateUpdate refuses forged or rewritten authorship', () => {
  it('a new note whose authorId is another participant', () => {
    refusesNewChange(withNote({ authorId: BOB.participantId }), /forged author/);
  });

  it("a new note whose authorName is not the sender's name", () => {
    refusesNewChange(withNote({ authorName: 'Admin' }), /forged author name/);
  });

  it("a note by Ann sent over Bob's connection", () => {
    const { server, client, persona } = serverAndClient();
    addedNote(client, persona.id);
    expectRefused(server, diff(client, server), /forged author/, BOB);
  });

  it.each<[string, unknown]>([
    ['authorId', BOB.participantId],
    ['authorId', ANN.participantId],
    ['authorName', 'Someone else'],
    ['createdAt', 1],
    ['id', 'other00000000000'],
    ['id', NOTE_ID],
  ])("a change to an existing note's %s (to %j)", (field, value) => {
    const { server, client, persona } = serverAndClient();
    writeRawNote(client, NOTE_ID, validNoteValues(NOTE_ID, persona.id));
    expectAccepted(server, diff(client, server));
    const other = syncedCopy(server);
    noteMap(other, NOTE_ID).set(field, value);
    const error =
      field === 'id' && value !== NOTE_ID
        ? /record id does not match|notes\.id cannot change/
        : new RegExp(`notes\\.${field} cannot change`);
    expectRefused(server, diff(other, server), error);
  });
});

describe('validateUpdate refuses bad personas and meta', () => {
  it.each<[string, (doc: Y.Doc, personaId: string) => void, RegExp]>([
    ['an unknown persona field', (doc, id) => personasMap(doc).get(id)?.set('shoeSize', 42), /unknown field personas\.shoeSize/],
    ['a persona name over 80 characters', (doc, id) => personasMap(doc).get(id)?.set('name', 'n'.repeat(81)), /invalid personas\.name/],
    ['a persona order that is not a number', (doc, id) => personasMap(doc).get(id)?.set('order', 'first'), /invalid personas\.order/],
    [
      'a persona record that is not a map',
      (doc) => (personasMap(doc) as Y.Map<unknown>).set('persona000000009', 1),
      /a personas record must be a map/,
    ],
    ['an unknown meta key', (doc) => metaMap(doc).set('owner', 'me'), /unknown field meta\.owner/],
    ['a wrong schema version', (doc) => metaMap(doc).set('schemaVersion', 2), /invalid meta\.schemaVersion/],
    ['a title over 120 characters', (doc) => metaMap(doc).set('title', 't'.repeat(121)), /invalid meta\.title/],
    ['a Y.Text as the title', (doc) => metaMap(doc).set('title', new Y.Text('x')), /meta\.title must be a plain value/],
  ])('%s', (_label, change, error) => {
    refusesNewChange(change, error);
  });
});
