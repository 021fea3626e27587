import { Server as EngineServer } from 'engine.io';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { Server, type Socket } from 'socket.io';
import { LIMITS } from '../../lib/limits';
import { parseRoomCode } from '../../lib/roomCode';
import { CONTROL_PATH, type ClientToServerEvents, type ServerToClientEvents } from '../../lib/wire';
import type { Cluster } from '../cluster/Cluster';
import { PRESENCE_HEARTBEAT_MS, type ClusterPresence } from '../cluster/ClusterPresence';
import type { Identity } from '../identity';
import type { Logger } from '../log';
import { TokenBucket } from '../tokenBucket';
import type { Workshops } from '../Workshops';
import type { CommandHandler } from './CommandHandler';
import { inBackground } from './inBackground';
import { Roster, rosterEntry } from './Roster';
import { refusalText } from '../../lib/refusals';

interface SocketData {
  identity: Identity;
  budget: TokenBucket;
}

export type ControlSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const roomOf = (workshopId: string) => `workshop:${workshopId}`;
/** Each participant's own sockets, on every instance: private payloads (drafts, dots) and kicks go here. */
const participantRoom = (participantId: string) => `participant:${participantId}`;
/** Commands one socket may send per second (bursts of twice that). */
const COMMANDS_PER_SECOND = 10;

/**
 * The control plane over socket.io. Every socket is authenticated in the handshake (room
 * code + token); every command is parsed and authorized by the `CommandHandler`.
 */
export class ControlPlane {
  readonly io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
  private readonly engine: EngineServer;
  /** Open control sockets per participant, for presence and for kicking. */
  private readonly online = new Map<string, Set<ControlSocket>>();
  private commands: CommandHandler | null = null;
  /** Who is online on the other instances (multi-instance mode only). */
  private readonly presence: ClusterPresence | null;
  private readonly roster: Roster;

  constructor(
    private readonly workshops: Workshops,
    private readonly log: Logger,
    private readonly options: {
      /** Control sockets one participant may hold; a new one closes the oldest. */
      connectionsPerParticipant?: number;
      /** Told when a socket's command was refused by its rate limit. For metrics. */
      onRateLimited?: () => void;
      /** The multi-instance mode: rooms and broadcasts span instances (the Redis adapter), presence is shared. */
      cluster?: Cluster | null;
    } = {},
  ) {
    // engine.io is driven by our own upgrade router and request handler, so socket.io never
    // attaches listeners to the HTTP server (and cannot destroy the Yjs endpoint's upgrades).
    this.engine = new EngineServer({ maxHttpBufferSize: LIMITS.controlMaxPayloadBytes, pingInterval: 20_000, pingTimeout: 20_000 });
    this.io = new Server({
      path: CONTROL_PATH,
      serveClient: false,
      maxHttpBufferSize: LIMITS.controlMaxPayloadBytes,
      ...(options.cluster ? { adapter: options.cluster.adapter } : {}),
    });
    this.presence =
      options.cluster?.usePresence(
        (workshopId, ids) => inBackground(this.log, this.roster.announce(workshopId, ids, false)),
        () => this.roster.reannounceOnline(),
      ) ?? null;
    this.roster = new Roster(workshops, this.online, this.presence, (workshopId) => this.toWorkshop(workshopId), log);
    options.cluster?.bus.on('kick', ({ participantId, reason }) => this.endLocally(participantId, reason));
    this.io.bind(this.engine as never);
    this.io.use(async (socket, next) => {
      let identity: Identity | null;
      try {
        identity = await this.authenticate(socket.handshake.auth);
      } catch (error) {
        this.log.error({ err: (error as Error).message }, 'control handshake failed');
        next(new Error('unavailable'));
        return;
      }
      if (!identity) {
        this.log.warn({ address: socket.handshake.address }, 'control handshake refused');
        next(new Error('unauthorized'));
        return;
      }
      socket.data.identity = identity;
      socket.data.budget = new TokenBucket(COMMANDS_PER_SECOND, COMMANDS_PER_SECOND * 2);
      next();
    });
    this.io.on('connection', (socket) => {
      this.onConnection(socket).catch((error: Error) => {
        this.log.error({ participantId: socket.data.identity.participantId, err: error.message }, 'control connection setup failed');
        socket.disconnect(true);
      });
    });
  }

