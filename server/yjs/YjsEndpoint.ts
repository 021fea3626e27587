import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE_CODES, type CloseCode } from '../../lib/closeCodes';
import { newId } from '../../lib/ids';
import { parseRoomCode } from '../../lib/roomCode';
import { YJS_PATH_PREFIX } from '../../lib/wire';
import type { Identity } from '../identity';
import { DEFAULT_SERVER_LIMITS, type ServerLimits } from '../limits';
import type { Logger } from '../log';
import type { Workshops } from '../Workshops';
import { InFlightBudget, type InFlight } from './InFlightBudget';
import { RoomConnection } from './RoomConnection';
import type { RoomRegistry } from './RoomRegistry';
import type { YjsRoom } from './YjsRoom';

export interface YjsEndpointOptions extends Pick<
  ServerLimits,
  'connectionsPerParticipant' | 'wsMaxMessageBytes' | 'wsInFlightBytes' | 'syncRequestsPerMinute'
> {
  messagesPerSecond: number;
  awarenessPerSecond: number;
  /** A connection that answers no ping for this long is dropped. */
  heartbeatMs: number;
}

export const DEFAULT_YJS_OPTIONS: YjsEndpointOptions = {
  messagesPerSecond: 200,
  awarenessPerSecond: 20,
  heartbeatMs: 30_000,
  connectionsPerParticipant: DEFAULT_SERVER_LIMITS.connectionsPerParticipant,
  wsMaxMessageBytes: DEFAULT_SERVER_LIMITS.wsMaxMessageBytes,
  wsInFlightBytes: DEFAULT_SERVER_LIMITS.wsInFlightBytes,
  syncRequestsPerMinute: DEFAULT_SERVER_LIMITS.syncRequestsPerMinute,
};

