import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { CreateWorkshopReply, SessionReply } from '../lib/api';
import { addNote, readNotes, readPersonas } from '../lib/board';
import { newId } from '../lib/ids';
import { createAppServer } from '../server/createAppServer';
import { createLogger } from '../server/log';

/**
 * Private writing at a real room's volume: 20 participants with 10 private notes each (200
 * pending) on a board that already holds 1,000 notes. Prints JSON: the round trip of a draft
 * command (add, edit) and of a socket.io connect with 200 drafts pending, and the reveal of all
 * 200 (its round trip and the longest event-loop stall while it ran). The server runs in this
 * process, so the numbers include the client's own work: compare runs, not absolutes.
 *
 * `npx tsx bench/drafts.ts [participants] [draftsEach] [boardNotes]`
 */
const PARTICIPANTS = Number(process.argv[2] ?? 20);
const DRAFTS_EACH = Number(process.argv[3] ?? 10);
const BOARD_NOTES = Number(process.argv[4] ?? 1000);
const UNLIMITED = 1_000_000;

type Control = Socket;
const dataDir = mkdtempSync(path.join(tmpdir(), 'pw-bench-drafts-'));
const app = await createAppServer({
  port: 0,
  dataDir,
  logger: createLogger('silent'),
  joinLimits: { failuresPerIpPerMinute: UNLIMITED, failuresPerMinute: UNLIMITED, createsPerIpPerMinute: UNLIMITED },
});
const post = async <T>(pathname: string, body: unknown, headers: Record<string, string> = {}): Promise<T> => {
  const res = await fetch(`${app.url}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${pathname}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};
const control = (code: string, token: string): Promise<Control> =>
  new Promise((resolve, reject) => {
    const socket = io(app.url, { auth: { code, token }, transports: ['websocket'], reconnection: false });
    socket.once('session', () => resolve(socket));
    socket.once('connect_error', reject);
  });
const send = (socket: Control, body: Record<string, unknown>): Promise<{ ok: boolean; error?: string }> =>
  new Promise((resolve) => socket.emit('command', { id: newId(), ...body }, resolve));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const ms = (value: number) => Math.round(value * 100) / 100;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const created = await post<CreateWorkshopReply>('/api/workshops', { title: 'Drafts bench' });
const facilitatorSession = await post<SessionReply>(
  `/api/workshops/${created.code}/facilitator-session`,
  {},
  { authorization: `Bearer ${created.facilitatorKey}` },
);
const facilitator = await control(created.code, facilitatorSession.token);
const people = await Promise.all(
  Array.from({ length: PARTICIPANTS }, async (_, i) => {
    const seat = await post<SessionReply>(`/api/workshops/${created.code}/participants`, { name: `P${i}` });
    return { seat, socket: await control(created.code, seat.token) };
  }),
);

// The board: 1,000 notes written by the first participant, through the Yjs endpoint.
const writer = people[0]!.seat;
const doc = new Y.Doc();
const provider = new WebsocketProvider(`${app.url.replace('http', 'ws')}/yjs`, created.code, doc, {
  params: { token: writer.token },
  WebSocketPolyfill: WebSocket as never,
  disableBc: true,
});
await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
const personaId = readPersonas(doc)[0]!.id;
for (let batch = 0; batch < BOARD_NOTES; batch += 100) {
  doc.transact(() => {
    for (let i = batch; i < Math.min(BOARD_NOTES, batch + 100); i++) {
      addNote(doc, { personaId, quadrant: 'hears', text: `Board note ${i}`, authorId: writer.participantId, authorName: writer.name });
    }
  });
}
const workshopId = (await app.storage.workshops.byCode(created.code))!.id;
while ((await app.rooms.readDoc(workshopId, readNotes)).length < BOARD_NOTES) await new Promise((r) => setTimeout(r, 50));
// Commands then run with the board's Yjs room closed, as in a workshop whose phones all dropped.
provider.destroy();
doc.destroy();
await new Promise((r) => setTimeout(r, 200));

await send(facilitator, { type: 'step.goto', stepId: 'q_sees' });
const draftIds = people.map(() => [] as string[]);
for (let round = 0; round < DRAFTS_EACH; round++) {
  await Promise.all(
    people.map(async ({ socket }, i) => {
      const draftId = newId();
      draftIds[i]!.push(draftId);
      const reply = await send(socket, { type: 'draft.add', draftId, quadrant: 'sees', text: `Private ${i}.${round}` });
      if (!reply.ok) throw new Error(reply.error);
    }),
  );
  await new Promise((r) => setTimeout(r, 120)); // stay under the per-socket command rate
}

// With every draft pending: one command at a time, spread over the sockets (per-socket rate limit).
const addTimes: number[] = [];
const editTimes: number[] = [];
for (let i = 0; i < 40; i++) {
  const person = i % PARTICIPANTS;
  const { socket } = people[person]!;
  editTimes.push(await timed(() => send(socket, { type: 'draft.edit', draftId: draftIds[person]![0]!, text: `Edited ${i}` })));
  const extra = newId();
  addTimes.push(await timed(() => send(socket, { type: 'draft.add', draftId: extra, quadrant: 'sees', text: `Extra ${i}` })));
  await send(socket, { type: 'draft.delete', draftId: extra });
  if (person === PARTICIPANTS - 1) await new Promise((r) => setTimeout(r, 400));
}
const connectTimes: number[] = [];
for (let i = 0; i < 10; i++) {
  const { seat } = people[i % PARTICIPANTS]!;
  connectTimes.push(await timed(async () => (await control(created.code, seat.token)).close()));
}

const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
const revealMs = await timed(() => send(facilitator, { type: 'drafts.reveal' }));
loop.disable();
const notesAfter = (await app.rooms.readDoc(workshopId, readNotes)).length;

console.log(
  JSON.stringify({
    bench: 'drafts',
    participants: PARTICIPANTS,
    pendingDrafts: PARTICIPANTS * DRAFTS_EACH,
    boardNotes: BOARD_NOTES,
    draftAddMedianMs: ms(median(addTimes)),
    draftEditMedianMs: ms(median(editTimes)),
    controlConnectMedianMs: ms(median(connectTimes)),
    revealMs: ms(revealMs),
    revealMaxLoopStallMs: ms(loop.max / 1e6),
    notesAfterReveal: notesAfter,
  }),
);
for (const { socket } of people) socket.close();
facilitator.close();
await app.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
