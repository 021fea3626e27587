import { Server as EngineServer } from 'engine.io';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { Server, type Socket } from 'socket.io';
import { LIMITS } from '../../lib/limits';
import { parseRoomCode } from '../../lib/roomCode';
import { CONTROL_PATH, type ClientToServerEvents, type RosterEntry, type ServerToClientEvents } from '../../lib/wire';
import type { Identity } from '../identity';
import type { Logger } from '../log';
import type { Workshops } from '../Workshops';

interface SocketData {
  identity: Identity;
}

type ControlSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const roomOf = (workshopId: string) => `workshop:${workshopId}`;

/**
 * The facilitator's control plane over socket.io. Every socket is authenticated in the
 * handshake (room code + token); the roster is derived from who is connected.
 */
export class ControlPlane {
  readonly io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
  private readonly engine: EngineServer;
  /** Open control sockets per participant, for presence and for kicking. */
  private readonly online = new Map<string, Set<ControlSocket>>();

  constructor(
    private readonly workshops: Workshops,
    private readonly log: Logger,
  ) {
    // engine.io is driven by our own upgrade router and request handler, so socket.io never
    // attaches listeners to the HTTP server (and cannot destroy the Yjs endpoint's upgrades).
    this.engine = new EngineServer({
      maxHttpBufferSize: LIMITS.controlMaxPayloadBytes,
      pingInterval: 20_000,
      pingTimeout: 20_000,
    });
    this.io = new Server({ path: CONTROL_PATH, serveClient: false, maxHttpBufferSize: LIMITS.controlMaxPayloadBytes });
    this.io.bind(this.engine as never);
    this.io.use((socket, next) => {
      const identity = this.authenticate(socket.handshake.auth);
      if (!identity) {
        next(new Error('unauthorized'));
        return;
      }
      socket.data.identity = identity;
      next();
    });
    this.io.on('connection', (socket) => this.onConnection(socket));
  }

  private authenticate(auth: unknown): Identity | null {
    if (typeof auth !== 'object' || auth === null) return null;
    const { code, token } = auth as Record<string, unknown>;
    const parsedCode = parseRoomCode(code);
    if (!parsedCode || typeof token !== 'string' || token.length > 128) return null;
    const workshop = this.workshops.byCode(parsedCode);
    return workshop ? this.workshops.authenticate(workshop, token) : null;
  }

  private onConnection(socket: ControlSocket): void {
    const { identity } = socket.data;
    socket.on('error', (error) => this.log.warn({ participantId: identity.participantId, err: error.message }, 'control socket error'));
    const sockets = this.online.get(identity.participantId) ?? new Set();
    sockets.add(socket);
    this.online.set(identity.participantId, sockets);
    void socket.join(roomOf(identity.workshopId));
    this.broadcastRoster(identity.workshopId);
    socket.on('disconnect', () => {
      sockets.delete(socket);
      if (sockets.size === 0) this.online.delete(identity.participantId);
      this.broadcastRoster(identity.workshopId);
    });
  }

  roster(workshopId: string): RosterEntry[] {
    return this.workshops.participants(workshopId).map((p) => ({
      participantId: p.id,
      name: p.name,
      role: p.role,
      isOnline: this.online.has(p.id),
    }));
  }

  broadcastRoster(workshopId: string): void {
    this.io.to(roomOf(workshopId)).emit('roster', this.roster(workshopId));
  }

  handleRequest(req: IncomingMessage, res: ServerResponse): void {
    this.engine.handleRequest(req as never, res);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.engine.handleUpgrade(req as never, socket, head);
  }

  async close(): Promise<void> {
    this.io.disconnectSockets(true);
    await new Promise<void>((resolve) => {
      this.io.close(() => resolve());
    });
    this.engine.close();
  }
}
