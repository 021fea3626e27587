import type { WebSocket } from 'ws';
import type { Identity } from '../identity';
import { TokenBucket } from '../tokenBucket';
import { CLOSE_CODES, type CloseCode } from '../../lib/closeCodes';
import { SYNC_REQUEST_BURST } from '../limits';
import { sendFramed, type FramedMessage } from './frames';

/** A socket past this much unsent data is too slow to keep up; it is closed and resyncs later. */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/** One browser's WebSocket in a room, with the identity its token proved. */
export class RoomConnection {
  /** The Yjs client id whose presence this connection may publish (bound on first use). */
  awarenessClientId: number | null = null;
  readonly messageBudget: TokenBucket;
  readonly awarenessBudget: TokenBucket;
  /** Sync requests that need an encode of their own (not answered from the room's cached state). */
  readonly syncBudget: TokenBucket;
  private isClosed = false;

  constructor(
    readonly ws: WebSocket,
    readonly identity: Identity,
    readonly connectionId: string,
    limits: { messagesPerSecond: number; awarenessPerSecond: number; syncRequestsPerMinute: number },
  ) {
    this.messageBudget = new TokenBucket(limits.messagesPerSecond, limits.messagesPerSecond * 2);
    this.awarenessBudget = new TokenBucket(limits.awarenessPerSecond, limits.awarenessPerSecond * 2);
    this.syncBudget = new TokenBucket(limits.syncRequestsPerMinute / 60, SYNC_REQUEST_BURST);
  }

  /**
   * The server closed (or cut) this connection: kicked, rate-limited, shed, malformed. Nothing it
   * sent, even frames already queued, is handled any more. (A socket its client closed is not
   * this: what it sent before closing is still applied and stored.)
   */
  get wasClosedByServer(): boolean {
    return this.isClosed;
  }

  get isOpen(): boolean {
    return !this.isClosed && this.ws.readyState === this.ws.OPEN;
  }

  send(message: Uint8Array): void {
    if (this.canSend()) this.ws.send(message, { binary: true });
  }

  /** One recipient of a broadcast: the frame was built once for all of them. */
  sendFramed(framed: FramedMessage): void {
    if (this.canSend()) sendFramed(this.ws, framed);
  }

  private canSend(): boolean {
    if (!this.isOpen) return false;
    if (this.ws.bufferedAmount <= MAX_BUFFERED_BYTES) return true;
    this.close(CLOSE_CODES.roomUnavailable, 'too slow');
    return false;
  }

  /** Starts the close handshake; nothing this connection sends afterwards is handled. */
  close(code: CloseCode, reason: string): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.ws.close(code, reason);
  }

  /**
   * Sends the close frame and drops the socket at once, without waiting (up to ws's 30 s) for a
   * reply that a hostile client may never send: for a removed participant, or a connection shed.
   */
  terminate(code: CloseCode, reason: string): void {
    this.close(code, reason);
    this.ws.terminate();
  }
}
