import type { WebSocket } from 'ws';
import type { Identity } from '../identity';
import { TokenBucket } from '../tokenBucket';
import { CLOSE_CODES, type CloseCode } from '../../lib/closeCodes';
import { sendFramed, type FramedMessage } from './frames';

/** A socket past this much unsent data is too slow to keep up; it is closed and resyncs later. */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/** One browser's WebSocket in a room, with the identity its token proved. */
export class RoomConnection {
  /** The Yjs client id whose presence this connection may publish (bound on first use). */
  awarenessClientId: number | null = null;
  readonly messageBudget: TokenBucket;
  readonly awarenessBudget: TokenBucket;
  private isClosed = false;

  constructor(
    readonly ws: WebSocket,
    readonly identity: Identity,
    readonly connectionId: string,
    limits: { messagesPerSecond: number; awarenessPerSecond: number },
  ) {
    this.messageBudget = new TokenBucket(limits.messagesPerSecond, limits.messagesPerSecond * 2);
    this.awarenessBudget = new TokenBucket(limits.awarenessPerSecond, limits.awarenessPerSecond * 2);
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

  close(code: CloseCode, reason: string): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.ws.close(code, reason);
  }
}
