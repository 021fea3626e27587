import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, editNoteText, readBoard, readNotes, readPersonas } from '../../lib/board';
import { addJourneyStep } from '../../lib/journey';
import { SnapshotReplySchema } from '../../lib/snapshots';
import { renamePersona } from '../../lib/personaBoard';
import { Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.start();
});
afterEach(() => h.close());

type BoardJson = { title: string; personas: { name: string }[]; notes: { text: string }[] };
type Snapshot = { id: string; name: string; createdAt: number };

function api(pathname: string, key: string | null, init: RequestInit = {}): Promise<Response> {
  return fetch(`${h.server.url}/api/workshops/${pathname}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
  });
}

const take = (code: string, key: string | null, name: unknown) =>
  api(`${code}/snapshots`, key, { method: 'POST', body: JSON.stringify({ name }) });

describe('snapshots', () => {
  it('keep the board as it was, whatever is edited later', async () => {
    const { code, facilitatorKey: key } = await h.createWorkshop('Snapshots');
    const workshopId = (await h.server.storage.workshops.byCode(code))!.id;
    let noteId = '';
    await h.server.rooms.change(workshopId, (doc) => {
      const note = addNote(doc, {
        personaId: readPersonas(doc)[0]!.id,
        quadrant: 'says_does',
        text: 'Before the break',
        authorId: 'aaaaaaaaaaaaaaaa',
        authorName: 'Zoë',
      });
      if (note.ok) noteId = note.value.id;
    });

    const res = await take(code, key, '  Morning round  ');
    expect(res.status).toBe(201);
    const snapshot = (await res.json()) as Snapshot;
    expect(snapshot.name).toBe('Morning round');

    await h.server.rooms.change(workshopId, (doc) => {
      editNoteText(doc, noteId, 'Changed after the snapshot');
      renamePersona(doc, readPersonas(doc)[0]!.id, 'Renamed');
      addNote(doc, {
        personaId: readPersonas(doc)[0]!.id,
        quadrant: 'says_does',
        text: 'Later',
        authorId: 'aaaaaaaaaaaaaaaa',
        authorName: 'Zoë',
      });
    });
    await h.server.rooms.readDoc(workshopId, (doc) => expect(readNotes(doc)).toHaveLength(2));

    const list = (await (await api(`${code}/snapshots`, key)).json()) as { snapshots: Snapshot[] };
    expect(list.snapshots).toEqual([snapshot]);

    const download = await api(`${code}/snapshots/${snapshot.id}/export.json`, key);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="workshop-.*-snapshot-/);
    const board = (await download.json()) as BoardJson;
    expect(board.personas.map((p) => p.name)).toEqual(['Persona 1']);
    expect(board.notes.map((n) => n.text)).toEqual(['Before the break']);
  });

  it('are for the facilitator only, and per workshop', async () => {
    const first = await h.createWorkshop('First');
    const second = await h.createWorkshop('Second');
    const ana = await h.join(first.code, 'Ana');
    expect((await take(first.code, null, 'x')).status).toBe(401);
    expect((await take(first.code, ana.token, 'x')).status).toBe(403);
    expect((await take(first.code, first.facilitatorKey, '   ')).status).toBe(400);
    const snapshot = (await (await take(first.code, first.facilitatorKey, 'Mine')).json()) as Snapshot;
    expect((await api(`${first.code}/snapshots`, ana.token)).status).toBe(403);
    expect((await api(`${second.code}/snapshots/${snapshot.id}/export.json`, second.facilitatorKey)).status).toBe(404);
    expect((await api(`${second.code}/snapshots`, second.facilitatorKey)).status).toBe(200);
  });
});

describe('a snapshot for the read-only view', () => {
  it('holds the frozen state, which reads as the board was, journey included; facilitator only', async () => {
    const { code, facilitatorKey: key } = await h.createWorkshop('View me');
    const workshopId = (await h.server.storage.workshops.byCode(code))!.id;
    await h.server.rooms.change(workshopId, (doc) => {
      const personaId = readPersonas(doc)[0]!.id;
      const step = addJourneyStep(doc, { personaId, title: 'Hears of us' });
      if (!step.ok) throw new Error(step.error);
      addNote(doc, {
        personaId,
        quadrant: 'sees',
        journeyStepId: step.value.id,
        text: 'On the step',
        authorId: 'aaaaaaaaaaaaaaaa',
        authorName: 'Zoë',
      });
    });
    const snapshot = (await (await take(code, key, 'Before lunch')).json()) as Snapshot;
    await h.server.rooms.change(workshopId, (doc) => renamePersona(doc, readPersonas(doc)[0]!.id, 'Renamed later'));

    const res = await api(`${code}/snapshots/${snapshot.id}`, key);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const reply = SnapshotReplySchema.parse(await res.json());
    expect({ id: reply.id, name: reply.name, createdAt: reply.createdAt }).toEqual(snapshot);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from(reply.state, 'base64'));
    const board = readBoard(doc);
    expect(board.personas.map((p) => p.name)).toEqual(['Persona 1']);
    expect(board.journeySteps.map((s) => s.title)).toEqual(['Hears of us']);
    expect(board.notes.map((n) => n.text)).toEqual(['On the step']);

    const ana = await h.join(code, 'Ana');
    expect((await api(`${code}/snapshots/${snapshot.id}`, null)).status).toBe(401);
    expect((await api(`${code}/snapshots/${snapshot.id}`, ana.token)).status).toBe(403);
    expect((await api(`${code}/snapshots/zzzzzzzzzzzzzzzz`, key)).status).toBe(404);
    const other = await h.createWorkshop('Other');
    expect((await api(`${other.code}/snapshots/${snapshot.id}`, other.facilitatorKey)).status).toBe(404);
  });
});
