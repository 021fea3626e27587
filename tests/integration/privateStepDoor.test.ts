import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, addQuestion, readActions, readQuestions } from '../../lib/actions';
import { addNote, readNotes, readPersonas } from '../../lib/board';
import { BOARD_NOTICE_MESSAGE, readBoardNotice, type BoardNotice } from '../../lib/boardNotices';
import { addJourneyStep } from '../../lib/journey';
import { RawYjsClient } from '../../reliability/RawYjsClient';
import { Harness, command, eventually, facilitatedRoom, synced } from './harness';

/**
 * Black-box, as a participant who skips the app: hand-built Yjs updates sent as raw frames on
 * their own token. During a private or anonymous step a new journey note, question, action (or
 * map note) from a participant's socket would be signed and on every screen at once; the server
 * refuses it in band (`private-step`) and stores nothing. The same bytes are accepted once the
 * step is an open one, so the refusal is the step's rule and nothing else.
 */

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.start();
});
afterEach(() => h.close());

let nextClient = 0x6100_0001;

async function room(patch: Record<string, unknown>) {
  const r = await facilitatedRoom(h, ['Mallory']);
  const facilitatorBoard = h.provider(r.code, r.facilitatorSession.token);
  await synced(facilitatorBoard);
  const personaId = readPersonas(facilitatorBoard.doc)[0]!.id;
  const step = addJourneyStep(facilitatorBoard.doc, { personaId, title: 'Pays' });
  if (!step.ok) throw new Error(step.error);
  const workshopId = (await h.server.storage.workshops.byCode(r.code))!.id;
  await eventually(async () => expect(await h.server.rooms.readDoc(workshopId, (doc) => doc.getMap('journeySteps').size)).toBe(1));
  await command(r.facilitator, { type: 'step.update', stepId: 'q_sees', patch });
  expect(await command(r.facilitator, { type: 'step.goto', stepId: 'q_sees' })).toEqual({ ok: true });
  const mallory = r.people[0]!;
  await eventually(async () => expect(mallory.view.latest?.state.currentStepId).toBe('q_sees'));
  return { ...r, facilitatorBoard, personaId, journeyStepId: step.value.id, workshopId, mallory };
}

type Room = Awaited<ReturnType<typeof room>>;

/** One change as Mallory's own client would send it: a copy of the server's doc under a fresh client id. */
async function crafted(r: Room, edit: (doc: Y.Doc) => void): Promise<Uint8Array> {
  const doc = new Y.Doc();
  doc.clientID = nextClient++;
  Y.applyUpdate(doc, await h.server.rooms.readDoc(r.workshopId, (server) => Y.encodeStateAsUpdate(server)));
  const before = Y.encodeStateVector(doc);
  doc.transact(() => edit(doc));
  return Y.encodeStateAsUpdate(doc, before);
}

async function rawSocket(r: Room): Promise<RawYjsClient> {
  const raw = await RawYjsClient.open(`${h.server.url.replace('http', 'ws')}/yjs/${r.code}?token=${r.mallory.token}`);
  h.onClose(() => raw.close());
  await raw.barrier();
  return raw;
}

function refusals(raw: RawYjsClient): BoardNotice[] {
  return raw
    .messagesOfType(BOARD_NOTICE_MESSAGE)
    .map((message) => {
      const decoder = decoding.createDecoder(message.payload);
      decoding.readVarUint(decoder);
      return readBoardNotice(decoder);
    })
    .filter((notice): notice is BoardNotice => notice?.kind === 'refused');
}

const stored = async (r: Room) =>
  await h.server.rooms.readDoc(r.workshopId, (doc) => ({
    notes: readNotes(doc).map((note) => note.text),
    questions: readQuestions(doc).map((question) => question.text),
    actions: readActions(doc).map((action) => action.text),
  }));

const KINDS = {
  'a journey note': (r: Room) => (doc: Y.Doc) =>
    addNote(doc, {
      personaId: r.personaId,
      quadrant: 'sees',
      journeyStepId: r.journeyStepId,
      text: 'Signed journey note',
      authorId: r.mallory.participantId,
      authorName: 'Mallory',
    }),
  'a question': (r: Room) => (doc: Y.Doc) => addQuestion(doc, { personaId: r.personaId, text: 'Signed question' }),
  'an action': (r: Room) => (doc: Y.Doc) => addAction(doc, { personaId: r.personaId, text: 'Signed action' }),
  'a map note': (r: Room) => (doc: Y.Doc) =>
    addNote(doc, {
      personaId: r.personaId,
      quadrant: 'sees',
      text: 'Signed map note',
      authorId: r.mallory.participantId,
      authorName: 'Mallory',
    }),
} as const;

const ROOTS = { 'a journey note': 'notes', 'a question': 'questions', 'an action': 'actions', 'a map note': 'notes' } as const;

describe.each([
  ['a private step', { isPrivate: true, isAnonymous: false }],
  ['an anonymous step', { isPrivate: false, isAnonymous: true }],
])('in %s, raw frames on a participant token', (_name, patch) => {
  it.each(Object.keys(KINDS) as (keyof typeof KINDS)[])('creating %s is refused in band and not stored', async (kind) => {
    const r = await room(patch);
    const raw = await rawSocket(r);
    const update = await crafted(r, KINDS[kind](r));
    raw.sendUpdate(update);
    await raw.barrier();
    expect(refusals(raw)).toEqual([
      { kind: 'refused', refusals: [expect.objectContaining({ reason: 'private-step', root: ROOTS[kind], field: null })] },
    ]);
    expect(raw.closeCode).toBeNull(); // in band: the socket stays open
    expect(await stored(r)).toEqual({ notes: [], questions: [], actions: [] });
    // A fresh client gets nothing of it either.
    const fresh = h.provider(r.code, r.facilitatorSession.token);
    await synced(fresh);
    expect([readNotes(fresh.doc).length, readQuestions(fresh.doc).length, readActions(fresh.doc).length]).toEqual([0, 0, 0]);

    // The same bytes in an open step go through: the refusal is the step's rule.
    expect(await command(r.facilitator, { type: 'step.goto', stepId: 'journey' })).toEqual({ ok: true });
    await eventually(async () => expect(r.mallory.view.latest?.state.currentStepId).toBe('journey'));
    raw.sendUpdate(update);
    await raw.barrier();
    const after = await stored(r);
    expect([...after.notes, ...after.questions, ...after.actions]).toHaveLength(1);
  });
});

describe('during a private step, a participant still', () => {
  it('edits what is on the board: only new notes, questions and actions are drafts', async () => {
    const r = await room({ isPrivate: true });
    const question = addQuestion(r.facilitatorBoard.doc, { personaId: r.personaId, text: 'Open question' });
    if (!question.ok) throw new Error(question.error);
    await eventually(async () => expect((await stored(r)).questions).toEqual(['Open question']));
    const raw = await rawSocket(r);
    raw.sendUpdate(
      await crafted(r, (doc) => doc.getMap<Y.Map<unknown>>('questions').get(question.value.id)!.set('text', 'Sharper question')),
    );
    await raw.barrier();
    expect(refusals(raw)).toEqual([]);
    expect((await stored(r)).questions).toEqual(['Sharper question']);
  });
});
