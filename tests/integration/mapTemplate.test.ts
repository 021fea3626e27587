import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addNote, readNotes, readPersonas, readQuadrants } from '../../lib/board';
import { CLASSIC_QUADRANTS, SIX_QUADRANTS } from '../../lib/quadrants';
import type { SessionState } from '../../lib/session/state';
import { Harness, command, facilitatedRoom, synced } from './harness';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.start();
});
afterEach(() => h.close());

const quadrantSteps = (state: SessionState | undefined) =>
  state?.agenda.filter((step) => step.kind === 'quadrant').map((step) => step.quadrant) ?? [];

describe('the empathy map template over the control plane', () => {
  it('a workshop created with the classic four starts with that map and agenda', async () => {
    const res = await h.post('/api/workshops', { title: 'Classic', template: 'classic' });
    expect(res.status).toBe(201);
    const { code, facilitatorKey } = (await res.json()) as { code: string; facilitatorKey: string };
    const facilitator = await h.facilitator(code, facilitatorKey);
    const provider = h.provider(code, facilitator.token);
    await synced(provider);
    expect(readQuadrants(provider.doc).map((q) => q.title)).toEqual(['Says', 'Thinks', 'Does', 'Feels']);
    const socket = h.control(code, facilitator.token);
    const state = await new Promise<SessionState>((resolve) => socket.once('session', (b) => resolve(b.state)));
    expect(quadrantSteps(state)).toEqual(['says', 'thinks', 'does', 'feels']);
  });

  it('refuses an unknown template at creation with a clear reason', async () => {
    const res = await h.post('/api/workshops', { title: 'Odd', template: 'nine' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/template/i);
  });

  it('the facilitator switches the map: every board and the agenda follow, notes stay', async () => {
    const { code, facilitator, session, people } = await facilitatedRoom(h, ['Ana']);
    const ana = people[0]!;
    const board = h.provider(code, ana.token);
    await synced(board);
    const persona = readPersonas(board.doc)[0]!;
    addNote(board.doc, { personaId: persona.id, quadrant: 'hears', text: 'Podcasts', authorId: ana.participantId, authorName: 'Ana' });

    expect(await command(ana.socket, { type: 'map.set', template: 'classic', quadrants: CLASSIC_QUADRANTS })).toEqual({
      ok: false,
      error: 'Only the facilitator can do that.',
    });
    const custom = [...CLASSIC_QUADRANTS.slice(0, 3), { id: 'c_motives', title: 'Motives', questions: ['Why do they buy?'] }];
    expect(await command(facilitator, { type: 'map.set', template: 'custom', quadrants: custom })).toEqual({ ok: true });

    await vi.waitFor(async () => expect(readQuadrants(board.doc).map((q) => q.title)).toEqual(['Says', 'Thinks', 'Does', 'Motives']));
    await vi.waitFor(async () => expect(quadrantSteps(ana.view.latest?.state)).toEqual(['says', 'thinks', 'does', 'c_motives']));
    expect(quadrantSteps(session.latest?.state)).toEqual(['says', 'thinks', 'does', 'c_motives']);
    expect(readNotes(board.doc).map((n) => [n.text, n.quadrant])).toEqual([['Podcasts', 'hears']]);

    // Stored: a restart serves the same map.
    await h.restart();
    const again = h.provider(code, ana.token);
    await synced(again);
    expect(readQuadrants(again.doc).map((q) => q.id)).toEqual(['says', 'thinks', 'does', 'c_motives']);
  });

  it('refuses a map the schema does not allow and changes nothing', async () => {
    const { facilitator, session } = await facilitatedRoom(h, []);
    const before = session.latest!.state;
    for (const quadrants of [[], [{ id: 'Bad Id', title: 'x', questions: [] }], Array(9).fill(SIX_QUADRANTS[0])]) {
      expect(await command(facilitator, { type: 'map.set', template: 'custom', quadrants })).toEqual({
        ok: false,
        error: 'That command is not valid.',
      });
    }
    expect(session.latest!.state).toEqual(before);
  });
});
