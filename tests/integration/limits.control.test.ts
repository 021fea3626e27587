import { afterEach, describe, expect, it, vi } from 'vitest';
import { addNote, readPersonas } from '../../lib/board';
import { Harness, command, facilitatedRoom, synced, watchRoster, eventually } from './harness';
import { RawSocket } from './rawSocket';

let h: Harness;
afterEach(() => h.close());

async function start(limits: Record<string, number> = {}) {
  h = new Harness();
  await h.start({ limits });
}

describe('joining a workshop', () => {
  it(
    'admits 60 people to one workshop: each gets the whole roster once, everyone else one entry per change',
    { timeout: 60_000 },
    async () => {
      await start();
      const created = await h.createWorkshop();
      const presenter = h.control(created.code, (await h.facilitator(created.code, created.facilitatorKey)).token);
      const roster = watchRoster(presenter);
      await eventually(async () => expect(roster.fullLists).toBe(1));
      const people = await Promise.all(
        Array.from({ length: 60 }, async (_, i) => {
          const joined = await h.join(created.code, `Person ${i}`);
          const socket = h.control(created.code, joined.token);
          return { ...joined, socket, roster: watchRoster(socket) };
        }),
      );
      await eventually(async () => expect(roster.entries.filter((e) => e.role === 'participant' && e.isOnline)).toHaveLength(60));
      await eventually(async () => expect(people.every((p) => p.roster.entries.filter((e) => e.isOnline).length === 61)).toBe(true));
      expect(roster.fullLists).toBe(1);
      expect(roster.updates).toBe(60);
      expect(people.every((p) => p.roster.fullLists === 1)).toBe(true);

      people[0]!.socket.close();
      await eventually(async () => expect(roster.entries.find((e) => e.participantId === people[0]!.participantId)?.isOnline).toBe(false));
      await eventually(async () => expect(people[59]!.roster.entries.filter((e) => e.isOnline)).toHaveLength(60));
      expect(roster.fullLists).toBe(1);
    },
  );

  it('refuses joins past the participants cap (409) and past the join rate (429 with Retry-After)', async () => {
    await start({ participantsPerWorkshop: 4, joinsPerWorkshopPerMinute: 100 });
    const full = await h.createWorkshop('Full');
    for (let i = 0; i < 4; i++) await h.join(full.code, `P${i}`);
    const refused = await h.post(`/api/workshops/${full.code}/participants`, { name: 'Fifth' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ error: expect.stringMatching(/full/) });
    // The facilitator is not a participant and still gets in.
    await h.facilitator(full.code, full.facilitatorKey);
    await h.close();

    await start({ participantsPerWorkshop: 100, joinsPerWorkshopPerMinute: 3 });
    const busy = await h.createWorkshop('Busy');
    const other = await h.createWorkshop('Other');
    for (let i = 0; i < 3; i++) await h.join(busy.code, `P${i}`);
    const slow = await h.post(`/api/workshops/${busy.code}/participants`, { name: 'Fourth' });
    expect(slow.status).toBe(429);
    expect(Number(slow.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await slow.json()).toEqual({ error: expect.stringMatching(/Try again in \d+ seconds/) });
    await h.join(other.code, 'Elsewhere'); // the rate is per workshop
  });
});

describe('control connections', () => {
  it("closes a participant's oldest control socket past the cap; other people are not counted", async () => {
    await start({ connectionsPerParticipant: 2 });
    const room = await facilitatedRoom(h, ['Ana', 'Ben']);
    const ana = room.people[0]!;
    const second = h.control(room.code, ana.token);
    await eventually(async () => expect(second.connected).toBe(true));
    const third = h.control(room.code, ana.token);
    await eventually(async () => expect(third.connected).toBe(true));
    await eventually(async () => expect(ana.socket.connected).toBe(false));
    expect(second.connected).toBe(true);
    expect(room.people[1]!.socket.connected).toBe(true);
    expect(await command(third, { type: 'participant.done', isDone: true })).toEqual({ ok: true });
  });

  it("drops a removed participant's control socket at once, even one that never answers the close", async () => {
    await start();
    const room = await facilitatedRoom(h, ['Ana']);
    const mallory = await h.join(room.code, 'Mallory');
    const raw = await RawSocket.open(h.server.url, '/socket.io/?EIO=4&transport=websocket');
    h.onClose(() => raw.destroy());
    await eventually(async () => expect(raw.frames.some((f) => f.payload.toString().startsWith('0{'))).toBe(true));
    raw.sendText(`40${JSON.stringify({ code: room.code, token: mallory.token })}`);
    await eventually(async () => expect(raw.frames.some((f) => f.payload.toString().startsWith('42["session"'))).toBe(true));

    expect(await command(room.facilitator, { type: 'participant.kick', participantId: mallory.participantId })).toEqual({ ok: true });
    await eventually(async () => expect(raw.frames.some((f) => f.payload.toString().includes('session:ended'))).toBe(true));
    await eventually(async () => expect(raw.isEnded).toBe(true), { timeout: 5_000 });
  });
});

describe('commands on a workshop nobody has open', () => {
  it('load the board once for a run of commands, and never compact it per command', async () => {
    await start();
    const room = await facilitatedRoom(h, ['Ana']);
    const ana = room.people[0]!;
    const writer = h.provider(room.code, ana.token);
    await synced(writer);
    const personaId = readPersonas(writer.doc)[0]!.id;
    const noteIds: string[] = [];
    writer.doc.transact(() => {
      for (let i = 0; i < 30; i++) {
        const added = addNote(writer.doc, { personaId, quadrant: 'pains', text: `n${i}`, authorId: ana.participantId, authorName: 'Ana' });
        if (added.ok) noteIds.push(added.value.id);
      }
    });
    const workshopId = (await h.server.storage.workshops.byCode(room.code))!.id;
    await eventually(async () => expect(await h.server.storage.docs.updateCount(workshopId)).toBeGreaterThan(0));
    writer.destroy();
    await eventually(async () => expect(h.server.rooms.get(workshopId)).toBeUndefined());

    const loads = vi.spyOn(h.server.storage.docs, 'load');
    const compactions = vi.spyOn(h.server.storage.docs, 'compact');
    expect(await command(room.facilitator, { type: 'vote.open', quadrant: 'pains', budget: 10, allowMultiplePerNote: true })).toEqual({
      ok: true,
    });
    for (const noteId of noteIds.slice(0, 10))
      expect(await command(ana.socket, { type: 'vote.cast', noteId, delta: 1 })).toEqual({ ok: true });
    await command(room.facilitator, { type: 'step.goto', stepId: 'q_sees' });
    for (let i = 0; i < 5; i++) {
      await command(ana.socket, { type: 'draft.add', draftId: `draft0000000000${i}`, quadrant: 'sees', text: `Private ${i}` });
      expect(await command(room.facilitator, { type: 'drafts.reveal' })).toEqual({ ok: true });
    }
    expect(loads.mock.calls.length).toBeLessThanOrEqual(1);
    expect(compactions).not.toHaveBeenCalled();
  });
});
