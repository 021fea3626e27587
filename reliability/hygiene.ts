import Database from 'better-sqlite3';
import path from 'node:path';
import * as Y from 'yjs';
import { takeSeat } from '../bench/client';
import { BOARD_ROOTS, notesMap, readNotes } from '../lib/board';
import { NOTE_FIELDS } from '../lib/note';
import { addPeerNote, destroyPeer, joinPeer, newRoom, seededRandom, sleep, target, waitUntil } from './clients';
import { HYGIENE_CASES, type CaseContext } from './hygieneCases';
import { runCaps, type CapRoom } from './hygieneCaps';
import { integrityCheck } from './integrity';
import { finish, freePort, isFull, startServer, tempDir } from './proc';
import { sendFrames, type RawOutcome } from './rawYjs';

/**
 * Document hygiene: a real participant's connection sends hostile Yjs updates (missing
 * dependencies, non-string text, `__proto__`/`constructor` keys, text over the limit, forged
 * authors, boards over the note and size caps). Each must be refused in band (a refusal notice,
 * the socket left open) and never stored: after a restart on the same data a fresh client's doc
 * holds none of it, and no row of SQLite holds any of its markers.
 */
const REPS = isFull ? 25 : 2;
const CAP_REPS = isFull ? 3 : 1;
const WAIT_REFUSAL_MS = 3_000;
const WAIT_ACCEPT_MS = 400;

interface Tally {
  attempts: number;
  closes: Record<string, number>;
  maxCloseMs: number;
  reason: string;
  unexpected: number;
}

const started = Date.now();
const dataDir = tempDir('hygiene');
const port = await freePort();
let server = await startServer(dataDir, port, { exposeGc: true });
const url = server.url;
const random = seededRandom(3);
const room = await newRoom(url, 'hygiene');
const observer = await joinPeer(url, room, 'Observer');
const ownNotes = ['first', 'second', 'third'].map((text) => addPeerNote(observer, random, `observer ${text}`)!);
await sleep(300);
const mallory = await takeSeat(target(url), room, 'Mallory');
const alice = await takeSeat(target(url), room, 'Alice');
const wsUrl = `${url.replace(/^http/, 'ws')}/yjs/${room}?token=${mallory.token}`;
let nextClient = 2_000_000_000;
const ctx: CaseContext = {
  base: () => Y.encodeStateAsUpdate(observer.doc),
  personaId: observer.personaId,
  author: { participantId: mallory.participantId, name: mallory.name },
  otherAuthor: { participantId: alice.participantId, name: alice.name },
  existingNoteId: ownNotes[0]!,
  random,
  clientId: () => nextClient++,
};

const tallies: Record<string, Record<string, Tally>> = {};
/** `expected`: refused in band, accepted (no refusal, still open), or closed with one of these codes. */
const record = (kind: string, name: string, expected: 'refused' | 'accepted' | readonly number[], outcome: RawOutcome) => {
  const byKind = (tallies[kind] ??= {});
  const tally = (byKind[name] ??= { attempts: 0, closes: {}, maxCloseMs: 0, reason: '', unexpected: 0 });
  tally.attempts++;
  const code = outcome.closeCode !== null ? String(outcome.closeCode) : outcome.refusals > 0 ? 'refused' : 'open';
  tally.closes[code] = (tally.closes[code] ?? 0) + 1;
  tally.maxCloseMs = Math.max(tally.maxCloseMs, outcome.closeMs ?? 0);
  tally.reason ||= (outcome.refusalReasons.join(',') || outcome.reason).slice(0, 60);
  const isExpected =
    expected === 'refused'
      ? outcome.closeCode === null && outcome.refusals > 0
      : expected === 'accepted'
        ? outcome.closeCode === null && outcome.refusals === 0
        : outcome.closeCode !== null && expected.includes(outcome.closeCode);
  if (!isExpected) tally.unexpected++;
};

const refusedMarkers: string[] = [];
const acceptedMarkers: string[] = [];
for (const hygieneCase of HYGIENE_CASES) {
  for (let rep = 0; rep < REPS; rep++) {
    const attempt = hygieneCase.make(ctx);
    const isControl = hygieneCase.expect === 'accepted';
    const outcome = await sendFrames(wsUrl, attempt.frames, isControl ? WAIT_ACCEPT_MS : WAIT_REFUSAL_MS, isControl ? 0 : 1);
    record(hygieneCase.kind, hygieneCase.name, isControl ? 'accepted' : 'refused', outcome);
    (isControl ? acceptedMarkers : refusedMarkers).push(...attempt.markers);
    if (isControl) {
      await waitUntil('the control note', () => attempt.markers.every((id) => notesMap(observer.doc).has(id)), 5_000).catch(
        () => undefined,
      );
    }
  }
}
const caps = await runCaps(url, random, CAP_REPS, record);
refusedMarkers.push(...caps.markers);
await sleep(300);

