import { setupWSConnection } from '@y/websocket-server/utils';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { reportLoopDelayOnSignal } from './serverProbe';

/**
 * The reference y-websocket server (`@y/websocket-server` 0.1.1, in-memory, no persistence) as
 * the benchmark's child process. This is its own `src/server.js` with two changes: port 0 on
 * 127.0.0.1 with the chosen address printed, and the same `ws` 8 as our server (its bin would
 * load its optional `ws` 6), so the comparison is between the Yjs layers. An `error` listener
 * per socket keeps one bad frame from ending the run. Prints `{ url, pid }` on stdout, then
 * its event-loop delay on each SIGUSR2.
 */
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (ws, req) => {
  ws.on('error', () => ws.terminate());
  setupWSConnection(ws, req);
});

const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('okay');
});
server.on('upgrade', (req, socket, head) => {
  socket.on('error', () => socket.destroy());
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, pid: process.pid })}\n`);
  reportLoopDelayOnSignal();
});

const stop = () => process.exit(0);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