function refuse(socket: Duplex, status: number, message: string): void {
  socket.end(`HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The y-websocket endpoint `/yjs/<CODE>?token=…`. The room and token are checked before the
 * upgrade, so an unknown code or a bad token never loads a document or opens a socket.
 */
export class YjsEndpoint {
  private readonly wss: WebSocketServer;
  private readonly alive = new WeakSet<WebSocket>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly byParticipant = new Map<string, Set<RoomConnection>>();
  private readonly inFlight: InFlightBudget;

  constructor(
    private readonly workshops: Workshops,
    private readonly rooms: RoomRegistry,
    private readonly log: Logger,
    private readonly options: YjsEndpointOptions = DEFAULT_YJS_OPTIONS,
  ) {
    // ws bounds one message (fragments counted together); the budget bounds them all at once.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.wsMaxMessageBytes, perMessageDeflate: false });
    this.inFlight = new InFlightBudget(options.wsInFlightBytes);
    this.wss.on('error', (error) => log.error({ err: error.message }, 'yjs server error'));
    this.heartbeat = setInterval(() => this.checkHeartbeats(), options.heartbeatMs);
    this.heartbeat.unref();
  }

  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const code = parseRoomCode(decodeURIComponent(url.pathname.slice(YJS_PATH_PREFIX.length)));
    const token = url.searchParams.get('token') ?? '';
    // One answer for an unknown code and a bad token: the upgrade is no oracle for live codes.
    let identity: Identity | null;
    try {
      identity = await this.workshops.identityFor(code, token);
    } catch (error) {
      this.log.error({ err: (error as Error).message }, 'checking a yjs token failed');
      return refuse(socket, 503, 'Service Unavailable');
    }
    if (!identity) return refuse(socket, 401, 'Unauthorized');
    if (socket.destroyed) return;
    const shed: { conn: RoomConnection | null } = { conn: null };
    const inFlight = this.inFlight.track(() => {
      this.log.warn({ connectionId: shed.conn?.connectionId }, 'half-received messages over budget: connection dropped');
      if (shed.conn) shed.conn.terminate(CLOSE_CODES.overloaded, 'server busy');
      else socket.destroy();
    });
    // Registered before ws's own listener, so each chunk is counted before it is parsed.
    socket.on('data', inFlight.onData);
    socket.once('close', () => inFlight.release());
    this.wss.handleUpgrade(req, socket, head, (ws) => (shed.conn = this.accept(ws, identity, inFlight)));
  }

  /**
   * Listens at once, so nothing the client sends while its room loads is lost: those frames wait
   * (in order, counted against the in-flight budget) and go to the room once it is there.
   */
  private accept(ws: WebSocket, identity: Identity, inFlight: InFlight): RoomConnection {
    const conn = new RoomConnection(ws, identity, newId(), this.options);
    const log = this.log.child({ workshopId: identity.workshopId, connectionId: conn.connectionId });
    ws.on('error', (error) => log.warn({ err: error.message }, 'yjs socket error'));
    ws.on('ping', (data) => inFlight.settle(data.length));
    this.alive.add(ws);
    ws.on('pong', (data) => {
      inFlight.settle(data.length);
      this.alive.add(ws);
    });
    let room: YjsRoom | null = null;
    let early: Uint8Array[] | null = [];
    ws.on('message', (data, isBinary) => {
      const bytes = toBytes(data);
      // Settled once handled: frames held while the room loads still count against the budget.
      if (!early) inFlight.settle(bytes.byteLength);
      // Once the server has closed a connection, nothing more it sends is handled.
      if (!conn.isOpen) return;
      if (!isBinary) return conn.close(CLOSE_CODES.malformed, 'expected binary frames');
      if (room) room.receive(conn, bytes);
      else early?.push(bytes);
    });
    ws.on('close', () => {
      this.forget(conn);
      // Still loading: what it sent waits for the room (applied unless the server closed it).
      if (!room) return;
      room.removeConnection(conn);
      this.rooms.release(room);
    });
    this.remember(conn);
    this.rooms.open(identity.workshopId).then(
      (loaded) => {
        const held = early ?? [];
        early = null;
        for (const bytes of held) inFlight.settle(bytes.byteLength);
        if (conn.wasClosedByServer) return this.rooms.release(loaded);
        // A client that closed while its room loaded still gets what it sent applied and stored.
        if (!conn.isOpen) {
          for (const bytes of held) loaded.receive(conn, bytes);
          return this.rooms.release(loaded);
        }
        room = loaded;
        loaded.addConnection(conn);
        for (const bytes of held) loaded.receive(conn, bytes);
      },
      (error: Error) => {
        early = null;
        log.error({ err: error.message }, 'room failed to load');
        conn.close(CLOSE_CODES.roomUnavailable, 'room failed to load');
      },
    );
    return conn;
  }

  /**
   * Past the cap, the participant's oldest connection makes way (4009): a tab still open
   * reconnects, a dead one (a phone that changed network) is gone for good.
   */
  private remember(conn: RoomConnection): void {
    const set = this.byParticipant.get(conn.identity.participantId) ?? new Set();
    set.add(conn);
    this.byParticipant.set(conn.identity.participantId, set);
    for (const oldest of set) {
      if (set.size <= this.options.connectionsPerParticipant) break;
      set.delete(oldest);
      oldest.terminate(CLOSE_CODES.tooManyConnections, 'too many connections');
    }
  }

  private forget(conn: RoomConnection): void {
    const set = this.byParticipant.get(conn.identity.participantId);
    set?.delete(conn);
    if (set?.size === 0) this.byParticipant.delete(conn.identity.participantId);
  }

  /** Drops every board connection of one participant at once (kicked): nothing more is served or handled. */
  terminateParticipant(participantId: string, code: CloseCode, reason: string): void {
    for (const conn of this.byParticipant.get(participantId) ?? []) conn.terminate(code, reason);
  }

  /** Drops the board connections of everyone `isGone` says has left (e.g. removed while notices were lost). */
  async terminateWhere(isGone: (identity: Identity) => Promise<boolean>, code: CloseCode, reason: string): Promise<void> {
    const identities = [...this.byParticipant.values()].flatMap((conns) => conns.values().next().value?.identity ?? []);
    for (const identity of identities) {
      if (await isGone(identity)) this.terminateParticipant(identity.participantId, code, reason);
    }
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
