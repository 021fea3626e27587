import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { takeSeat } from '../bench/client';
import { notesMap } from '../lib/board';
import { addPeerNote, destroyPeer, joinPeer, newRoom, seededRandom, sleep, target, watchArrivals } from './clients';
import { noteFields, writeNote } from './hygieneCases';
import { percentiles, quantiles } from './proc';
import { Crafter, idFrom, syncUpdateFrame } from './rawYjs';

/**
 * Per-connection floods (issue item 4b): one participant sends 1,000 Yjs updates a second,
 * another sends presence with a new client id in every message, while two canaries in the
 * same room measure a note's round trip (added by one, seen by the other).
 */

const MESSAGE_AWARENESS = 1;
const TICK_MS = 10;
const CANARY_EVERY_MS = 100;

export interface FloodOutcome {
  sent: number;
  closeCode: number | null;
  /** From the first message to the server's close. */
  closeMs: number | null;
}

/** Sends `frames` at `perSecond` (in batches every 10 ms) until the server closes or `maxMs` passes. */
function flood(wsUrl: string, frames: readonly Uint8Array[], perSecond: number, maxMs: number): Promise<FloodOutcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
    let sent = 0;
    let startedAt = 0;
    let ticker: NodeJS.Timeout | null = null;
    const finish = (closeCode: number | null) => {
      if (ticker) clearInterval(ticker);
      resolve({ sent, closeCode, closeMs: closeCode === null ? null : Date.now() - startedAt });
    };
    ws.on('error', () => undefined);
    ws.on('close', (code) => finish(code));
    ws.on('open', () => {
      startedAt = Date.now();
      ticker = setInterval(() => {
        const due = Math.min(frames.length, Math.round(((Date.now() - startedAt) / 1000) * perSecond));
        while (sent < due && ws.readyState === WebSocket.OPEN) ws.send(frames[sent++]!, { binary: true });
        if (Date.now() - startedAt >= maxMs) {
          ws.removeAllListeners('close');
          ws.terminate();
          finish(null);
        }
      }, TICK_MS);
    });
  });
}

/** One presence entry of client `clientId` as a y-websocket awareness message. */
function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

export async function connectionFloods(url: string, isFull: boolean) {
  const room = await newRoom(url, 'flood');
  const sender = await joinPeer(url, room, 'Canary A');
  const receiver = await joinPeer(url, room, 'Canary B');
  const canaryIds = new Set([sender.doc.clientID, receiver.doc.clientID]);
  const random = seededRandom(21);
  let disconnects = 0;
  for (const peer of [sender, receiver]) {
    peer.provider.on('status', ({ status }: { status: string }) => status !== 'connected' && disconnects++);
  }

  // Round trips, tagged with the phase they were sent in.
  let phase = 'baseline';
  const pending = new Map<string, { at: number; phase: string }>();
  const rtts: Record<string, number[]> = {};
  watchArrivals(receiver, (id) => {
    const sent = pending.get(id);
    if (!sent) return;
    pending.delete(id);
    (rtts[sent.phase] ??= []).push(Date.now() - sent.at);
  });
  const ticker = setInterval(() => {
    const id = addPeerNote(sender, random, `canary ${Date.now()}`);
    if (id) pending.set(id, { at: Date.now(), phase });
  }, CANARY_EVERY_MS);

  // Presence from ids other than the canaries' that reached a canary.
  const foreignPresence = new Set<number>();
  receiver.provider.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
    for (const id of [...added, ...updated]) if (!canaryIds.has(id)) foreignPresence.add(id);
  });

  const seat = await takeSeat(target(url), room, 'Flooder');
  const wsUrl = `${url.replace(/^http/, 'ws')}/yjs/${room}?token=${seat.token}`;
  const updatesPerSecond = 1_000;
  const floodMs = isFull ? 10_000 : 3_000;

  await sleep(isFull ? 5_000 : 1_500);

  // Valid updates (a note, then edits of its text): only the rate can stop them.
  phase = 'yjsFlood';
  const crafter = new Crafter(Y.encodeStateAsUpdate(sender.doc), 1_800_000_000);
  const noteId = idFrom(random);
  const author = { participantId: seat.participantId, name: seat.name };
  const frames = [
    syncUpdateFrame(crafter.change((doc) => writeNote(doc, noteFields({ personaId: sender.personaId, author }, noteId, 'flood 0')))),
  ];
  for (let i = 1; i < (updatesPerSecond * floodMs) / 1000; i++) {
    frames.push(syncUpdateFrame(crafter.change((doc) => (notesMap(doc).get(noteId) as Y.Map<unknown>).set('text', `flood ${i}`))));
  }
  const updates = await flood(wsUrl, frames, updatesPerSecond, floodMs);
  await sleep(500);

  phase = 'awarenessFlood';
  const newIds = (count: number, from: number) =>
    Array.from({ length: count }, (_, i) => awarenessFrame(from + i, 1, { user: { name: `ghost ${i}` } }));
  const awareness = await flood(wsUrl, newIds((updatesPerSecond * floodMs) / 1000, 1_000_000), updatesPerSecond, floodMs);
  await sleep(500);
  const presenceAfterFastFlood = foreignPresence.size;

  // Under the message limit, presence from new ids is dropped rather than the socket closed.
  phase = 'awarenessSlow';
  const slowRate = 150;
  const awarenessSlow = await flood(wsUrl, newIds((slowRate * floodMs) / 1000, 2_000_000), slowRate, floodMs);
  await sleep(500);
  phase = 'after';
  await sleep(1_000);
  clearInterval(ticker);
  await sleep(500);

  const flooderNote = notesMap(receiver.doc).get(noteId)?.get('text');
  const all = Object.values(rtts).flat();
  const figures = {
    yjsUpdates: { ratePerSecond: updatesPerSecond, ...updates, lastTextSeenByCanary: flooderNote ?? null },
    awarenessNewIds: { ratePerSecond: updatesPerSecond, ...awareness, foreignIdsSeenByCanary: presenceAfterFastFlood },
    awarenessNewIdsSlow: {
      ratePerSecond: slowRate,
      ...awarenessSlow,
      foreignIdsSeenByCanary: foreignPresence.size - presenceAfterFastFlood,
    },
    canaryRttMs: Object.fromEntries(
      Object.entries(rtts).map(([name, values]) => [
        name,
        { n: values.length, ...quantiles(values, { p50: 0.5, p99: 0.99 }), max: percentiles(values).max },
      ]),
    ),
    canaryRttAllMs: quantiles(all, { p50: 0.5, p99: 0.99 }),
    canaryLost: pending.size,
    canaryDisconnects: disconnects,
  };
  destroyPeer(sender);
  destroyPeer(receiver);
  return figures;
}
