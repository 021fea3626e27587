import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { BOARD_NOTICE_MESSAGE, readBoardNotice } from '../lib/boardNotices';

/** y-websocket's message type for sync messages. */
const MESSAGE_SYNC = 0;

/** A y-websocket sync message carrying `update` (sync step "update"). */
export function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export interface RawOutcome {
  /** The server's close code, or null when it kept the socket open for the whole wait. */
  closeCode: number | null;
  /** Milliseconds from the first frame sent to the close (or to the last refusal awaited). */
  closeMs: number | null;
  reason: string;
  /** Refusal notices the server answered with (in band, the socket stays open), and their reasons. */
  refusals: number;
  refusalReasons: string[];
}

/** The reasons of a board notice, when `data` is a refusal notice. */
function refusalReasons(data: Buffer): string[] | null {
  const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  if (decoding.readVarUint(decoder) !== BOARD_NOTICE_MESSAGE) return null;
  const notice = readBoardNotice(decoder);
  return notice?.kind === 'refused' ? notice.refusals.map((r) => r.reason) : null;
}

/**
 * A raw socket on the Yjs endpoint (no provider, no resync): sends `frames` once open and
 * resolves when the server closes it, when it has answered `refusalsAwaited` refusal notices, or
 * after `waitMs` (then we close it and `closeCode` is null).
 */
export function sendFrames(wsUrl: string, frames: readonly Uint8Array[], waitMs: number, refusalsAwaited = 0): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
    let sentAt = 0;
    let isOurs = false;
    let timer: NodeJS.Timeout | null = null;
    const reasons: string[] = [];
    let refusals = 0;
    const stop = () => {
      isOurs = true;
      ws.terminate();
    };
    ws.on('error', () => undefined);
    ws.on('unexpected-response', (_req, res) =>
      resolve({ closeCode: -(res.statusCode ?? 0), closeMs: 0, reason: 'http', refusals: 0, refusalReasons: [] }),
    );
    ws.on('message', (data: Buffer) => {
      const found = refusalReasons(data);
      if (!found) return;
      refusals++;
      reasons.push(...found);
      if (refusalsAwaited > 0 && refusals >= refusalsAwaited) stop();
    });
    ws.on('open', () => {
      sentAt = Date.now();
      for (const frame of frames) if (ws.readyState === WebSocket.OPEN) ws.send(frame, { binary: true });
      timer = setTimeout(stop, waitMs);
    });
    ws.on('close', (code, reason) => {
      if (timer) clearTimeout(timer);
      const common = { refusals, refusalReasons: [...new Set(reasons)] };
      resolve(
        isOurs
          ? { closeCode: null, closeMs: refusals > 0 ? Date.now() - sentAt : null, reason: '', ...common }
          : { closeCode: code, closeMs: Date.now() - sentAt, reason: reason.toString(), ...common },
      );
    });
  });
}

/**
 * A client doc that starts from the server's state and records each change as the incremental
 * update a real client would send, so a test can send some of them and withhold others.
 */
export class Crafter {
  readonly doc = new Y.Doc();

  constructor(base: Uint8Array, clientId: number) {
    this.doc.clientID = clientId;
    Y.applyUpdate(this.doc, base);
  }

  change(edit: (doc: Y.Doc) => void): Uint8Array {
    const before = Y.encodeStateVector(this.doc);
    this.doc.transact(() => edit(this.doc));
    return Y.encodeStateAsUpdate(this.doc, before);
  }

  absorb(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update);
  }
}

/** Deterministic record ids (`ID_PATTERN`) from a seeded random source. */
export function idFrom(random: () => number): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  let id = '';
  for (let i = 0; i < 16; i++) id += alphabet[Math.floor(random() * alphabet.length)];
  return id;
}