  /** Wired after construction: the handler needs the control plane to broadcast. */
  useCommands(commands: CommandHandler): void {
    this.commands = commands;
  }

  private async authenticate(auth: unknown): Promise<Identity | null> {
    if (typeof auth !== 'object' || auth === null) return null;
    const { code, token } = auth as Record<string, unknown>;
    const parsedCode = parseRoomCode(code);
    if (!parsedCode || typeof token !== 'string' || token.length > 128) return null;
    const workshop = await this.workshops.byCodeForMember(parsedCode);
    return workshop ? this.workshops.authenticate(workshop, token) : null;
  }

  private async onConnection(socket: ControlSocket): Promise<void> {
    const { identity } = socket.data;
    socket.on('error', (error) => this.log.warn({ participantId: identity.participantId, err: error.message }, 'control socket error'));
    // Listening before the first await: a command sent right after connecting is not lost.
    socket.on('command', (command: unknown, ack: unknown) => void this.onCommand(socket, command, ack));
    const sockets = this.online.get(identity.participantId) ?? new Set();
    const wasOnline = sockets.size > 0;
    sockets.add(socket);
    this.online.set(identity.participantId, sockets);
    this.makeRoom(sockets);
    this.presence?.set(identity.workshopId, identity.participantId, sockets.size);
    void socket.join([roomOf(identity.workshopId), participantRoom(identity.participantId)]);
    // The whole roster to this socket only; everyone else hears of the one entry that changed.
    socket.on('disconnect', () => {
      sockets.delete(socket);
      if (sockets.size > 0 || this.online.get(identity.participantId) !== sockets) return;
      this.online.delete(identity.participantId);
      this.presence?.set(identity.workshopId, identity.participantId, 0);
      inBackground(this.log, this.roster.wentOffline(identity));
    });
    await this.roster.send(socket);
    if (!wasOnline) socket.to(roomOf(identity.workshopId)).emit('roster:update', rosterEntry(identity, true));
    await this.commands?.sendState(socket);
    // Someone who joined before the code was rotated learns the new one, to show and share.
    const currentCode = await this.workshops.codeOf(identity.workshopId);
    if (currentCode && parseRoomCode((socket.handshake.auth as Record<string, unknown>).code) !== currentCode) {
      socket.emit('workshop:code', currentCode);
    }
  }

  /**
   * Past the cap, the participant's oldest control socket goes: its transport is closed, so a
   * tab still open reconnects (and the then-oldest makes way), while a dead one is gone for good.
   */
  private makeRoom(sockets: Set<ControlSocket>): void {
    while (sockets.size > (this.options.connectionsPerParticipant ?? 8)) {
      const oldest = sockets.values().next().value!;
      sockets.delete(oldest);
      this.log.info({ participantId: oldest.data.identity.participantId }, 'oldest control socket closed: too many');
      oldest.conn.close();
    }
  }

  private async onCommand(socket: ControlSocket, command: unknown, ack: unknown): Promise<void> {
    const { identity } = socket.data;
    const reply = typeof ack === 'function' ? (ack as (value: unknown) => void) : () => undefined;
    if (!socket.data.budget.take()) {
      this.options.onRateLimited?.();
      reply({ ok: false, error: refusalText('tooManyCommands'), status: 429 });
      return;
    }
    try {
      // A kicked participant's open socket must not act on an old identity.
      if (!(await this.workshops.isStillIn(identity))) {
        reply({ ok: false, error: refusalText('noLongerInWorkshop') });
        terminate(socket);
        return;
      }
      reply((await this.commands?.handle(identity, command)) ?? { ok: false, error: refusalText('notReady') });
    } catch (error) {
      this.log.error({ participantId: identity.participantId, err: (error as Error).message }, 'command failed');
      reply({ ok: false, error: refusalText('serverFailed') });
    }
  }

  /** Tells everyone a participant left the roster (removed by the facilitator). */
  rosterRemoved(workshopId: string, participantId: string): void {
    this.toWorkshop(workshopId).emit('roster:remove', participantId);
  }

