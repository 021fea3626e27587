import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addNote, readNotes, readPersonas } from '../../lib/board';
import { CLOSE_CODES } from '../../lib/closeCodes';
import type { CommandInput } from '../../lib/session/commands';
import { timerRemainingMs } from '../../lib/session/state';
import { createLogger } from '../../server/log';
import { Harness, command, facilitatedRoom, synced, watchNotices, watchSession } from './harness';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.start();
});
afterEach(() => h.close());

async function room() {
  const { people, ...rest } = await facilitatedRoom(h, ['Ana']);
  const ana = people[0]!;
  return { ...rest, ana, anaSocket: ana.socket, anaView: ana.view };
}

const FACILITATOR_COMMANDS: CommandInput[] = [
  { type: 'step.goto', stepId: 'q_sees' },
  { type: 'step.next' },
  { type: 'step.previous' },
  { type: 'step.update', stepId: 'lobby', patch: { title: 'Hijacked' } },
  { type: 'step.add', afterStepId: 'lobby', title: 'Extra', kind: 'custom' },
  { type: 'step.move', stepId: 'lobby', toIndex: 3 },
  { type: 'step.remove', stepId: 'gaps' },
  { type: 'timer.start', durationSec: 60 },
  { type: 'timer.pause' },
  { type: 'timer.resume' },
  { type: 'timer.addMinute' },
  { type: 'timer.reset' },
  { type: 'board.lock', isLocked: true },
  { type: 'lobby.lock', isLocked: true },
  { type: 'spotlight.set', quadrant: 'pains' },
  { type: 'persona.activate', personaId: 'aaaaaaaaaaaaaaaa' },
  { type: 'participant.kick', participantId: 'aaaaaaaaaaaaaaaa' },
];

