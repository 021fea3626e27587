import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

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
  /** Milliseconds from the first frame sent to the close. */
  closeMs: number | null;
  reason: string;
}

/**
 * A raw socket on the Yjs endpoint (no provider, no resync): sends `frames` once open and
 * resolves when the server closes it, or after `waitMs` (then we close it and `closeCode` is null).
 */
export function sendFrames(wsUrl: string, frames: readonly Uint8Array[], waitMs: number): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
    let sentAt = 0;
    let isOurs = false;
    let timer: NodeJS.Timeout | null = null;
    ws.on('error', () => undefined);
    ws.on('unexpected-response', (_req, res) => resolve({ closeCode: -(res.statusCode ?? 0), closeMs: 0, reason: 'http' }));
    ws.on('open', () => {
      sentAt = Date.now();
      for (const frame of frames) if (ws.readyState === WebSocket.OPEN) ws.send(frame, { binary: true });
      timer = setTimeout(() => {
        isOurs = true;
        ws.terminate();
      }, waitMs);
    });
    ws.on('close', (code, reason) => {
      if (timer) clearTimeout(timer);
      resolve(
        isOurs
          ? { closeCode: null, closeMs: null, reason: '' }
          : { closeCode: code, closeMs: Date.now() - sentAt, reason: reason.toString() },
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
