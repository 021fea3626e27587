import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface Frame {
  opcode: number;
  payload: Buffer;
}

/**
 * A WebSocket client on a bare TCP socket, as an attacker would write one: it frames and masks
 * what it is told to send and records what arrives, but never answers a close frame (or a ping),
 * so the server cannot count on a close handshake to end it.
 */
export class RawSocket {
  readonly frames: Frame[] = [];
  isEnded = false;
  private buffer = Buffer.alloc(0);

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => (this.isEnded = true));
    socket.on('error', () => (this.isEnded = true));
  }

  /** Opens `path` (with its query) on the server at `url`; rejects unless the server answers 101. */
  static open(url: string, path: string): Promise<RawSocket> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => {
        socket.write(
          `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
            `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
        );
      });
      let head = Buffer.alloc(0);
      const onHead = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end === -1) return;
        socket.off('data', onHead);
        if (!head.subarray(0, end).toString().startsWith('HTTP/1.1 101')) {
          socket.destroy();
          reject(new Error(head.subarray(0, end).toString().split('\r\n')[0]));
          return;
        }
        const raw = new RawSocket(socket);
        raw.receive(head.subarray(end + 4));
        resolve(raw);
      };
      socket.on('data', onHead);
      socket.once('error', reject);
    });
  }

  sendBinary(payload: Uint8Array): void {
    this.send(0x2, Buffer.from(payload));
  }

  sendText(text: string): void {
    this.send(0x1, Buffer.from(text));
  }

  /** Writes one masked frame (`fin` false: a fragment the server must hold until the rest). */
  send(opcode: number, payload: Buffer, fin = true): void {
    const length = payload.length;
    const header =
      length < 126
        ? Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | length])
        : length < 65536
          ? Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | 126, length >> 8, length & 0xff])
          : Buffer.concat([Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | 127]), bigLength(length)]);
    const mask = randomBytes(4);
    const masked = Buffer.alloc(length);
    for (let i = 0; i < length; i++) masked[i] = payload[i]! ^ mask[i & 3]!;
    this.socket.write(Buffer.concat([header, mask, masked]));
  }

  /** The close code of the first close frame the server sent, if any. */
  get closeCode(): number | null {
    const close = this.frames.find((frame) => frame.opcode === 0x8);
    return close && close.payload.length >= 2 ? close.payload.readUInt16BE(0) : null;
  }

  destroy(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.buffer.length < 2) return;
      let length = this.buffer[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffer.length < offset + length) return;
      this.frames.push({ opcode: this.buffer[0]! & 0x0f, payload: this.buffer.subarray(offset, offset + length) });
      this.buffer = this.buffer.subarray(offset + length);
    }
  }
}

function bigLength(length: number): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64BE(BigInt(length));
  return buffer;
}
