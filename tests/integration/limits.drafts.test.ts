import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addNote, notesMap, readNotes, readPersonas } from '../../lib/board';
import { LIMITS } from '../../lib/limits';
import { addPersona, deletePersona } from '../../lib/personaBoard';
import type { DraftView } from '../../lib/session/drafts';
import { Harness, command, facilitatedRoom, synced, eventually, sqliteOf } from './harness';

let h: Harness;
afterEach(() => h.close());

async function start(limits: Record<string, number> = {}) {
  h = new Harness();
  await h.start({ limits });
}

let draftCounter = 0;
const draftId = () => `d${String(++draftCounter).padStart(15, '0')}`;

/** A room in a private writing step (`q_sees`), with everyone's latest drafts and the pending count. */
async function privateRoom(names: string[], stepPatch: Record<string, unknown> = {}) {
  const room = await facilitatedRoom(h, names);
  await command(room.facilitator, { type: 'step.update', stepId: 'q_sees', patch: stepPatch });
  expect(await command(room.facilitator, { type: 'step.goto', stepId: 'q_sees' })).toEqual({ ok: true });
  await eventually(async () => expect(room.people.every((p) => p.view.latest?.state.currentStepId === 'q_sees')).toBe(true));
  const mine = new Map<string, DraftView[]>();
  for (const person of room.people) person.socket.on('drafts:mine', (drafts) => mine.set(person.participantId, drafts));
  const pending = { count: 0 };
  room.facilitator.on('drafts:pending', (count) => (pending.count = count));
  const workshopId = (await h.server.storage.workshops.byCode(room.code))!.id;
  return { ...room, mine, pending, workshopId };
}

const addDraft = (socket: Parameters<typeof command>[0], text: string, id = draftId()) =>
  command(socket, { type: 'draft.add', draftId: id, quadrant: 'sees', text });

