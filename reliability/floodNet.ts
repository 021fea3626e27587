import { request } from 'node:http';
import WebSocket from 'ws';
import { CONTROL_PATH, YJS_PATH_PREFIX } from '../lib/wire';
import { ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH } from '../lib/roomCode';

/**
 * Clients for the flood script that choose their source address (any of 127/8 routes to lo on
 * Linux) and may send a spoofed `X-Forwarded-For`, which `fetch` cannot do.
 */

export interface From {
  /** Source address of the TCP connection, e.g. `127.0.0.7`. */
  localAddress?: string;
  /** A spoofed `X-Forwarded-For` value. */
  forwardedFor?: string;
}

export interface HttpReply {
  status: number;
  body: string;
}

/** POSTs JSON on a fresh connection (no keep-alive: every attempt is its own socket). */
export function postJson(baseUrl: string, pathname: string, body: unknown, from: From = {}): Promise<HttpReply> {
  const { hostname, port } = new URL(baseUrl);
  const payload = JSON.stringify(body);
  return new Promise((resolve) => {
    const req = request(
      {
        host: hostname,
        port,
        path: pathname,
        method: 'POST',
        agent: false,
        localAddress: from.localAddress,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...(from.forwardedFor ? { 'x-forwarded-for': from.forwardedFor } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(payload);
  });
}

/** A random room code from a seeded source (canonical form). */
export function randomCode(random: () => number): string {
  let code = '';
  for (let i = 0; i < ROOM_CODE_LENGTH; i++) code += ROOM_CODE_ALPHABET[Math.floor(random() * ROOM_CODE_ALPHABET.length)];
  return code;
}

/** The HTTP status a Yjs upgrade to `code` gets (101 when it opens; the socket is closed at once). */
export function yjsUpgradeStatus(baseUrl: string, code: string, token: string | null, from: From = {}): Promise<number> {
  const query = token ? `?token=${token}` : '';
  return new Promise((resolve) => {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${YJS_PATH_PREFIX}${code}${query}`, {
      localAddress: from.localAddress,
      headers: from.forwardedFor ? { 'x-forwarded-for': from.forwardedFor } : {},
    });
    ws.on('error', () => resolve(0));
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.terminate();
    });
  });
}

/**
 * The socket.io handshake with `{ code, token }` over a raw engine.io WebSocket: resolves with
 * the server's answer to the CONNECT packet (`44…` refused, `40…` accepted), compared as text.
 */
export function socketIoAuthReply(baseUrl: string, code: string, token: string, from: From = {}): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${CONTROL_PATH}/?EIO=4&transport=websocket`, {
      localAddress: from.localAddress,
      headers: from.forwardedFor ? { 'x-forwarded-for': from.forwardedFor } : {},
    });
    const timer = setTimeout(() => done('timeout'), 5_000);
    const done = (reply: string) => {
      clearTimeout(timer);
      resolve(reply);
      ws.terminate();
    };
    ws.on('error', () => done('error'));
    ws.on('unexpected-response', (_req, res) => done(`http ${res.statusCode}`));
    ws.on('message', (data) => {
      const text = data.toString();
      if (text.startsWith('0')) ws.send(`40${JSON.stringify({ code, token })}`);
      else if (text.startsWith('44')) done(text);
      else if (text.startsWith('40')) done('40 connected');
    });
  });
}
