import { io, type Socket } from 'socket.io-client';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { SessionReply } from '../lib/api';
import { addNote, editNoteText, notesMap } from '../lib/board';
import { newId } from '../lib/ids';
import { QUADRANT_IDS } from '../lib/quadrants';
import { CONTROL_PATH } from '../lib/wire';
import { seededRandom } from '../tests/helpers/prng';
import { connect, sleep, waitUntil, whenSynced, type Seat, type Target } from './client';
import type { BotCall, BotReply, SentMark } from './uiMessages';

/**
 * The bench's bots (forked by `ui.ts`): real participants of one workshop, joined through the
 * API, each with a real `WebsocketProvider` and a socket.io control connection, writing notes
 * as people do. Every note text a screen should show starts with a marker `⟦m<n>⟧`; the bot
 * notes the wall-clock time (epoch ms, the machine's clock the browser reads too) it sent it.
 */

interface Bot {
  seat: Seat;
  doc: Y.Doc;
  provider: WebsocketProvider;
  control: Socket;
  /** Ids of this bot's notes, by quadrant. */
  notes: Map<string, string[]>;
}

const SYNC_TIMEOUT_MS = 60_000;
const SEED_BATCH = 25;
const random = seededRandom(11);
const bots: Bot[] = [];
let personaId = '';
let markerSeq = 0;

const epochNow = () => performance.timeOrigin + performance.now();
const WORDS = 'checkout card twice slow delivery price trust reviews friends app store queue coffee morning habit budget family'.split(' ');
/** Note text of a realistic length (20–140 characters). */
function noteText(prefix: string): string {
  const words: string[] = [];
  const length = 3 + Math.floor(random() * 20);
  for (let i = 0; i < length; i++) words.push(WORDS[Math.floor(random() * WORDS.length)]!);
  return `${prefix} ${words.join(' ')}`.slice(0, 140);
}

