import * as Y from 'yjs';
import { takeSeat } from '../bench/client';
import { notesMap } from '../lib/board';
import { LIMITS } from '../lib/limits';
import { destroyPeer, joinPeer, newRoom, target, waitUntil } from './clients';
import { noteFields, writeNote, type CaseContext } from './hygieneCases';
import { Crafter, idFrom, sendFrames, syncUpdateFrame, type RawOutcome } from './rawYjs';

/**
 * Boards over the note cap and the size cap (`RECORD_CAPS`, `LIMITS.docBytes`), each both in
 * one update and as the one update that crosses the line on a board filled right up to it,
 * plus a frame over the WebSocket `maxPayload`.
 */

export interface CapRoom {
  room: string;
  /** Notes the legitimate fill stored, which must all still be there after a restart. */
  expectedNotes: number;
}

export type RecordOutcome = (kind: string, name: string, expected: 'refused' | 'accepted' | readonly number[], outcome: RawOutcome) => void;

const WAIT_CLOSE_MS = 10_000;
const FILL_WAIT_MS = 1_500;
const BIG_TEXT_CHARS = LIMITS.noteTextChars;

interface CapSetup {
  room: string;
  wsUrl: string;
  crafter: Crafter;
  ctx: CaseContext;
  close(): void;
  notes(): number;
}

async function capRoom(url: string, label: string, random: () => number, clientId: number): Promise<CapSetup> {
  const room = await newRoom(url, label);
  const observer = await joinPeer(url, room, 'Observer', 60_000);
  const seat = await takeSeat(target(url), room, 'Mallory');
  const author = { participantId: seat.participantId, name: seat.name };
  const base = Y.encodeStateAsUpdate(observer.doc);
  const ctx: CaseContext = {
    base: () => base,
    personaId: observer.personaId,
    author,
    otherAuthor: author,
    existingNoteId: '',
    random,
    clientId: () => clientId,
  };
  return {
    room,
    wsUrl: `${url.replace(/^http/, 'ws')}/yjs/${room}?token=${seat.token}`,
    crafter: new Crafter(base, clientId),
    ctx,
    close: () => destroyPeer(observer),
    notes: () => notesMap(observer.doc).size,
  };
}

/** `count` notes of `chars` characters as one update; returns it and a few of their ids. */
function notesUpdate(setup: CapSetup, count: number, chars: number): { update: Uint8Array; sample: string[] } {
  const ids: string[] = [];
  const update = setup.crafter.change((doc) => {
    for (let i = 0; i < count; i++) {
      const id = idFrom(setup.ctx.random);
      ids.push(id);
      writeNote(doc, noteFields(setup.ctx, id, `${id} `.padEnd(chars, 'x')));
    }
  });
  return { update, sample: [ids[0]!, ids[Math.floor(count / 2)]!, ids.at(-1)!] };
}

/** Sends legitimate batches over one connection and waits until the observer holds them all. */
async function fill(setup: CapSetup, batches: Uint8Array[], expectedNotes: number): Promise<number | null> {
  const outcome = await sendFrames(setup.wsUrl, batches.map(syncUpdateFrame), FILL_WAIT_MS);
  await waitUntil(`the fill of ${expectedNotes} notes`, () => setup.notes() === expectedNotes, 60_000).catch(() => undefined);
  return outcome.refusals > 0 ? -1 : outcome.closeCode;
}

