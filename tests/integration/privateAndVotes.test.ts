import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { addNote, readNotes, readPersonas } from '../../lib/board';
import type { DraftView, MyVotes } from '../../lib/session/drafts';
import { Harness, command, facilitatedRoom, synced } from './harness';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.start();
});
afterEach(() => h.close());

async function room() {
  const { people, ...rest } = await facilitatedRoom(h, ['Ana', 'Ben']);
  const [ana, ben] = [people[0]!, people[1]!];
  return { ...rest, ana, ben, anaSocket: ana.socket, benSocket: ben.socket };
}

/** Every byte another participant's browser receives: control events and raw Yjs frames. */
function eavesdrop(h: Harness, code: string, token: string, socket: ReturnType<Harness['control']>) {
  const seen: string[] = [];
  socket.onAny((event, ...args) => seen.push(`${event} ${JSON.stringify(args)}`));
  const ws = new WebSocket(`${h.server.url.replace('http', 'ws')}/yjs/${code}?token=${token}`);
  ws.on('message', (data) => seen.push(Buffer.from(data as Buffer).toString('latin1')));
  ws.on('error', () => undefined);
  h.onClose(() => ws.close());
  return { seen, opened: new Promise((resolve) => ws.on('open', resolve)) };
}

describe('private writing and reveal', () => {
  it('sends a private note to nobody but its author until the reveal', async () => {
    const { code, facilitator, session, ana, ben, anaSocket, benSocket } = await room();
    await command(facilitator, { type: 'step.goto', stepId: 'q_sees' });
    await vi.waitFor(async () => expect(session.latest!.state.currentStepId).toBe('q_sees'));
    const benEars = eavesdrop(h, code, ben.token, benSocket);
    await benEars.opened;
    let anaDrafts: DraftView[] = [];
    anaSocket.on('drafts:mine', (drafts) => (anaDrafts = drafts));
    let pending = 0;
    facilitator.on('drafts:pending', (count) => (pending = count));

    const secret = 'Secretly worries about money';
    expect(await command(anaSocket, { type: 'draft.add', draftId: 'draft00000000001', quadrant: 'sees', text: secret })).toEqual({
      ok: true,
    });
    await vi.waitFor(async () => expect(anaDrafts.map((d) => d.text)).toEqual([secret]));
    await vi.waitFor(async () => expect(pending).toBe(1));
    expect(await command(anaSocket, { type: 'draft.edit', draftId: 'draft00000000001', text: `${secret}!` })).toEqual({ ok: true });
    expect(await command(benSocket, { type: 'draft.edit', draftId: 'draft00000000001', text: 'hijack' })).toMatchObject({ ok: false });
    expect(await command(benSocket, { type: 'drafts.reveal' })).toMatchObject({ ok: false });
    const watcher = h.provider(code, ben.token);
    await synced(watcher);
    expect(readNotes(watcher.doc)).toEqual([]);
    expect(benEars.seen.some((frame) => frame.includes('Secretly'))).toBe(false);

    expect(await command(facilitator, { type: 'drafts.reveal' })).toEqual({ ok: true });
    await vi.waitFor(async () =>
      expect(readNotes(watcher.doc).map((n) => [n.text, n.authorName, n.authorId])).toEqual([[`${secret}!`, 'Ana', ana.participantId]]),
    );
    await vi.waitFor(async () => expect(anaDrafts).toEqual([]));
    expect(pending).toBe(0);
    // A second reveal has nothing to add: the note is written once.
    await command(facilitator, { type: 'drafts.reveal' });
    expect(readNotes(watcher.doc)).toHaveLength(1);
  });

  it('an anonymous step publishes notes without the author name or a linkable id, in batches of three people', async () => {
    const { code, facilitator, session, people } = await facilitatedRoom(h, ['Ana', 'Ben', 'Cleo']);
    await command(facilitator, { type: 'step.update', stepId: 'q_hears', patch: { isAnonymous: true, isPrivate: false } });
    await command(facilitator, { type: 'step.goto', stepId: 'q_hears' });
    await vi.waitFor(async () => expect(session.latest!.state.currentStepId).toBe('q_hears'));
    const reader = h.provider(code, people[0]!.token);
    await synced(reader);
    const say = (i: number, text: string) =>
      command(people[i]!.socket, { type: 'draft.add', draftId: `draft000000000${i}${text.length % 10}`, quadrant: 'hears', text });
    expect(await say(0, 'My boss says no')).toEqual({ ok: true });
    expect(await say(1, 'Friends say it is too dear')).toEqual({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(readNotes(reader.doc)).toEqual([]); // two people: it would show who wrote which by who just tapped
    expect(await say(2, 'Reviews say queues')).toEqual({ ok: true });
    await vi.waitFor(async () => expect(readNotes(reader.doc)).toHaveLength(3));
    const notes = readNotes(reader.doc);
    expect(notes.every((note) => note.authorName === '')).toBe(true);
    expect(new Set(notes.map((note) => note.createdAt)).size).toBe(1);
    for (const person of people) expect(notes.some((note) => note.authorId === person.participantId)).toBe(false);
  });
});

describe('dot voting', () => {
  it('enforces budget, one dot per note, blind tallies and closed rounds on the server', async () => {
    const { code, facilitator, session, ana, anaSocket, benSocket } = await room();
    const writer = h.provider(code, ana.token);
    await synced(writer);
    const personaId = readPersonas(writer.doc)[0]!.id;
    const ids = ['Parking', 'Price', 'Queues'].map((text) => {
      const added = addNote(writer.doc, { personaId, quadrant: 'pains', text, authorId: ana.participantId, authorName: 'Ana' });
      if (!added.ok) throw new Error(added.error);
      return added.value.id;
    });
    const workshopId = (await h.server.storage.workshops.byCode(code))!.id;
    await vi.waitFor(async () => expect(await h.server.rooms.readDoc(workshopId, readNotes)).toHaveLength(3));

    expect(await command(anaSocket, { type: 'vote.open' })).toMatchObject({ ok: false });
    expect(await command(anaSocket, { type: 'vote.cast', noteId: ids[0]!, delta: 1 })).toEqual({ ok: false, error: 'Voting is closed.' });
    expect(await command(facilitator, { type: 'vote.open', quadrant: 'pains', budget: 2 })).toEqual({ ok: true });
    await vi.waitFor(async () => expect(session.latest!.state.vote?.status).toBe('open'));

    let mine: MyVotes | null = null;
    anaSocket.on('votes:mine', (votes) => (mine = votes));
    expect(await command(anaSocket, { type: 'vote.cast', noteId: ids[0]!, delta: 1 })).toEqual({ ok: true });
    expect(await command(anaSocket, { type: 'vote.cast', noteId: ids[0]!, delta: 1 })).toEqual({
      ok: false,
      error: 'One dot per note in this round.',
    });
    expect(await command(anaSocket, { type: 'vote.cast', noteId: ids[1]!, delta: 1 })).toEqual({ ok: true });
    expect(await command(anaSocket, { type: 'vote.cast', noteId: ids[2]!, delta: 1 })).toEqual({
      ok: false,
      error: 'You have used all 2 dots.',
    });
    await vi.waitFor(async () => expect(mine).toMatchObject({ remaining: 0, dots: { [ids[0]!]: 1, [ids[1]!]: 1 } }));
    expect(await command(benSocket, { type: 'vote.cast', noteId: ids[1]!, delta: 1 })).toEqual({ ok: true });
    expect(await command(benSocket, { type: 'vote.cast', noteId: ids[2]!, delta: -1 })).toEqual({
      ok: false,
      error: 'You have no dot on that note.',
    });
    expect(session.latest!.state.vote?.results).toBeNull(); // blind while open

    expect(await command(facilitator, { type: 'vote.close' })).toEqual({ ok: true });
    await vi.waitFor(async () => expect(session.latest!.state.vote?.results).toEqual({ [ids[0]!]: 1, [ids[1]!]: 2 }));
    expect(await command(benSocket, { type: 'vote.cast', noteId: ids[2]!, delta: 1 })).toEqual({ ok: false, error: 'Voting is closed.' });
  });
});
