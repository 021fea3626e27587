import sharp from 'sharp';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import type { SessionReply } from '../../lib/api';
import { addNote, readNotes, readPersonas } from '../../lib/board';
import { CLOSE_CODES } from '../../lib/closeCodes';
import type { AppServer } from '../../server/createAppServer';
import { AppProcess, freePort } from '../helpers/AppProcess';
import { closeSharedPostgres, sharedPostgres } from '../helpers/postgres';
import { command, eventually, facilitatedRoom, Harness, synced, watchSession } from './harness';

/**
 * The production app (`node dist/main.mjs`, as `npm start`) with `DATABASE_URL` on a real,
 * throwaway PostgreSQL: a workshop at a room's size end to end (notes over y-websocket, votes,
 * private drafts and their reveal, a kick, snapshot, picture, exports, import), a crash that keeps
 * every acknowledged note, and two instances writing one workshop without forking it.
 */

const PARTICIPANTS = 12;
const SLOW = { timeout: 30_000 };

afterAll(closeSharedPostgres);

const apps: AppProcess[] = [];
let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
  for (const app of apps.splice(0)) await app.stop('SIGKILL');
});

async function startApp(databaseUrl: string, dataDir: string): Promise<AppProcess> {
  const app = new AppProcess(await freePort(), dataDir, { DATABASE_URL: databaseUrl });
  apps.push(app);
  await app.start();
  return app;
}