describe('private drafts: what they may cost', () => {
  it('refuses draft.add outside private and anonymous steps, and writes nothing', async () => {
    await start();
    const room = await facilitatedRoom(h, ['Ana']);
    const ana = room.people[0]!;
    // The lobby is neither private nor anonymous: a note there goes straight onto the board.
    const reply = await addDraft(ana.socket, 'Sneaked in');
    expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/not .*private/i) });
    const workshopId = (await h.server.storage.workshops.byCode(room.code))!.id;
    expect(await h.server.rooms.readDoc(workshopId, readNotes)).toEqual([]);
  });

  it('caps pending drafts per participant and per workshop (409), and frees the room after a delete or reveal', async () => {
    await start({ draftsPerParticipant: 3, draftsPerWorkshop: 5 });
    const room = await privateRoom(['Ana', 'Ben']);
    const [ana, ben] = [room.people[0]!, room.people[1]!];
    for (let i = 0; i < 3; i++) expect(await addDraft(ana.socket, `Ana ${i}`)).toEqual({ ok: true });
    expect(await addDraft(ana.socket, 'Ana 3')).toEqual({ ok: false, status: 409, error: expect.stringMatching(/3 private notes/) });
    expect(await addDraft(ben.socket, 'Ben 0')).toEqual({ ok: true });
    const benLast = draftId();
    expect(await addDraft(ben.socket, 'Ben 1', benLast)).toEqual({ ok: true });
    expect(await addDraft(ben.socket, 'Ben 2')).toEqual({ ok: false, status: 409, error: expect.stringMatching(/5 private notes/) });
    await eventually(async () => expect(room.pending.count).toBe(5));

    expect(await command(ben.socket, { type: 'draft.delete', draftId: benLast })).toEqual({ ok: true });
    expect(await addDraft(ben.socket, 'Ben 2 again')).toEqual({ ok: true });
    expect(await command(room.facilitator, { type: 'drafts.reveal' })).toEqual({ ok: true });
    await eventually(async () => expect(room.pending.count).toBe(0));
    expect(await addDraft(ana.socket, 'After the reveal')).toEqual({ ok: true });
  });

  it('serves draft commands and control connects from memory, not by re-reading every pending draft', async () => {
    await start();
    const room = await privateRoom(['Ana', 'Ben', 'Cy']);
    for (const person of room.people) for (let i = 0; i < 5; i++) await addDraft(person.socket, `${person.name} ${i}`);
    const reads = vi.spyOn(h.server.storage.drafts, 'pending');
    const ana = room.people[0]!;
    const id = draftId();
    expect(await addDraft(ana.socket, 'One more', id)).toEqual({ ok: true });
    expect(await command(ana.socket, { type: 'draft.edit', draftId: id, text: 'One more, edited' })).toEqual({ ok: true });
    expect(await command(ana.socket, { type: 'draft.delete', draftId: id })).toEqual({ ok: true });
    const again = h.control(room.code, ana.token);
    const drafts = await new Promise<DraftView[]>((resolve) => again.once('drafts:mine', resolve));
    expect(drafts.map((d) => d.text)).toEqual(['Ana 0', 'Ana 1', 'Ana 2', 'Ana 3', 'Ana 4']);
    await eventually(async () => expect(room.mine.get(ana.participantId)).toHaveLength(5));
    expect(reads).not.toHaveBeenCalled();
  });

  it('reveals 200 drafts of 20 people onto a 1,000-note board in one change', { timeout: 60_000 }, async () => {
    await start();
    const names = Array.from({ length: 20 }, (_, i) => `Person ${i}`);
    const room = await privateRoom(names);
    // The facilitator fills the board: in a private step a participant's new notes are drafts.
    const writer = room.facilitatorSession;
    const board = h.provider(room.code, writer.token);
    await synced(board);
    const personaId = readPersonas(board.doc)[0]!.id;
    for (let batch = 0; batch < 1000; batch += 250) {
      board.doc.transact(() => {
        for (let i = batch; i < batch + 250; i++) {
          addNote(board.doc, { personaId, quadrant: 'hears', text: `Board ${i}`, authorId: writer.participantId, authorName: writer.name });
        }
      });
    }
    await eventually(async () => expect(await h.server.rooms.readDoc(room.workshopId, readNotes)).toHaveLength(1000));
    const updates: number[] = [];
    board.doc.on('update', (_update: Uint8Array, origin: unknown) => origin === board && updates.push(1));
    for (let round = 0; round < 10; round++) {
      const replies = await Promise.all(room.people.map((person) => addDraft(person.socket, `${person.name} private ${round}`)));
      expect(replies.filter((reply) => !reply.ok)).toEqual([]);
    }
    await eventually(async () => expect(room.pending.count).toBe(200));

    expect(await command(room.facilitator, { type: 'drafts.reveal' })).toEqual({ ok: true });
    await eventually(async () => expect(readNotes(board.doc)).toHaveLength(1200));
    await eventually(async () => expect(room.pending.count).toBe(0));
    await eventually(async () => expect(room.people.every((p) => room.mine.get(p.participantId)?.length === 0)).toBe(true));
    expect(updates).toHaveLength(1); // one broadcast for the whole reveal
    const revealed = readNotes(board.doc).filter((note) => note.quadrant === 'sees');
    expect(new Set(revealed.map((note) => note.authorName))).toEqual(new Set(names));
  });

  it(
    'a reveal that would pass the 8 MiB board cap reveals what fits, says so, and keeps the rest pending',
    { timeout: 60_000 },
    async () => {
      await start();
      const room = await privateRoom(['Ana']);
      const [ana, filler] = [room.people[0]!, room.facilitatorSession];
      const ids = Array.from({ length: 40 }, () => draftId());
      for (const [i, id] of ids.entries()) {
        expect(await addDraft(ana.socket, `${i} ${'Long private thought. '.repeat(90)}`, id)).toEqual({ ok: true });
        if (i % 15 === 14) await new Promise((resolve) => setTimeout(resolve, 1100)); // the per-socket command rate
      }
      await fillBoard(room.code, filler, LIMITS.docBytes - 40 * 1024, room.workshopId);

      const reply = await command(room.facilitator, { type: 'drafts.reveal' });
      expect(reply).toMatchObject({ ok: true, notice: expect.stringMatching(/stay private.*board is full/i) });
      const stored = await h.server.rooms.readDoc(room.workshopId, (doc) => ({
        bytes: Y.encodeStateAsUpdate(doc).byteLength,
        revealed: ids.filter((id) => notesMap(doc).has(id)).length,
      }));
      expect(stored.bytes).toBeLessThanOrEqual(LIMITS.docBytes);
      expect(stored.revealed).toBeGreaterThan(0);
      expect(stored.revealed).toBeLessThan(40);
      await eventually(async () => expect(room.pending.count).toBe(40 - stored.revealed));
      await eventually(async () => expect(room.mine.get(ana.participantId)).toHaveLength(40 - stored.revealed));
    },
  );

  it('keeps a draft whose persona was deleted pending (and says so) instead of dropping it', async () => {
    await start();
    const room = await privateRoom(['Ana']);
    const ana = room.people[0]!;
    const facilitatorBoard = h.provider(room.code, (await h.facilitator(room.code, room.facilitatorKey)).token);
    await synced(facilitatorBoard);
    const first = readPersonas(facilitatorBoard.doc)[0]!.id;
    expect(await addDraft(ana.socket, 'About the first persona')).toEqual({ ok: true });
    expect(addPersona(facilitatorBoard.doc, { name: 'Second' }).ok).toBe(true);
    expect(deletePersona(facilitatorBoard.doc, first).ok).toBe(true);
    await eventually(async () =>
      expect((await h.server.rooms.readDoc(room.workshopId, readPersonas)).map((p) => p.name)).toEqual(['Second']),
    );

    const reply = await command(room.facilitator, { type: 'drafts.reveal' });
    expect(reply).toMatchObject({ ok: true, notice: expect.stringMatching(/deleted persona/) });
    await eventually(async () => expect(room.pending.count).toBe(1));
    expect(room.mine.get(ana.participantId)?.map((d) => d.text)).toEqual(['About the first persona']);
  });
});

