import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, initBoard, readBoard, setNoteEvidence } from '../../lib/board';
import { createGroup, renameGroup, setNoteGroup, ungroup } from '../../lib/groups';
import { validateUpdate } from '../../server/yjs/validateUpdate';

const ANN = { participantId: 'ann0000000000001', name: 'Ann', role: 'participant' as const };

function board() {
  const server = new Y.Doc();
  const persona = initBoard(server, { title: 'Groups', now: 1 });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client, persona };
}

/** Sends the client's changes through the server's check, then applies them like the room. */
function sync(server: Y.Doc, client: Y.Doc) {
  const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
  const verdict = validateUpdate(server, update, { author: ANN, docBytes: 0 });
  if (verdict.ok) Y.applyUpdate(server, update);
  return verdict;
}

function note(doc: Y.Doc, personaId: string, text: string) {
  const added = addNote(doc, { personaId, quadrant: 'pains', text, authorId: ANN.participantId, authorName: ANN.name });
  if (!added.ok) throw new Error(added.error);
  return added.value.id;
}

describe('grouping notes', () => {
  it('groups, renames, regroups and ungroups, and the server accepts every step', () => {
    const { server, client, persona } = board();
    const a = note(client, persona.id, 'Parking');
    const b = note(client, persona.id, 'No parking nearby');
    const group = createGroup(client, { personaId: persona.id, quadrant: 'pains', name: '  Parking  ', noteIds: [a, b] });
    expect(group.ok && group.value.name).toBe('Parking');
    expect(sync(server, client)).toMatchObject({ ok: true });
    const onServer = readBoard(server);
    expect(onServer.groups.map((g) => g.name)).toEqual(['Parking']);
    expect(onServer.notes.map((n) => n.groupId)).toEqual([onServer.groups[0]!.id, onServer.groups[0]!.id]);

    const groupId = onServer.groups[0]!.id;
    expect(renameGroup(client, groupId, 'Getting there').ok).toBe(true);
    expect(setNoteGroup(client, a, null).ok).toBe(true);
    expect(sync(server, client).ok).toBe(true);
    expect(readBoard(server).notes.find((n) => n.id === a)!.groupId).toBeNull();
    expect(ungroup(client, groupId).ok).toBe(true);
    expect(sync(server, client).ok).toBe(true);
    expect(readBoard(server).groups).toEqual([]);
    expect(readBoard(server).notes.map((n) => n.groupId ?? null)).toEqual([null, null]);
  });

  it('refuses empty names, unknown groups and bad group records on the server', () => {
    const { server, client, persona } = board();
    const a = note(client, persona.id, 'Parking');
    expect(createGroup(client, { personaId: persona.id, quadrant: 'pains', name: '   ', noteIds: [a] }).ok).toBe(false);
    expect(setNoteGroup(client, a, 'zzzzzzzzzzzzzzzz').ok).toBe(false);
    sync(server, client);
    const bad = new Y.Map<unknown>();
    client.getMap('groups').set('grp0000000000001', bad);
    bad.set('name', 42);
    expect(sync(server, client)).toMatchObject({ ok: false });
  });
});

describe('evidence labels', () => {
  it('marks a note observed or assumed, and clears it', () => {
    const { server, client, persona } = board();
    const a = note(client, persona.id, 'Says parking is the worst');
    expect(setNoteEvidence(client, a, 'observed').ok).toBe(true);
    expect(sync(server, client).ok).toBe(true);
    expect(readBoard(server).notes[0]!.evidence).toBe('observed');
    expect(setNoteEvidence(client, a, null).ok).toBe(true);
    expect(sync(server, client).ok).toBe(true);
    expect(readBoard(server).notes[0]!.evidence).toBeNull();
    (client.getMap('notes').get(a) as Y.Map<unknown>).set('evidence', 'rumour');
    expect(sync(server, client)).toMatchObject({ ok: false });
  });
});
