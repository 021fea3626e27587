import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE_CODES } from '../../lib/closeCodes';
import { newId } from '../../lib/ids';
import { LIMITS } from '../../lib/limits';
import { parseRoomCode } from '../../lib/roomCode';
import { YJS_PATH_PREFIX } from '../../lib/wire';
import type { Identity } from '../identity';
import type { Logger } from '../log';
import type { Workshops } from '../Workshops';
import { RoomConnection } from './RoomConnection';
import type { RoomRegistry } from './RoomRegistry';

export interface YjsEndpointOptions {
  messagesPerSecond: number;
  awarenessPerSecond: number;
  /** A connection that answers no ping for this long is dropped. */
  heartbeatMs: number;
}

export const DEFAULT_YJS_OPTIONS: YjsEndpointOptions = { messagesPerSecond: 200, awarenessPerSecond: 20, heartbeatMs: 30_000 };

function refuse(socket: Duplex, status: number, message: string): void {
  socket.end(`HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The y-websocket endpoint `/yjs/<CODE>?token=…`. The room and token are checked before the
 * upgrade, so an unknown code or a bad token never loads a document or opens a socket.
 */
export class YjsEndpoint {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.wsMaxPayloadBytes, perMessageDeflate: false });
  private readonly alive = new WeakSet<WebSocket>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly byParticipant = new Map<string, Set<RoomConnection>>();

  constructor(
    private readonly workshops: Workshops,
    private readonly rooms: RoomRegistry,
    private readonly log: Logger,
    private readonly options: YjsEndpointOptions = DEFAULT_YJS_OPTIONS,
  ) {
    this.wss.on('error', (error) => log.error({ err: error.message }, 'yjs server error'));
    this.heartbeat = setInterval(() => this.checkHeartbeats(), options.heartbeatMs);
    this.heartbeat.unref();
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const code = parseRoomCode(decodeURIComponent(url.pathname.slice(YJS_PATH_PREFIX.length)));
    const token = url.searchParams.get('token') ?? '';
    // One answer for an unknown code and a bad token: the upgrade is no oracle for live codes.
    const identity = this.workshops.identityFor(code, token);
    if (!identity) return refuse(socket, 401, 'Unauthorized');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, identity));
  }

  private accept(ws: WebSocket, identity: Identity): void {
    const conn = new RoomConnection(ws, identity, newId(), this.options);
    const log = this.log.child({ workshopId: identity.workshopId, connectionId: conn.connectionId });
    ws.on('error', (error) => log.warn({ err: error.message }, 'yjs socket error'));
    let room;
    try {
      room = this.rooms.open(identity.workshopId);
    } catch (error) {
      log.error({ err: (error as Error).message }, 'room failed to load');
      conn.close(CLOSE_CODES.roomUnavailable, 'room failed to load');
      return;
    }
    this.alive.add(ws);
    ws.on('pong', () => this.alive.add(ws));
    ws.on('message', (data, isBinary) => {
      if (!isBinary) return conn.close(CLOSE_CODES.malformed, 'expected binary frames');
      room.handleMessage(conn, toBytes(data));
    });
    ws.on('close', () => {
      this.forget(conn);
      room.removeConnection(conn);
      this.rooms.release(room);
    });
    this.remember(conn);
    room.addConnection(conn);
  }

  private remember(conn: RoomConnection): void {
    const set = this.byParticipant.get(conn.identity.participantId) ?? new Set();
    set.add(conn);
    this.byParticipant.set(conn.identity.participantId, set);
  }

  private forget(conn: RoomConnection): void {
    const set = this.byParticipant.get(conn.identity.participantId);
    set?.delete(conn);
    if (set?.size === 0) this.byParticipant.delete(conn.identity.participantId);
  }

  /** Closes every board connection of one participant (kicked, token revoked). */
  disconnectParticipant(participantId: string, code: number, reason: string): void {
    for (const conn of this.byParticipant.get(participantId) ?? []) conn.close(code as never, reason);
  }

  get connectionCount(): number {
    return this.wss.clients.size;
  }

  private checkHeartbeats(): void {
    for (const ws of this.wss.clients) {
      if (!this.alive.has(ws)) {
        ws.terminate();
        continue;
      }
      this.alive.delete(ws);
      ws.ping();
    }
  }

  /**
   * Draining: asks every client to reconnect elsewhere (4002). Updates already on their way
   * still arrive on the closing sockets and are applied and stored like any other.
   */
  beginStop(): void {
    for (const ws of this.wss.clients) ws.close(CLOSE_CODES.serverStopping, 'server stopping');
  }

  /** Asks the clients left to reconnect (4002) and cuts those whose close handshake never came. */
  close(): void {
    clearInterval(this.heartbeat);
    for (const ws of this.wss.clients) {
      if (ws.readyState === ws.OPEN) ws.close(CLOSE_CODES.serverStopping, 'server stopping');
      else ws.terminate();
    }
    this.wss.close();
  }
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
