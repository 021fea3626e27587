import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { BOARD_NOTICE_MESSAGE } from '../lib/boardNotices';
import * as Y from 'yjs';
import type { CreateWorkshopReply, SessionReply } from '../lib/api';
import { initBoard, personasMap } from '../lib/board';
import { newId } from '../lib/ids';

/** Which server a worker talks to; `url` is its http base (`http://127.0.0.1:<port>`). */
export interface Target {
  kind: 'ours' | 'reference';
  url: string;
}

/** One benchmark participant: the room it joins and who it writes notes as. */
export interface Seat {
  room: string;
  participantId: string;
  name: string;
  token: string | null;
}

/** WebSocket payload bytes and frames of every socket in this process (the server's I/O, seen from the other end). */
export const traffic = { sentBytes: 0, receivedBytes: 0, sentFrames: 0, receivedFrames: 0 };

export function resetTraffic(): void {
  Object.assign(traffic, { sentBytes: 0, receivedBytes: 0, sentFrames: 0, receivedFrames: 0 });
}

function byteLength(data: unknown): number {
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  if (Array.isArray(data)) return data.reduce((sum: number, part: Buffer) => sum + part.byteLength, 0);
  return typeof data === 'string' ? Buffer.byteLength(data) : 0;
}

/** A `ws` socket that counts what it sends and receives, handed to y-websocket as its polyfill. */
export class CountingWebSocket extends WebSocket {
  receivedBytes = 0;

  constructor(address: string, protocols?: string | string[]) {
    super(address, protocols);
    this.on('message', (data: WebSocket.RawData) => {
      const bytes = byteLength(data);
      this.receivedBytes += bytes;
      traffic.receivedBytes += bytes;
      traffic.receivedFrames++;
    });
    this.on('error', () => undefined);
    const send = this.send.bind(this) as (data: unknown, ...rest: unknown[]) => void;
    this.send = ((data: unknown, ...rest: unknown[]) => {
      traffic.sentBytes += byteLength(data);
      traffic.sentFrames++;
      send(data, ...rest);
    }) as typeof this.send;
  }
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`POST ${new URL(url).pathname} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** Ours: a real workshop (its code is the room). Reference: any unique room name. */
export async function createRoom(target: Target, label: string): Promise<string> {
  if (target.kind === 'reference') return `bench-${label}-${newId()}`;
  const reply = await postJson<CreateWorkshopReply>(`${target.url}/api/workshops`, { title: `Bench ${label}` });
  return reply.code;
}

/** Ours: joins through the API for an id and token. Reference: makes up an id (it checks nothing). */
export async function takeSeat(target: Target, room: string, name: string): Promise<Seat> {
  if (target.kind === 'reference') return { room, participantId: newId(), name, token: null };
  const session = await postJson<SessionReply>(`${target.url}/api/workshops/${room}/participants`, { name });
  return { room, participantId: session.participantId, name: session.name, token: session.token };
}

export function connect(target: Target, seat: Seat, doc: Y.Doc): WebsocketProvider {
  const base = target.url.replace(/^http/, 'ws');
  const provider = new WebsocketProvider(target.kind === 'ours' ? `${base}/yjs` : base, seat.room, doc, {
    params: seat.token ? { token: seat.token } : {},
    WebSocketPolyfill: CountingWebSocket as never,
    disableBc: true,
  });
  // Our server's notices (board size, unlocked), which a stock client would log as unknown.
  provider.messageHandlers[BOARD_NOTICE_MESSAGE] = () => undefined;
  return provider;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `isDone` every `stepMs` until it holds; throws after `timeoutMs`. */
export async function waitUntil(what: string, isDone: () => boolean, timeoutMs: number, stepMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!isDone()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(stepMs);
  }
}

/** Resolves on the provider's `sync` event (the server's full state applied), not by polling. */
export function whenSynced(provider: WebsocketProvider, timeoutMs: number): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      clearTimeout(timer);
      provider.off('sync', onSync);
      resolve();
    };
    const timer = setTimeout(() => {
      provider.off('sync', onSync);
      reject(new Error(`room ${provider.roomname} did not sync within ${timeoutMs} ms`));
    }, timeoutMs);
    provider.on('sync', onSync);
  });
}

/** Our server seeds every workshop with a persona; on the reference the first client does it. */
export async function firstPersonaId(target: Target, doc: Y.Doc, isFirstClient: boolean, timeoutMs: number): Promise<string> {
  if (target.kind === 'reference' && isFirstClient && personasMap(doc).size === 0) initBoard(doc, { title: 'Bench' });
  await waitUntil('a persona', () => personasMap(doc).size > 0, timeoutMs);
  return [...personasMap(doc).keys()].sort()[0]!;
}

/** Runs `task` over `items`, at most `limit` at a time. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