/** A harness whose clients talk to `app` (a child process), not to an in-process server. */
function clientsOf(h: Harness, app: AppProcess): Harness {
  h.server = { url: app.url } as AppServer;
  return h;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const texts = (provider: WebsocketProvider) => readNotes(provider.doc).map((note) => note.text);

async function exportJson(app: AppProcess, code: string, key: string): Promise<{ notes: { text: string }[] }> {
  const res = await fetch(`${app.url}/api/workshops/${code}/export.json`, { headers: bearer(key) });
  expect(res.status).toBe(200);
  return (await res.json()) as { notes: { text: string }[] };
}

describe('the app on PostgreSQL (DATABASE_URL)', () => {
  it('runs a workshop of 12: notes, votes, private drafts, a kick, snapshot, picture, exports, import, and a crash loses nothing', async () => {
    const url = await (await sharedPostgres()).createDatabase();
    harness = new Harness();
    const h = harness;
    const app = await startApp(url, h.dataDir);
    clientsOf(h, app);
    expect(await (await fetch(`${app.url}/readyz`)).json()).toMatchObject({ ready: true });
    const names = Array.from({ length: PARTICIPANTS }, (_, i) => `P${i}`);
    const room = await facilitatedRoom(h, names);
    const providers = room.people.map((person) => h.provider(room.code, person.token));
    await Promise.all(providers.map(synced));
    const personaId = readPersonas(providers[0]!.doc)[0]!.id;

    // Every participant adds a note; every client receives everyone's (each is then acknowledged).
    providers.forEach((provider, i) =>
      addNote(provider.doc, {
        personaId,
        quadrant: 'hears',
        text: `Note ${i}`,
        authorId: room.people[i]!.participantId,
        authorName: names[i]!,
      }),
    );
    await eventually(async () => expect(providers.every((p) => texts(p).length === PARTICIPANTS)).toBe(true), SLOW);
    const noteIds = readNotes(providers[0]!.doc).map((note) => note.id);

    // Private writing: a draft reaches nobody until the reveal, then everyone.
    expect(await command(room.facilitator, { type: 'step.goto', stepId: 'q_sees' })).toEqual({ ok: true });
    expect(
      await command(room.people[0]!.socket, {
        type: 'draft.add',
        draftId: 'pgdraft000000001',
        quadrant: 'sees',
        text: 'Secret until the reveal',
      }),
    ).toEqual({ ok: true });
    expect(providers.some((p) => texts(p).includes('Secret until the reveal'))).toBe(false);
    expect(await command(room.facilitator, { type: 'drafts.reveal' })).toEqual({ ok: true });
    await eventually(async () => expect(providers.every((p) => texts(p).includes('Secret until the reveal'))).toBe(true), SLOW);

    // Votes: the budget holds on the server, tallies appear when the round closes.
    expect(await command(room.facilitator, { type: 'vote.open', quadrant: 'hears', budget: 2, allowMultiplePerNote: false })).toEqual({
      ok: true,
    });
    for (const person of room.people) {
      expect(await command(person.socket, { type: 'vote.cast', noteId: noteIds[0], delta: 1 })).toEqual({ ok: true });
      expect(await command(person.socket, { type: 'vote.cast', noteId: noteIds[0], delta: 1 })).toMatchObject({ ok: false });
      expect(await command(person.socket, { type: 'vote.cast', noteId: noteIds[1], delta: 1 })).toEqual({ ok: true });
      expect(await command(person.socket, { type: 'vote.cast', noteId: noteIds[2], delta: 1 })).toEqual({
        ok: false,
        error: 'You have used all 2 dots.',
      });
    }
    expect(await command(room.facilitator, { type: 'vote.close' })).toEqual({ ok: true });
    await eventually(async () =>
      expect(room.session.latest?.state.vote?.results).toEqual({ [noteIds[0]!]: PARTICIPANTS, [noteIds[1]!]: PARTICIPANTS }),
    );

    // A kick: the Yjs socket closes with 4403 and the token stops working.
    const kicked = room.people[PARTICIPANTS - 1]!;
    const closed = new Promise<number>((resolve) => providers[PARTICIPANTS - 1]!.ws?.addEventListener('close', (e) => resolve(e.code)));
    expect(await command(room.facilitator, { type: 'participant.kick', participantId: kicked.participantId })).toEqual({ ok: true });
    expect(await closed).toBe(CLOSE_CODES.kicked);
    providers[PARTICIPANTS - 1]!.destroy();
    expect((await fetch(`${app.url}/api/workshops/${room.code}/session`, { headers: bearer(kicked.token) })).status).toBe(401);

    // Snapshot and picture, stored in PostgreSQL.
    const snapshot = await h.post(`/api/workshops/${room.code}/snapshots`, { name: 'Before lunch' }, bearer(room.facilitatorKey));
    expect(snapshot.status).toBe(201);
    const list = (await (
      await fetch(`${app.url}/api/workshops/${room.code}/snapshots`, { headers: bearer(room.facilitatorKey) })
    ).json()) as {
      snapshots: { name: string }[];
    };
    expect(list.snapshots.map((s) => s.name)).toEqual(['Before lunch']);
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#08f' } })
      .png()
      .toBuffer();
    const uploaded = await fetch(`${app.url}/api/workshops/${room.code}/pictures`, {
      method: 'POST',
      headers: { ...bearer(room.people[0]!.token), 'content-type': 'image/png' },
      body: new Uint8Array(png),
    });
    expect(uploaded.status).toBe(201);
    const { pictureId } = (await uploaded.json()) as { pictureId: string };
    const picture = await fetch(`${app.url}/api/workshops/${room.code}/pictures/${pictureId}`, { headers: bearer(room.people[1]!.token) });
    expect(picture.headers.get('content-type')).toBe('image/webp');

    // Exports read the stored board; the JSON imports into a new workshop.
    const pdf = await fetch(`${app.url}/api/workshops/${room.code}/export.pdf`, { headers: bearer(room.facilitatorKey) });
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const board = await exportJson(app, room.code, room.facilitatorKey);
    expect(board.notes.map((n) => n.text).sort()).toEqual([...names.map((_, i) => `Note ${i}`), 'Secret until the reveal'].sort());
    const imported = await h.post('/api/workshops/import', board);
    expect(imported.status).toBe(201);
    const copy = (await imported.json()) as { code: string; facilitatorKey: string };
    expect((await exportJson(app, copy.code, copy.facilitatorKey)).notes).toHaveLength(PARTICIPANTS + 1);

    // A crash (kill -9): every note the others had received is there after the restart, and the session too.
    await app.restart('SIGKILL');
    const again = await h.facilitator(room.code, room.facilitatorKey);
    const fresh = h.provider(room.code, again.token);
    await synced(fresh);
    expect(texts(fresh).sort()).toEqual(board.notes.map((n) => n.text).sort());
    const view = watchSession(h.control(room.code, again.token));
    await eventually(async () => expect(view.latest?.state).toMatchObject({ currentStepId: 'q_sees', vote: { status: 'closed' } }), SLOW);
  }, 240_000);

  it('two instances on one database never fork a workshop: both write, both crash, one document holds everything', async () => {
    const url = await (await sharedPostgres()).createDatabase();
    harness = new Harness();
    const h = harness;
    const [a, b] = [await startApp(url, h.dataDir), await startApp(url, h.dataDir)];
    clientsOf(h, a);
    const created = await h.createWorkshop('Two instances');
    const people: SessionReply[] = [];
    for (const name of ['A1', 'A2', 'B1', 'B2']) people.push(await h.join(created.code, name));
    const at = (app: AppProcess, person: SessionReply) => clientsOf(h, app).provider(created.code, person.token);
    const providers = [at(a, people[0]!), at(a, people[1]!), at(b, people[2]!), at(b, people[3]!)];
    await Promise.all(providers.map(synced));
    const personaId = readPersonas(providers[0]!.doc)[0]!.id;
    const expected: string[] = [];
    for (let round = 0; round < 20; round++) {
      providers.forEach((provider, i) => {
        const text = `${people[i]!.name} #${round}`;
        expected.push(text);
        addNote(provider.doc, { personaId, quadrant: 'gains', text, authorId: people[i]!.participantId, authorName: people[i]!.name });
      });
    }
    // Each client sees the other instance's notes too (read back from PostgreSQL), so all are acknowledged.
    await eventually(async () => expect(providers.every((p) => texts(p).length === expected.length)).toBe(true), SLOW);
    // One instance's clients leave (its room compacts what it holds), the other keeps writing.
    providers[0]!.destroy();
    providers[1]!.destroy();
    addNote(providers[2]!.doc, {
      personaId,
      quadrant: 'gains',
      text: 'after A left',
      authorId: people[2]!.participantId,
      authorName: 'B1',
    });
    expected.push('after A left');
    await eventually(async () => expect(texts(providers[3]!)).toContain('after A left'), SLOW);
    await Promise.all([a.stop('SIGKILL'), b.stop('SIGKILL')]);
    await Promise.all([a.start(), b.start()]);
    const facilitator = await h.facilitator(created.code, created.facilitatorKey);
    for (const app of [a, b]) {
      const fresh = clientsOf(h, app).provider(created.code, facilitator.token);
      await synced(fresh);
      expect(texts(fresh).sort()).toEqual([...expected].sort());
      fresh.destroy();
    }
  }, 240_000);

  it('refuses to start on an unreachable database, with one clear line and a non-zero exit', async () => {
    const dead = `postgres://postgres@127.0.0.1:${await freePort()}/nowhere`;
    const app = new AppProcess(await freePort(), '/tmp', { DATABASE_URL: dead });
    await expect(app.start()).rejects.toThrow(/app exited with 1/);
  }, 60_000);
});
