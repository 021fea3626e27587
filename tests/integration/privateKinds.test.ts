import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { actionsMap, addAction, addQuestion, questionsMap, readActions, readQuestions } from '../../lib/actions';
import { notesMap, readNotes, readPersonas } from '../../lib/board';
import { addJourneyStep } from '../../lib/journey';
import type { DraftView } from '../../lib/session/drafts';
import { Harness, command, eventually, facilitatedRoom, synced, sqliteOf } from './harness';

/**
 * Private and anonymous steps cover every kind a participant writes (issue #10): a note on a
 * journey step, an open question and an action are drafts only their author sees until the
 * reveal, which writes them in the same single change as the notes; anonymous ones carry no
 * author, take the reveal's time and a shuffled order, and the database forgets their author.
 */

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.start();
});
afterEach(() => h.close());

let counter = 0;
const draftId = () => `k${String(++counter).padStart(15, '0')}`;

/** A room with a journey step on its first persona, moved to a private step (`q_sees`). */
async function privateRoom(names: string[], patch: Record<string, unknown> = {}) {
  const room = await facilitatedRoom(h, names);
  const board = h.provider(room.code, room.facilitatorSession.token);
  await synced(board);
  const personaId = readPersonas(board.doc)[0]!.id;
  const step = addJourneyStep(board.doc, { personaId, title: 'Orders at the counter' });
  if (!step.ok) throw new Error(step.error);
  const workshopId = (await h.server.storage.workshops.byCode(room.code))!.id;
  await eventually(async () => expect(await h.server.rooms.readDoc(workshopId, (doc) => doc.getMap('journeySteps').size)).toBe(1));
  await command(room.facilitator, { type: 'step.update', stepId: 'q_sees', patch });
  expect(await command(room.facilitator, { type: 'step.goto', stepId: 'q_sees' })).toEqual({ ok: true });
  await eventually(async () => expect(room.people.every((p) => p.view.latest?.state.currentStepId === 'q_sees')).toBe(true));
  const mine = new Map<string, DraftView[]>();
  for (const person of room.people) person.socket.on('drafts:mine', (drafts) => mine.set(person.participantId, drafts));
  return { ...room, board, personaId, journeyStepId: step.value.id, workshopId, mine };
}

type Socket = Parameters<typeof command>[0];
const addKinds = (
  socket: Socket,
  r: { personaId: string; journeyStepId: string },
  label: string,
  ids = [draftId(), draftId(), draftId()],
) =>
  Promise.all([
    command(socket, { type: 'draft.add', draftId: ids[0], kind: 'journeyNote', journeyStepId: r.journeyStepId, text: `${label} journey` }),
    command(socket, { type: 'draft.add', draftId: ids[1], kind: 'question', personaId: r.personaId, text: `${label} question` }),
    command(socket, { type: 'draft.add', draftId: ids[2], kind: 'action', personaId: r.personaId, text: `${label} action` }),
  ]);

/** Every byte a browser of this participant receives on the board's socket. */
function eavesdrop(code: string, token: string): { seen: string[]; opened: Promise<unknown> } {
  const seen: string[] = [];
  const ws = new WebSocket(`${h.server.url.replace('http', 'ws')}/yjs/${code}?token=${token}`);
  ws.on('message', (data) => seen.push(Buffer.from(data as Buffer).toString('latin1')));
  ws.on('error', () => undefined);
  h.onClose(() => ws.close());
  return { seen, opened: new Promise((resolve) => ws.on('open', resolve)) };
}

