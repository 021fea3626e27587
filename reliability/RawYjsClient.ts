import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';

/** y-websocket message types used here. */
const MESSAGE_SYNC = 0;

export interface ReceivedMessage {
  type: number;
  /** For sync messages: the step (0 step 1, 1 step 2, 2 update). */
  step: number | null;
  payload: Uint8Array;
}

/**
 * A raw socket on the Yjs endpoint, as a hostile participant would hold one: it sends exactly the
 * frames a test builds and records everything the server sends back, without ever resyncing.
 */
export class RawYjsClient {
  readonly received: ReceivedMessage[] = [];
  closeCode: number | null = null;
  private readonly closed: Promise<number>;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) =>
      ws.on('close', (code) => {
        this.closeCode = code;
        this.wake();
        resolve(code);
      }),
    );
    ws.on('message', (data: Buffer) => {
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      const decoder = decoding.createDecoder(bytes);
      const type = decoding.readVarUint(decoder);
      const step = type === MESSAGE_SYNC ? decoding.readVarUint(decoder) : null;
      this.received.push({ type, step, payload: type === MESSAGE_SYNC ? decoding.readVarUint8Array(decoder) : bytes });
      this.wake();
    });
  }

  static open(url: string): Promise<RawYjsClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      const client = new RawYjsClient(ws);
      ws.on('error', () => undefined);
      ws.on('open', () => resolve(client));
      ws.on('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }

  /** Resolves once `predicate` holds over what was received (or the socket closed). */
  async until(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate() && this.closeCode === null) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the server');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  sendUpdate(update: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    this.ws.send(encoding.toUint8Array(encoder));
  }

  /**
   * Waits until the server has handled everything sent before: it answers a sync step 1 only
   * after the updates before it are handled and committed, in order. Returns its answer: what
   * the server has beyond `stateVector` (everything, by default).
   */
  async barrier(stateVector: Uint8Array = new Uint8Array([0]), timeoutMs = 5_000): Promise<Uint8Array | null> {
    const isStep2 = (m: ReceivedMessage) => m.step === syncProtocol.messageYjsSyncStep2;
    const before = this.received.filter(isStep2).length;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
    encoding.writeVarUint8Array(encoder, stateVector);
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(encoding.toUint8Array(encoder));
    await this.until(() => this.received.filter(isStep2).length > before, timeoutMs);
    return this.received.filter(isStep2)[before]?.payload ?? null;
  }

  /** Forgets what was received (a long fuzz run would otherwise keep every message). */
  clearReceived(): void {
    this.received.length = 0;
  }

  messagesOfType(type: number): ReceivedMessage[] {
    return this.received.filter((m) => m.type === type);
  }

  close(): Promise<number> {
    if (this.closeCode === null) this.ws.close();
    return this.closed;
  }
}