export async function runCaps(
  url: string,
  random: () => number,
  reps: number,
  record: RecordOutcome,
): Promise<{ rooms: CapRoom[]; markers: string[]; fillErrors: string[]; sizeFillBytes: number }> {
  const markers: string[] = [];
  const fillErrors: string[] = [];
  const refused = 'refused' as const;
  let clientId = 1_900_000_000;

  // Note cap in one update: a fresh crafter per rep, so every rep is the same 10,001 new notes.
  const oneUpdate = await capRoom(url, 'cap-notes-one', random, clientId++);
  for (let rep = 0; rep < reps; rep++) {
    oneUpdate.crafter = new Crafter(oneUpdate.ctx.base(), clientId++);
    const { update, sample } = notesUpdate(oneUpdate, LIMITS.notesPerWorkshop + 1, 20);
    markers.push(...sample);
    record('noteCap', 'oneUpdate', refused, await sendFrames(oneUpdate.wsUrl, [syncUpdateFrame(update)], WAIT_CLOSE_MS, 1));
  }
  oneUpdate.close();

  // Note cap reached by a legitimate fill, then one more note.
  const boundary = await capRoom(url, 'cap-notes-edge', random, clientId++);
  const batches = Array.from({ length: 20 }, () => notesUpdate(boundary, LIMITS.notesPerWorkshop / 20, 20).update);
  const noteCapBase = Y.encodeStateAsUpdate(boundary.crafter.doc);
  const filledCode = await fill(boundary, batches, LIMITS.notesPerWorkshop);
  if (filledCode !== null || boundary.notes() !== LIMITS.notesPerWorkshop)
    fillErrors.push(`noteCap fill: ${boundary.notes()} notes, close ${filledCode}`);
  for (let rep = 0; rep < reps; rep++) {
    boundary.crafter = new Crafter(noteCapBase, clientId++);
    const { update, sample } = notesUpdate(boundary, 1, 20);
    markers.push(sample[0]!);
    record('noteCap', 'boundaryPlus1', refused, await sendFrames(boundary.wsUrl, [syncUpdateFrame(update)], WAIT_CLOSE_MS, 1));
  }
  const noteCapNotes = boundary.notes();
  boundary.close();

  // Size cap: one update over 8 MiB, then a board filled to just under it plus one more batch.
  const size = await capRoom(url, 'cap-size', random, clientId++);
  // Over the board's 8 MiB but within one WebSocket message (9 MiB): the validator's cap, not ws's, refuses it.
  const overCount = Math.ceil((LIMITS.docBytes * 1.02) / (BIG_TEXT_CHARS + 300));
  for (let rep = 0; rep < reps; rep++) {
    size.crafter = new Crafter(size.ctx.base(), clientId++);
    const { update, sample } = notesUpdate(size, overCount, BIG_TEXT_CHARS);
    markers.push(...sample);
    record('sizeCap', 'oneUpdate', refused, await sendFrames(size.wsUrl, [syncUpdateFrame(update)], WAIT_CLOSE_MS, 1));
  }
  size.crafter = new Crafter(size.ctx.base(), clientId++);
  const sizeBatches: Uint8Array[] = [];
  let bytes = size.ctx.base().byteLength;
  const batchNotes = 300;
  for (;;) {
    const { update } = notesUpdate(size, batchNotes, BIG_TEXT_CHARS);
    if (bytes + update.byteLength > LIMITS.docBytes - 64 * 1024) break;
    sizeBatches.push(update);
    bytes += update.byteLength;
  }
  // The crafter holds one batch more than was sent: start over from what the fill stores.
  const filled = new Crafter(size.ctx.base(), clientId++);
  for (const update of sizeBatches) filled.absorb(update);
  const sizeBase = Y.encodeStateAsUpdate(filled.doc);
  const sizeNotes = sizeBatches.length * batchNotes;
  const sizeCode = await fill(size, sizeBatches, sizeNotes);
  if (sizeCode !== null || size.notes() !== sizeNotes) fillErrors.push(`sizeCap fill: ${size.notes()} notes, close ${sizeCode}`);
  for (let rep = 0; rep < reps; rep++) {
    size.crafter = new Crafter(sizeBase, clientId++);
    const { update, sample } = notesUpdate(size, 400, BIG_TEXT_CHARS);
    markers.push(...sample);
    record('sizeCap', 'boundaryPlus400', refused, await sendFrames(size.wsUrl, [syncUpdateFrame(update)], WAIT_CLOSE_MS, 1));
  }
  for (let rep = 0; rep < reps; rep++) {
    const frame = new Uint8Array(LIMITS.wsMaxPayloadBytes + 1024 * 1024);
    record('sizeCap', 'frameOverMaxPayload', [1009], await sendFrames(size.wsUrl, [frame], WAIT_CLOSE_MS));
  }
  const sizeFinal = size.notes();
  size.close();
  return {
    rooms: [
      { room: oneUpdate.room, expectedNotes: 0 },
      { room: boundary.room, expectedNotes: noteCapNotes },
      { room: size.room, expectedNotes: sizeFinal },
    ],
    markers,
    fillErrors,
    sizeFillBytes: bytes,
  };
}
