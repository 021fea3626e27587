import * as Y from 'yjs';
import { addNote, editNoteText, notesMap } from '../lib/board';
import { QUADRANT_IDS } from '../lib/quadrants';
import { seededRandom } from '../tests/helpers/prng';
import {
  connect,
  createRoom,
  firstPersonaId,
  sleep,
  takeSeat,
  waitUntil,
  whenSynced,
  type CountingWebSocket,
  type Seat,
  type Target,
} from './client';
import { cpuNs } from './procStats';
import type { JoinConfig, JoinReport, JoinSample } from './workerMessages';

const NOTES_PER_UPDATE = 100;
const SYNC_TIMEOUT_MS = 60_000;
/** How long after `sync` the server's trailing work for a join (the newcomer's presence) is still counted. */
const TRAILING_WORK_MS = 100;
/** Quiet time between joins, so one join's teardown is not billed to the next. */
const BETWEEN_JOINS_MS = 300;
const MAX_PROBES = 50;

const PHRASES = [
  'Wants to order ahead on the way to work',
  'Worries the oat milk runs out before nine',
  'Says the queue is the worst part of the morning',
  'Hears from colleagues that the app is slow',
  'Feels guilty about disposable cups',
  'Gains ten minutes when the order is ready on arrival',
];

interface JoinOutcome {
  sample: JoinSample;
  notesSeen: number;
}

/** Times one fresh client from provider construction to `sync`, and the server's CPU meanwhile. */
async function timeJoin(target: Target, seat: Seat, serverPid: number): Promise<JoinOutcome> {
  const doc = new Y.Doc();
  const cpuBefore = cpuNs(serverPid);
  const started = performance.now();
  const provider = connect(target, seat, doc);
  try {
    await whenSynced(provider, SYNC_TIMEOUT_MS);
    const ms = performance.now() - started;
    await sleep(TRAILING_WORK_MS);
    const serverCpuMs = (cpuNs(serverPid) - cpuBefore) / 1e6;
    const receivedBytes = (provider.ws as CountingWebSocket | null)?.receivedBytes ?? 0;
    return { sample: { ms, serverCpuMs, receivedBytes }, notesSeen: notesMap(doc).size };
  } finally {
    provider.destroy();
    doc.destroy();
    await sleep(BETWEEN_JOINS_MS);
  }
}

/**
 * Fills one room with `size` notes through a real client (so our server validates and stores
 * them like any other), then times fresh clients joining it.
 */
async function measureRoom(config: JoinConfig, size: number): Promise<JoinReport> {
  const { target } = config;
  const random = seededRandom(config.seed + size);
  const room = await createRoom(target, `join${size}`);
  const writerSeat = await takeSeat(target, room, 'Writer');
  const joinerSeat = await takeSeat(target, room, 'Joiner');
  const doc = new Y.Doc();
  const writer = connect(target, writerSeat, doc);
  try {
    await whenSynced(writer, SYNC_TIMEOUT_MS);
    const personaId = await firstPersonaId(target, doc, true, SYNC_TIMEOUT_MS);
    const prefillStarted = performance.now();
    const ids: string[] = [];
    for (let done = 0; done < size; done += NOTES_PER_UPDATE) {
      doc.transact(() => {
        for (let i = done; i < Math.min(size, done + NOTES_PER_UPDATE); i++) {
          const text = `${PHRASES[i % PHRASES.length]} (${i + 1})`;
          const quadrant = QUADRANT_IDS[Math.floor(random() * QUADRANT_IDS.length)]!;
          const added = addNote(doc, { personaId, quadrant, text, authorId: writerSeat.participantId, authorName: writerSeat.name });
          if (added.ok) ids.push(added.value.id);
        }
      });
      await waitUntil('the prefill to leave the socket', () => (writer.ws?.bufferedAmount ?? 0) === 0, SYNC_TIMEOUT_MS, 1);
    }
    // The first join doubles as the barrier: repeat until the server has every note.
    let probe = await timeJoin(target, joinerSeat, config.serverPid);
    for (let i = 0; probe.notesSeen < size && i < MAX_PROBES; i++) probe = await timeJoin(target, joinerSeat, config.serverPid);
    const prefillMs = performance.now() - prefillStarted;
    const cold: JoinSample[] = [];
    const warm: JoinSample[] = [];
    for (let i = 0; i < config.repeats; i++) {
      editNoteText(doc, ids[i % ids.length]!, `Edited before join ${i} at ${Date.now()}`);
      await sleep(BETWEEN_JOINS_MS);
      cold.push((await timeJoin(target, joinerSeat, config.serverPid)).sample);
    }
    for (let i = 0; i < config.repeats; i++) warm.push((await timeJoin(target, joinerSeat, config.serverPid)).sample);
    return { size, prefillMs, notesSeen: probe.notesSeen, cold, warm };
  } finally {
    writer.destroy();
    doc.destroy();
  }
}

export async function runJoinWorker(config: JoinConfig): Promise<JoinReport[]> {
  const reports: JoinReport[] = [];
  for (const size of config.sizes) reports.push(await measureRoom(config, size));
  return reports;
}
