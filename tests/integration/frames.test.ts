import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import * as wsModule from 'ws';
import WebSocket, { WebSocketServer } from 'ws';
import { canSendFramed, frameBinary, sendFramed } from '../../server/yjs/frames';

/**
 * Broadcast frames are built once and written to each socket through ws's internal sender. A ws
 * upgrade that changes that internal would silently fall back to `ws.send` (still correct, only
 * slower): the first test says so, the others check the bytes themselves.
 */

const SIZES = [0, 1, 125, 126, 127, 1_000, 65_535, 65_536, 70_000];

let server: WebSocketServer | null = null;
afterEach(() => {
  server?.close();
  server = null;
});

/** A connected pair: the server's side of the socket, and what the client receives. */
async function pair(): Promise<{ serverSide: WebSocket; received: Buffer[]; client: WebSocket }> {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await new Promise((resolve) => server!.once('listening', resolve));
  const accepted = new Promise<WebSocket>((resolve) => server!.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { perMessageDeflate: false });
  const received: Buffer[] = [];
  client.on('message', (data: Buffer) => received.push(data));
  await new Promise((resolve) => client.once('open', resolve));
  return { serverSide: await accepted, received, client };
}

function bytes(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);
}

describe('pre-framed broadcasts', () => {
  it('are written directly with the installed ws', async () => {
    const { serverSide, client } = await pair();
    expect(canSendFramed(serverSide)).toBe(true);
    client.close();
  });

  it('frame messages exactly as ws does', () => {
    // ws's own framing (exported, untyped): the reference for the bytes.
    const { Sender } = wsModule as unknown as { Sender: { frame(data: Buffer, options: object): Buffer[] } };
    for (const size of SIZES) {
      const message = bytes(size, size);
      const expected = Buffer.concat(
        Sender.frame(Buffer.from(message), { fin: true, opcode: 2, mask: false, readOnly: false, rsv1: false }),
      );
      expect(frameBinary(message).frame.equals(expected), `${size} bytes`).toBe(true);
    }
  });

  it('arrive intact and in order, interleaved with ordinary sends', async () => {
    const { serverSide, received, client } = await pair();
    const sent: Uint8Array[] = [];
    for (const [i, size] of SIZES.entries()) {
      const framed = frameBinary(bytes(size, i));
      sendFramed(serverSide, framed);
      sent.push(framed.message);
      const plain = bytes(size % 300, i + 100);
      serverSide.send(plain);
      sent.push(plain);
    }
    await expect.poll(() => received.length).toBe(sent.length);
    received.forEach((data, i) => expect(Buffer.compare(data, Buffer.from(sent[i]!)), `message ${i}`).toBe(0));
    client.close();
  });
});