async function join(url: string, code: string, name: string): Promise<Bot> {
  const res = await fetch(`${url}/api/workshops/${code}/participants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (res.status !== 201) throw new Error(`join answered ${res.status}: ${await res.text()}`);
  const session = (await res.json()) as SessionReply;
  const seat: Seat = { room: code, participantId: session.participantId, name: session.name, token: session.token };
  const doc = new Y.Doc();
  const target: Target = { kind: 'ours', url };
  const provider = connect(target, seat, doc);
  const control = io(url, { path: CONTROL_PATH, auth: { code, token: session.token }, transports: ['websocket'] });
  await whenSynced(provider, SYNC_TIMEOUT_MS);
  return { seat, doc, provider, control, notes: new Map() };
}

function command(bot: Bot, body: Record<string, unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    bot.control.timeout(10_000).emit('command', { ...body, id: newId() }, (error: Error | null, reply: { ok: boolean; error?: string }) => {
      if (error) reject(error);
      else if (!reply.ok) reject(new Error(`${String(body.type)} refused: ${reply.error}`));
      else resolve();
    });
  });
}

function addOwnNote(bot: Bot, quadrant: string, text: string): string {
  const added = addNote(bot.doc, { personaId, quadrant, text, authorId: bot.seat.participantId, authorName: bot.seat.name });
  if (!added.ok) throw new Error(`addNote: ${added.error}`);
  const list = bot.notes.get(quadrant) ?? [];
  list.push(added.value.id);
  bot.notes.set(quadrant, list);
  return added.value.id;
}

/**
 * Adds `count` notes spread over the quadrants; the last one, in `quadrant` and never edited,
 * carries `⟦<lastMarker>⟧` so a screen can tell it shows the whole board; with `firstMarker`, the
 * first one, in `quadrant` too, carries that one (the top of the quadrant's list: a phone's first
 * screen). Waits until every bot has every note (the server accepted them all).
 */
async function seed(count: number, quadrant: string, lastMarker: string, firstMarker?: string): Promise<void> {
  const expected = notesMap(bots[0]!.doc).size + count;
  let left = count - 1;
  // Never edited (not among the bot's own notes), so a later screen still finds its marker.
  if (firstMarker) {
    addMarked(quadrant, firstMarker);
    left--;
  }
  while (left > 0) {
    for (const bot of bots) {
      const batch = Math.min(SEED_BATCH, left);
      if (batch === 0) break;
      bot.doc.transact(() => {
        for (let i = 0; i < batch; i++) addOwnNote(bot, QUADRANT_IDS[Math.floor(random() * QUADRANT_IDS.length)]!, noteText('Seed'));
      });
      left -= batch;
    }
    await sleep(50);
  }
  addMarked(quadrant, lastMarker);
  await waitUntil('every bot to have every note', () => bots.every((b) => notesMap(b.doc).size >= expected), SYNC_TIMEOUT_MS, 50);
}

function addMarked(quadrant: string, marker: string): void {
  const bot = bots[0]!;
  const marked = addNote(bot.doc, {
    personaId,
    quadrant,
    text: noteText(`⟦${marker}⟧ Seed`),
    authorId: bot.seat.participantId,
    authorName: bot.seat.name,
  });
  if (!marked.ok) throw new Error(`addNote: ${marked.error}`);
}

/** Edits and adds notes in `quadrant` at `rate` a second for `durationMs`; one in `addEvery` is an add. */
async function edit(rate: number, durationMs: number, quadrant: string, addEvery: number): Promise<SentMark[]> {
  const sent: SentMark[] = [];
  const interval = 1000 / rate;
  const start = performance.now();
  for (let op = 0; performance.now() - start < durationMs; op++) {
    const due = start + op * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const bot = bots[op % bots.length]!;
    const marker = `m${++markerSeq}`;
    const own = bot.notes.get(quadrant) ?? [];
    const isAdd = own.length === 0 || op % addEvery === 0;
    const at = epochNow();
    let noteId = own[Math.floor(random() * own.length)]!;
    if (isAdd) noteId = addOwnNote(bot, quadrant, noteText(`⟦${marker}⟧ Added`));
    else editNoteText(bot.doc, noteId, noteText(`⟦${marker}⟧ Edited`));
    sent.push({ marker, at, kind: isAdd ? 'add' : 'edit', noteId });
  }
  return sent;
}

/** Every bot writes private notes (`draft.add`) in turn until `count` are with the server. */
async function drafts(count: number, quadrant: string, prefix: string): Promise<string[]> {
  const markers = Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
  await Promise.all(
    bots.map(async (bot, b) => {
      for (let i = b; i < count; i += bots.length) {
        await command(bot, { type: 'draft.add', draftId: newId(), quadrant, text: noteText(`⟦${markers[i]}⟧ Private`) });
        await sleep(120); // within the control plane's 10 commands a second
      }
    }),
  );
  return markers;
}

/** When the first bot's doc holds notes with every marker (the server's side of a reveal), checked on each change. */
function received(markers: string[]): Promise<number> {
  const wanted = new Set(markers.map((m) => `⟦${m}⟧`));
  const notes = notesMap(bots[0]!.doc);
  return new Promise((resolve) => {
    const check = () => {
      for (const note of notes.values()) wanted.delete(/^⟦[a-z0-9]+⟧/.exec(String(note.get('text') ?? ''))?.[0] ?? '');
      if (wanted.size > 0) return;
      notes.unobserve(check);
      resolve(epochNow());
    };
    notes.observe(check);
    check();
  });
}

async function handle(call: BotCall): Promise<unknown> {
  switch (call.method) {
    case 'init': {
      const { url, code, count } = call;
      for (let i = 0; i < count; i++) bots.push(await join(url, code, `Bot ${i + 1}`));
      // The server seeds every workshop with one persona: the one the room works on.
      await waitUntil('a persona', () => bots[0]!.doc.getMap('personas').size > 0, SYNC_TIMEOUT_MS);
      personaId = [...bots[0]!.doc.getMap('personas').keys()].sort()[0]!;
      return { participants: bots.length, personaId };
    }
    case 'seed':
      await seed(call.count, call.quadrant, call.lastMarker, call.firstMarker);
      return { notes: notesMap(bots[0]!.doc).size };
    case 'edit':
      return edit(call.rate, call.durationMs, call.quadrant, call.addEvery);
    case 'drafts':
      return drafts(call.count, call.quadrant, call.prefix);
    case 'received':
      return received(call.markers);
  }
}

process.setMaxListeners(0);
process.on('disconnect', () => process.exit(0));
process.on('message', (call: BotCall & { id: number }) => {
  if ((call as { method: string }).method === 'close') {
    for (const bot of bots) {
      bot.provider.destroy();
      bot.control.disconnect();
    }
    process.exit(0);
  }
  handle(call).then(
    (result) => process.send?.({ id: call.id, result } satisfies BotReply),
    (error: unknown) =>
      process.send?.({ id: call.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies BotReply),
  );
});