  toWorkshop(workshopId: string) {
    return this.io.to(roomOf(workshopId));
  }

  /** Private payloads (drafts, own votes) go to their owner's sockets only (on every instance), never to a workshop's room. */
  toParticipant(participantId: string) {
    return this.io.to(participantRoom(participantId));
  }

  /**
   * Ends every control socket of a removed participant: here at once (no close handshake to wait
   * out), and on the other instances through the adapter (the reason first, then the disconnect,
   * in stream order).
   */
  endParticipant(participantId: string, reason: string): void {
    this.endLocally(participantId, reason);
    if (!this.options.cluster) return;
    // Two paths on purpose: the notice is immediate (and also ends the board sockets, see
    // createAppServer), the adapter's stream survives a subscriber's brief disconnect.
    this.options.cluster.bus.publish({ kind: 'kick', participantId, reason });
    this.toParticipant(participantId).emit('session:ended', reason);
    this.io.in(participantRoom(participantId)).disconnectSockets(true);
  }

  /** The session changed: the other instances reread it from storage when next needed. */
  sessionChanged(workshopId: string): void {
    this.options.cluster?.bus.publish({ kind: 'session', workshopId });
  }

  private endLocally(participantId: string, reason: string): void {
    const sockets = this.online.get(participantId);
    this.online.delete(participantId);
    for (const socket of sockets ?? []) {
      this.presence?.set(socket.data.identity.workshopId, participantId, 0);
      socket.emit('session:ended', reason);
      terminate(socket);
    }
  }

  /**
   * After a Redis outage (notices and broadcasts may have been missed): ends the sockets of people
   * removed meanwhile and sends everyone here the session and their own state again, then the
   * roster once the other instances have rewritten their presence (their next heartbeat).
   */
  async resync(): Promise<void> {
    for (const sockets of [...this.online.values()]) {
      const identity = sockets.values().next().value?.data.identity;
      if (identity && !(await this.workshops.isStillIn(identity))) {
        this.endLocally(identity.participantId, 'The facilitator removed you from this workshop.');
        continue;
      }
      for (const socket of sockets) if (this.commands) inBackground(this.log, this.commands.sendState(socket));
    }
    setTimeout(() => {
      for (const sockets of this.online.values()) for (const socket of sockets) inBackground(this.log, this.roster.send(socket));
    }, PRESENCE_HEARTBEAT_MS * 2).unref();
  }

  handleRequest(req: IncomingMessage, res: ServerResponse): void {
    this.engine.handleRequest(req as never, res);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.engine.handleUpgrade(req as never, socket, head);
  }

  /** Open engine.io connections (one per browser tab's control socket). */
  get connectionCount(): number {
    return this.engine.clientsCount;
  }

  /**
   * Draining: tells every screen the server is stopping, then closes each transport. Not a
   * socket.io disconnect: after that the client would stop; after a transport close it
   * reconnects by itself (to another instance, or to this one's successor).
   */
  beginStop(): void {
    // Only this instance's clients: through the adapter, a plain emit would reach every instance's.
    this.io.local.emit('server:stopping');
    // Every engine.io connection, also those that never completed a socket.io handshake (a
    // refused token): `close()` without discard sends what is queued (the event above) first.
    const { clients } = this.engine as unknown as { clients: Record<string, { close(): void }> };
    for (const client of Object.values(clients)) client.close();
  }

  async close(): Promise<void> {
    this.io.local.disconnectSockets(true); // this instance's sockets, not the cluster's
    await new Promise<void>((resolve) => {
      this.io.close(() => resolve());
    });
    this.engine.close();
  }
}

/**
 * Disconnects a socket and drops its connection at once. engine.io closes a WebSocket transport
 * with a close handshake, which a hostile client can leave hanging for ws's 30 s timeout; once
 * the queued packets (the reason) are written, the raw socket is destroyed instead.
 */
function terminate(socket: ControlSocket): void {
  const conn = socket.conn;
  conn.once('close', () => {
    const raw = (conn.transport as unknown as { socket?: { terminate?: () => void } }).socket;
    if (typeof raw?.terminate === 'function') raw.terminate();
  });
  socket.disconnect(true);
}