describe('private steps: journey notes, questions and actions are drafts', () => {
  it('only their author sees them (and may edit or delete them) until the reveal writes them all in one change', async () => {
    const r = await privateRoom(['Ana', 'Ben']);
    const [ana, ben] = [r.people[0]!, r.people[1]!];
    const benEars = eavesdrop(r.code, ben.token);
    await benEars.opened;
    const benBoard = h.provider(r.code, ben.token);
    await synced(benBoard);

    const ids = [draftId(), draftId(), draftId()];
    expect(await addKinds(ana.socket, r, 'Ana secret', ids)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(await command(ana.socket, { type: 'draft.add', draftId: draftId(), quadrant: 'sees', text: 'Ana secret note' })).toEqual({
      ok: true,
    });
    await eventually(async () =>
      expect(new Map((r.mine.get(ana.participantId) ?? []).map((d) => [d.kind, d]))).toEqual(
        new Map([
          ['journeyNote', expect.objectContaining({ journeyStepId: r.journeyStepId, personaId: r.personaId, text: 'Ana secret journey' })],
          ['question', expect.objectContaining({ quadrant: null, personaId: r.personaId, text: 'Ana secret question' })],
          ['action', expect.objectContaining({ quadrant: null, personaId: r.personaId, text: 'Ana secret action' })],
          ['note', expect.objectContaining({ quadrant: 'sees', text: 'Ana secret note' })],
        ]),
      ),
    );
    // Editing: the author only, within what the record holds on the board (a question: 500 characters).
    expect(await command(ana.socket, { type: 'draft.edit', draftId: ids[1], text: 'Ana secret question, edited' })).toEqual({ ok: true });
    expect(await command(ana.socket, { type: 'draft.edit', draftId: ids[1], text: 'q'.repeat(501) })).toMatchObject({ ok: false });
    expect(await command(ben.socket, { type: 'draft.edit', draftId: ids[2], text: 'hijacked' })).toMatchObject({ ok: false });
    expect(await command(ben.socket, { type: 'draft.delete', draftId: ids[2] })).toMatchObject({ ok: false });
    // Nothing of it reached Ben: not his doc, not a byte on his socket.
    const benSees = () => ({
      notes: readNotes(benBoard.doc).length,
      questions: readQuestions(benBoard.doc).length,
      actions: readActions(benBoard.doc).length,
    });
    expect(benSees()).toEqual({ notes: 0, questions: 0, actions: 0 });
    expect(benEars.seen.some((frame) => frame.includes('Ana secret'))).toBe(false);
    expect(await h.server.rooms.readDoc(r.workshopId, (doc) => [notesMap(doc).size, questionsMap(doc).size, actionsMap(doc).size])).toEqual(
      [0, 0, 0],
    );

    const updates: number[] = [];
    benBoard.doc.on('update', (_update: Uint8Array, origin: unknown) => origin === benBoard && updates.push(1));
    expect(await command(r.facilitator, { type: 'drafts.reveal' })).toEqual({ ok: true });
    await eventually(async () => expect(benSees()).toEqual({ notes: 2, questions: 1, actions: 1 }));
    expect(updates).toHaveLength(1); // notes, journey note, question and action: one change
    const journeyNote = readNotes(benBoard.doc).find((note) => note.journeyStepId === r.journeyStepId)!;
    expect(journeyNote).toMatchObject({
      text: 'Ana secret journey',
      authorId: ana.participantId,
      authorName: 'Ana',
      personaId: r.personaId,
    });
    expect(readQuestions(benBoard.doc)).toEqual([expect.objectContaining({ id: ids[1], text: 'Ana secret question, edited' })]);
    // An action's owner is picked on the board after the reveal, never filled in with its writer.
    expect(readActions(benBoard.doc)).toEqual([
      expect.objectContaining({ id: ids[2], text: 'Ana secret action', ownerParticipantId: null, ownerName: '', isDone: false }),
    ]);
    await eventually(async () => expect(r.mine.get(ana.participantId)).toEqual([]));
    // A second reveal writes nothing twice.
    await command(r.facilitator, { type: 'drafts.reveal' });
    expect(benSees()).toEqual({ notes: 2, questions: 1, actions: 1 });
  });

  it('counts every kind against the drafts caps, and keeps a journey note whose step was deleted pending', async () => {
    await h.restart({ limits: { draftsPerParticipant: 3 } });
    const r = await privateRoom(['Ana']);
    const ana = r.people[0]!;
    expect(await addKinds(ana.socket, r, 'Ana')).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(await command(ana.socket, { type: 'draft.add', draftId: draftId(), quadrant: 'sees', text: 'One too many' })).toMatchObject({
      ok: false,
      status: 409,
    });
    // A draft for a step or persona that is gone is refused up front.
    expect(
      await command(ana.socket, { type: 'draft.add', draftId: draftId(), kind: 'question', personaId: 'nopersona0000000', text: 'x' }),
    ).toMatchObject({ ok: false });

    r.board.doc.transact(() => r.board.doc.getMap('journeySteps').delete(r.journeyStepId));
    await eventually(async () => expect(await h.server.rooms.readDoc(r.workshopId, (doc) => doc.getMap('journeySteps').size)).toBe(0));
    const reply = await command(r.facilitator, { type: 'drafts.reveal' });
    expect(reply).toMatchObject({ ok: true, notice: expect.stringMatching(/1 private note belong.*journey step/) });
    await eventually(async () => expect(r.mine.get(ana.participantId)?.map((d) => d.kind)).toEqual(['journeyNote']));
    expect(await h.server.rooms.readDoc(r.workshopId, (doc) => [readQuestions(doc).length, readActions(doc).length])).toEqual([1, 1]);
  });
});

describe('the reveal stays linear', () => {
  it('reads the board once for 60 drafts of every kind, not once per draft', async () => {
    const r = await privateRoom(['Ana', 'Ben', 'Cy']);
    for (const person of r.people) {
      for (let i = 0; i < 6; i++)
        expect(await addKinds(person.socket, r, `${person.name} ${i}`)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
      await command(person.socket, { type: 'draft.add', draftId: draftId(), quadrant: 'sees', text: `${person.name} note` });
    }
    // Every walk of a record map: Y.Map's size and values() each visit every entry (the spies pass through).
    const size = vi.spyOn(Y.Map.prototype, 'size', 'get');
    const values = vi.spyOn(Y.Map.prototype, 'values');
    let walks = 0;
    try {
      expect(await command(r.facilitator, { type: 'drafts.reveal' })).toEqual({ ok: true });
      walks = size.mock.calls.length + values.mock.calls.length;
    } finally {
      size.mockRestore();
      values.mockRestore();
    }
    const counts = await h.server.rooms.readDoc(r.workshopId, (doc) => [
      readNotes(doc).length,
      readQuestions(doc).length,
      readActions(doc).length,
    ]);
    expect(counts).toEqual([21, 18, 18]);
    expect(walks).toBeLessThan(12); // one per root (and the room's own bookkeeping), not 60
  });
});

describe('anonymous steps: journey notes, questions and actions', () => {
  it('are written without author, at the reveal time, shuffled, and the database forgets who wrote them', async () => {
    const names = Array.from({ length: 10 }, (_, i) => `Anon ${i}`);
    const r = await privateRoom(names, { isAnonymous: true });
    const questionIds: string[] = [];
    const all: string[] = [];
    for (const person of r.people) {
      const ids = [draftId(), draftId(), draftId()];
      questionIds.push(ids[1]!);
      all.push(...ids);
      expect(await addKinds(person.socket, r, `By ${person.name}`, ids)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
      await new Promise((resolve) => setTimeout(resolve, 3)); // distinct draft times, in people's order
    }
    const before = Date.now();
    expect(await command(r.facilitator, { type: 'drafts.reveal' })).toEqual({ ok: true });
    const board = await h.server.rooms.readDoc(r.workshopId, (doc) => ({
      journey: readNotes(doc).filter((note) => note.journeyStepId === r.journeyStepId),
      questions: readQuestions(doc),
      actions: readActions(doc),
    }));
    expect(board.journey).toHaveLength(10);
    const participantIds = new Set(r.people.map((p) => p.participantId));
    for (const note of board.journey) {
      expect(note.authorName).toBe('');
      expect(participantIds.has(note.authorId)).toBe(false);
    }
    expect(new Set(board.journey.map((note) => note.authorId)).size).toBe(10); // unlinkable to each other too
    const times = [...board.journey, ...board.questions, ...board.actions].map((record) => record.createdAt);
    expect(new Set(times).size).toBe(1);
    expect(times[0]).toBeGreaterThanOrEqual(before);
    for (const action of board.actions) expect(action).toMatchObject({ ownerParticipantId: null, ownerName: '' });
    // The plan's order is not the order people wrote in.
    const shownOrder = board.questions.map((question) => questionIds.indexOf(question.id));
    expect(shownOrder).toHaveLength(10);
    expect(shownOrder).not.toEqual([...shownOrder].sort((a, b) => a - b));

    const rows = sqliteOf(h.server)
      .prepare(`SELECT participant_id AS participantId, kind FROM drafts WHERE id IN (${all.map(() => '?').join(',')})`)
      .all(...all) as { participantId: string | null; kind: string }[];
    expect(rows).toHaveLength(30);
    expect(rows.every((row) => row.participantId === null)).toBe(true);
    expect(new Set(rows.map((row) => row.kind))).toEqual(new Set(['journeyNote', 'question', 'action']));
  });

  it('anonymous but not private: published without author, in a batch once three people wrote', async () => {
    const r = await privateRoom(['Ana', 'Ben', 'Cleo'], { isAnonymous: true, isPrivate: false });
    const [ana, ben, cleo] = r.people as [(typeof r.people)[number], (typeof r.people)[number], (typeof r.people)[number]];
    const reader = h.provider(r.code, ana.token);
    await synced(reader);
    // Two people's notes wait: whoever watches the board cannot pin a note on who just tapped.
    for (const [person, label] of [
      [ana, 'Ana'],
      [ben, 'Ben'],
    ] as const) {
      expect(await addKinds(person.socket, r, label)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([readQuestions(reader.doc).length, readActions(reader.doc).length, readNotes(reader.doc).length]).toEqual([0, 0, 0]);
    // A third person's question completes the batch: everything waiting goes up at once.
    expect(
      await command(cleo.socket, {
        type: 'draft.add',
        draftId: draftId(),
        kind: 'question',
        personaId: r.personaId,
        text: 'Cleo question',
      }),
    ).toEqual({
      ok: true,
    });
    await eventually(async () => expect(readQuestions(reader.doc)).toHaveLength(3));
    expect(readActions(reader.doc).map((a) => a.ownerParticipantId)).toEqual([null, null]);
    const notes = readNotes(reader.doc);
    expect(notes.map((note) => note.text).sort()).toEqual(['Ana journey', 'Ben journey']);
    expect(notes.every((note) => note.authorName === '' && note.journeyStepId === r.journeyStepId)).toBe(true);
    // One time for the whole batch, and ids that link to nobody (nor to each other).
    expect(new Set([...notes.map((note) => note.createdAt)]).size).toBe(1);
    const authorIds = new Set(notes.map((note) => note.authorId));
    expect(authorIds.size).toBe(2);
    for (const person of r.people) expect(authorIds.has(person.participantId)).toBe(false);
    const rows = sqliteOf(h.server).prepare('SELECT participant_id AS p FROM drafts').all() as { p: string | null }[];
    expect(rows.every((row) => row.p === null)).toBe(true);
  });
});

describe('the facilitator is never restricted', () => {
  it('writes questions and actions straight onto the board during a private step', async () => {
    const r = await privateRoom(['Ana']);
    expect(addQuestion(r.board.doc, { personaId: r.personaId, text: 'Asked by the facilitator' }).ok).toBe(true);
    expect(addAction(r.board.doc, { personaId: r.personaId, text: 'Done by the facilitator' }).ok).toBe(true);
    await eventually(async () =>
      expect(await h.server.rooms.readDoc(r.workshopId, (doc) => [readQuestions(doc).length, readActions(doc).length])).toEqual([1, 1]),
    );
  });
});