describe('anonymous reveals', () => {
  it('write notes in a shuffled order, at the reveal time, and the database forgets their authors', async () => {
    await start();
    const names = Array.from({ length: 10 }, (_, i) => `Anon ${i}`);
    const room = await privateRoom(names, { isAnonymous: true });
    const ids: string[] = [];
    for (const person of room.people) {
      const id = draftId();
      ids.push(id);
      expect(await addDraft(person.socket, `Said by ${person.name}`, id)).toEqual({ ok: true });
      await new Promise((resolve) => setTimeout(resolve, 3)); // distinct draft times, in people's order
    }
    const before = Date.now();
    expect(await command(room.facilitator, { type: 'drafts.reveal' })).toEqual({ ok: true });
    const notes = await h.server.rooms.readDoc(room.workshopId, (doc) =>
      ids.map((id) => {
        const map = notesMap(doc).get(id)!;
        // The Yjs item of the note: its clock is the order it was written in.
        const item = (map as unknown as { _item: { id: { clock: number } } })._item;
        return { createdAt: map.get('createdAt') as number, authorName: map.get('authorName'), clock: item.id.clock };
      }),
    );
    expect(notes.every((note) => note.authorName === '')).toBe(true);
    expect(new Set(notes.map((note) => note.createdAt)).size).toBe(1);
    expect(notes[0]!.createdAt).toBeGreaterThanOrEqual(before);
    const writtenOrder = [...notes.keys()].sort((a, b) => notes[a]!.clock - notes[b]!.clock);
    expect(writtenOrder).not.toEqual([...notes.keys()]);

    const authors = sqliteOf(h.server)
      .prepare(`SELECT participant_id AS participantId FROM drafts WHERE id IN (${ids.map(() => '?').join(',')})`)
      .all(...ids) as { participantId: string | null }[];
    expect(authors).toHaveLength(10);
    expect(authors.every((row) => row.participantId === null)).toBe(true);
  });
});

/** Writes 2,000-character notes as `person` until the stored board is about `bytes` large. */
async function fillBoard(code: string, person: { token: string; participantId: string; name: string }, bytes: number, workshopId: string) {
  const provider = h.provider(code, person.token);
  await synced(provider);
  const personaId = readPersonas(provider.doc)[0]!.id;
  const text = 'x'.repeat(LIMITS.noteTextChars);
  let size = Y.encodeStateAsUpdate(provider.doc).byteLength;
  while (size < bytes) {
    const before = Y.encodeStateVector(provider.doc);
    const count = Math.max(1, Math.min(300, Math.floor((bytes - size) / 2200)));
    provider.doc.transact(() => {
      for (let i = 0; i < count; i++) {
        addNote(provider.doc, { personaId, quadrant: 'gains', text, authorId: person.participantId, authorName: person.name });
      }
    });
    size += Y.encodeStateAsUpdate(provider.doc, before).byteLength;
  }
  const notes = readNotes(provider.doc).length;
  await eventually(async () => expect((await h.server.rooms.readDoc(workshopId, readNotes)).length).toBe(notes));
  provider.destroy();
}