describe('facilitator commands over socket.io', () => {
  it('refuses every facilitator command from a participant and changes nothing', async () => {
    const { anaSocket, session } = await room();
    const before = session.latest!.state;
    for (const body of FACILITATOR_COMMANDS) {
      const reply = await command(anaSocket, body);
      expect(reply, body.type).toEqual({ ok: false, error: 'Only the facilitator can do that.' });
    }
    expect(session.latest!.state).toEqual(before);
  });

  it('refuses malformed and oversized payloads without disconnecting anyone', async () => {
    const { facilitator, anaSocket } = await room();
    for (const body of [
      null,
      42,
      'step.next',
      { type: 'step.next' },
      { id: 'x', type: 'nope' },
      { id: 'x', type: 'timer.start', durationSec: -5 },
      { id: 'x'.repeat(100), type: 'step.next' },
    ]) {
      const reply = await new Promise((resolve) => facilitator.emit('command', body, resolve));
      expect(reply, JSON.stringify(body)).toMatchObject({ ok: false });
    }
    anaSocket.emit('command', { id: 'big', type: 'step.add', afterStepId: 'lobby', title: 'x'.repeat(70_000) }, () => undefined);
    await vi.waitFor(async () => expect(anaSocket.connected).toBe(false)); // over maxHttpBufferSize: that socket only
    expect(facilitator.connected).toBe(true);
  });

  it('moves through the agenda, and everyone sees the step', async () => {
    const { facilitator, anaView } = await room();
    expect(await command(facilitator, { type: 'step.next' })).toEqual({ ok: true });
    await vi.waitFor(async () => expect(anaView.latest!.state.currentStepId).toBe('groups'));
    expect(await command(facilitator, { type: 'step.goto', stepId: 'q_hears' })).toEqual({ ok: true });
    await vi.waitFor(async () => expect(anaView.latest!.state.spotlight).toBe('hears'));
    await command(facilitator, { type: 'step.update', stepId: 'q_thinks_feels', patch: { isSkipped: true } });
    await command(facilitator, { type: 'step.next' });
    await vi.waitFor(async () => expect(anaView.latest!.state.currentStepId).toBe('q_says_does'));
    expect(await command(facilitator, { type: 'step.remove', stepId: 'q_says_does' })).toMatchObject({ ok: false });
  });

  it('runs one timer for everyone, derived from the server end time', async () => {
    const { facilitator, anaView } = await room();
    await command(facilitator, { type: 'timer.start', durationSec: 120 });
    await vi.waitFor(async () => expect(anaView.latest!.state.timer.status).toBe('running'));
    const { state, serverNow } = anaView.latest!;
    expect(timerRemainingMs(state.timer, serverNow)).toBeGreaterThan(119_000);
    await command(facilitator, { type: 'timer.addMinute' });
    await vi.waitFor(async () => expect(anaView.latest!.state.timer.durationMs).toBe(180_000));
    await command(facilitator, { type: 'timer.pause' });
    await vi.waitFor(async () => expect(anaView.latest!.state.timer.status).toBe('paused'));
    expect(anaView.latest!.state.timer.remainingMs).toBeGreaterThan(178_000);
    expect(await command(facilitator, { type: 'timer.pause' })).toMatchObject({ ok: false });
  });

  it('applies a retried command once', async () => {
    const { facilitator, session } = await room();
    const body = { id: 'retry-me-1', type: 'step.next' };
    expect(await command(facilitator, body)).toEqual({ ok: true });
    expect(await command(facilitator, body)).toEqual({ ok: true });
    await vi.waitFor(async () => expect(session.latest!.state.currentStepId).toBe('groups'));
    const revision = session.latest!.state.revision;
    await command(facilitator, { type: 'timer.reset' });
    await vi.waitFor(async () => expect(session.latest!.state.revision).toBe(revision + 1));
    expect(session.latest!.state.currentStepId).toBe('groups');
  });

  it('lets a participant mark themselves done, and only themselves', async () => {
    const { anaSocket, session, ana } = await room();
    expect(await command(anaSocket, { type: 'participant.done', isDone: true })).toEqual({ ok: true });
    await vi.waitFor(async () => expect(session.latest!.state.doneParticipantIds).toEqual([ana.participantId]));
  });

  it('a locked board drops participant updates on the server, and unlock restores writing', async () => {
    const { code, facilitator, ana, session } = await room();
    const provider = h.provider(code, ana.token);
    const notices = watchNotices(provider);
    await synced(provider);
    const personaId = readPersonas(provider.doc)[0]!.id;
    await command(facilitator, { type: 'board.lock', isLocked: true });
    await vi.waitFor(async () => expect(session.latest!.state.isBoardLocked).toBe(true));
    addNote(provider.doc, { personaId, quadrant: 'sees', text: 'while locked', authorId: ana.participantId, authorName: 'Ana' });
    await vi.waitFor(async () =>
      expect(notices.filter((n) => n.kind === 'refused')).toEqual([
        { kind: 'refused', refusals: [{ reason: 'locked', root: null, record: null, field: null }] },
      ]),
    );
    expect(provider.wsconnected).toBe(true); // refused in band: the connection stays
    const workshopId = (await h.server.storage.workshops.byCode(code))!.id;
    expect(await h.server.rooms.readDoc(workshopId, readNotes)).toEqual([]);

    await command(facilitator, { type: 'board.lock', isLocked: false });
    await vi.waitFor(async () => expect(session.latest!.state.isBoardLocked).toBe(false));
    const fresh = h.provider(code, ana.token, new Y.Doc());
    await synced(fresh);
    addNote(fresh.doc, { personaId, quadrant: 'sees', text: 'after unlock', authorId: ana.participantId, authorName: 'Ana' });
    await vi.waitFor(async () =>
      expect((await h.server.rooms.readDoc(workshopId, readNotes)).map((n) => n.text)).toContain('after unlock'),
    );
  });

  it('kicks a participant: connections closed, token revoked, old token refused', async () => {
    const { code, facilitator, ana, anaSocket } = await room();
    const provider = h.provider(code, ana.token);
    await synced(provider);
    const closeCode = new Promise<number>((resolve) => provider.on('connection-close', (event) => event && resolve(event.code)));
    const ended = new Promise<string>((resolve) => anaSocket.on('session:ended', resolve));
    expect(await command(facilitator, { type: 'participant.kick', participantId: ana.participantId })).toEqual({ ok: true });
    expect(await closeCode).toBe(CLOSE_CODES.kicked);
    expect(await ended).toMatch(/removed/);
    const res = await fetch(`${h.server.url}/api/workshops/${code}/session`, { headers: { authorization: `Bearer ${ana.token}` } });
    expect(res.status).toBe(401);
    const again = h.control(code, ana.token);
    expect((await new Promise<Error>((resolve) => again.on('connect_error', resolve))).message).toBe('unauthorized');
  });

  it('an open socket of someone removed behind its back can no longer send commands', async () => {
    const { ana, anaSocket } = await room();
    await h.server.storage.participants.remove(ana.participantId, Date.now());
    expect(await command(anaSocket, { type: 'participant.done', isDone: true })).toEqual({
      ok: false,
      error: 'You are no longer in this workshop.',
    });
    await vi.waitFor(async () => expect(anaSocket.connected).toBe(false));
  });

  it('a locked lobby refuses new joins', async () => {
    const { code, facilitator, session } = await room();
    await command(facilitator, { type: 'lobby.lock', isLocked: true });
    await vi.waitFor(async () => expect(session.latest!.state.isLobbyLocked).toBe(true));
    const res = await h.post(`/api/workshops/${code}/participants`, { name: 'Late' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(/closed the lobby/);
  });

  it('keeps the session state across a restart', async () => {
    const { code, facilitatorKey, facilitator } = await room();
    await command(facilitator, { type: 'step.goto', stepId: 'q_pains' });
    await command(facilitator, { type: 'board.lock', isLocked: true });
    await h.restart();
    const again = await h.facilitator(code, facilitatorKey);
    const view = watchSession(h.control(code, again.token));
    await vi.waitFor(async () => expect(view.latest?.state).toMatchObject({ currentStepId: 'q_pains', isBoardLocked: true }));
  });
});

describe('rotating the room code', () => {
  it('admits nobody new on the old code, keeps members in, and tells everyone the new code', async () => {
    const { code, facilitator, ana, anaSocket } = await room();
    const told = new Promise<string>((resolve) => anaSocket.on('workshop:code', resolve));
    expect(await command(facilitator, { type: 'room.rotateCode' })).toEqual({ ok: true });
    const newCode = await told;
    expect(newCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(newCode).not.toBe(code);
    expect((await h.post(`/api/workshops/${code}/participants`, { name: 'Late' })).status).toBe(404);
    expect((await h.post(`/api/workshops/${newCode}/participants`, { name: 'Late' })).status).toBe(201);
    // Members keep working through the old code (a phone that reconnects before it reloads).
    const res = await fetch(`${h.server.url}/api/workshops/${code}/session`, { headers: { authorization: `Bearer ${ana.token}` } });
    expect(res.status).toBe(200);
    const provider = h.provider(code, ana.token);
    await synced(provider);
    const late = h.control(code, ana.token);
    expect(await new Promise<string>((resolve) => late.on('workshop:code', resolve))).toBe(newCode);
    expect(await command(anaSocket, { type: 'room.rotateCode' })).toEqual({ ok: false, error: 'Only the facilitator can do that.' });
  });
});

describe('logging refused attempts', () => {
  it('logs a forged facilitator command and a bad handshake, never with the token or key', async () => {
    await h.close();
    h = new Harness();
    const lines: string[] = [];
    await h.start({ logger: createLogger('info', { write: (line: string) => void lines.push(line) }) });
    const { code, facilitatorKey, ana, anaSocket } = await room();
    expect(await command(anaSocket, { type: 'board.lock', isLocked: true })).toMatchObject({ ok: false });
    const intruder = h.control(code, facilitatorKey); // a key where a token belongs
    await new Promise((resolve) => intruder.on('connect_error', resolve));
    const log = lines.join('');
    expect(log).toContain('facilitator command from a participant refused');
    expect(log).toContain('control handshake refused');
    expect(log).not.toContain(ana.token);
    expect(log).not.toContain(facilitatorKey);
  });
});