const bytesHold = (bytes: Uint8Array, markers: readonly string[]) => {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return markers.filter((marker) => buffer.includes(marker));
};
const liveLeaks = bytesHold(Y.encodeStateAsUpdate(observer.doc), refusedMarkers);
const observerStayed = observer.provider.wsconnected;
const { prototypeAdded } = await server.stats();
destroyPeer(observer);

// Restart on the same data: what a fresh client gets is what was stored.
const exitCode = await server.terminate();
server = await startServer(dataDir, port);
const badRoots: string[] = [];
const badFields = new Set<string>();
const storedLeaks = new Set<string>();
const noteCounts: Record<string, { expected: number; stored: number; valid: number }> = {};
const expectedMain = ownNotes.length + acceptedMarkers.length;
for (const { room: code, expectedNotes } of [{ room, expectedNotes: expectedMain }, ...caps.rooms] as CapRoom[]) {
  const fresh = await joinPeer(server.url, code, 'Checker', 60_000);
  badRoots.push(...[...fresh.doc.share.keys()].filter((key) => !Object.values(BOARD_ROOTS).includes(key as never)));
  for (const map of notesMap(fresh.doc).values()) for (const key of map.keys()) if (!NOTE_FIELDS.includes(key as never)) badFields.add(key);
  for (const marker of bytesHold(Y.encodeStateAsUpdate(fresh.doc), refusedMarkers)) storedLeaks.add(marker);
  noteCounts[code] = { expected: expectedNotes, stored: notesMap(fresh.doc).size, valid: readNotes(fresh.doc).length };
  if (code === room) {
    const texts = readNotes(fresh.doc)
      .filter((note) => ownNotes.includes(note.id))
      .map((note) => note.text)
      .sort(); // notes made in the same millisecond sort by their random ids
    if (texts.join('|') !== 'observer first|observer second|observer third') storedLeaks.add('observer notes changed');
    for (const id of acceptedMarkers) if (!notesMap(fresh.doc).has(id)) storedLeaks.add(`control note ${id} missing`);
  }
  destroyPeer(fresh);
}
await server.terminate();

// Every row SQLite holds for any board, read directly.
const db = new Database(path.join(dataDir, 'persona-workshop.db'), { readonly: true, fileMustExist: true });
const rows = [
  ...(db.prepare('SELECT data FROM doc_updates').all() as { data: Buffer }[]),
  ...(db.prepare('SELECT data FROM doc_states').all() as { data: Buffer }[]),
];
db.close();
const sqliteLeaks = [...new Set(rows.flatMap((row) => bytesHold(row.data, refusedMarkers)))];
const integrity = integrityCheck(dataDir);

const unexpected = Object.values(tallies).flatMap((byKind) =>
  Object.entries(byKind)
    .filter(([, t]) => t.unexpected > 0)
    .map(([name]) => name),
);
const countsOk = Object.values(noteCounts).every((c) => c.stored === c.expected && c.valid === c.stored);
const ok =
  unexpected.length === 0 &&
  liveLeaks.length === 0 &&
  storedLeaks.size === 0 &&
  sqliteLeaks.length === 0 &&
  badRoots.length === 0 &&
  badFields.size === 0 &&
  prototypeAdded.length === 0 &&
  countsOk &&
  caps.fillErrors.length === 0 &&
  observerStayed &&
  exitCode === 0 &&
  integrity === 'ok';
finish('hygiene', ok, {
  cases: tallies,
  attempts: Object.values(tallies).reduce((sum, byKind) => sum + Object.values(byKind).reduce((s, t) => s + t.attempts, 0), 0),
  unexpectedCloses: unexpected,
  refusedMarkers: refusedMarkers.length,
  liveLeaks,
  storedLeaks: [...storedLeaks].slice(0, 10),
  sqliteRows: rows.length,
  sqliteLeaks: sqliteLeaks.slice(0, 10),
  badRoots,
  badNoteFields: [...badFields],
  prototypeAdded,
  noteCounts: Object.values(noteCounts),
  sizeFillBytes: caps.sizeFillBytes,
  fillErrors: caps.fillErrors,
  observerStayed,
  gracefulExitCode: exitCode,
  integrity,
  wallMs: Date.now() - started,
});
