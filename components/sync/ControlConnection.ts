import { io, type Socket } from 'socket.io-client';
import { newId } from '../../lib/ids';
import type { CommandInput, CommandReply } from '../../lib/session/commands';
import type { SessionState } from '../../lib/session/state';
import { CONTROL_PATH, type ClientToServerEvents, type RosterEntry, type ServerToClientEvents } from '../../lib/wire';
import { reconnectDelayMs } from './reconnect';

export interface ControlState {
  roster: RosterEntry[];
  isConnected: boolean;
  session: SessionState | null;
  /** Server clock minus this device's clock, ms: every screen counts down the same timer. */
  clockOffsetMs: number;
}

/** How long a command waits for the server before it is reported as failed. */
const COMMAND_TIMEOUT_MS = 8000;

/** The control plane (socket.io): roster, session state, and commands with acknowledgements. */
export class ControlConnection {
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private readonly listeners = new Set<() => void>();
  private state: ControlState = { roster: [], isConnected: false, session: null, clockOffsetMs: 0 };

  constructor(code: string, token: string, hooks: { onEnded(): void; onBoardRefused(reason: string): void }) {
    this.socket = io({
      path: CONTROL_PATH,
      auth: { code, token },
      transports: ['websocket', 'polling'],
      reconnectionDelay: reconnectDelayMs(0),
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
    });
    this.socket.on('connect', () => this.set({ isConnected: true }));
    this.socket.on('disconnect', () => this.set({ isConnected: false }));
    this.socket.on('connect_error', (error) => {
      if (error.message === 'unauthorized') hooks.onEnded();
    });
    this.socket.on('roster', (roster) => this.set({ roster }));
    this.socket.on('session', ({ state, serverNow }) => {
      if (this.state.session && state.revision < this.state.session.revision) return; // a stale broadcast
      this.set({ session: state, clockOffsetMs: serverNow - Date.now() });
    });
    this.socket.on('board:refused', (reason) => hooks.onBoardRefused(reason));
    this.socket.on('session:ended', () => {
      this.socket.disconnect();
      hooks.onEnded();
    });
  }

  private set(change: Partial<ControlState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): ControlState => this.state;

  /**
   * Sends a command with a fresh id; socket.io buffers it while reconnecting, and the id
   * makes sure a command that is delivered twice is applied once.
   */
  send = (command: CommandInput): Promise<CommandReply> => {
    return new Promise((resolve) => {
      this.socket
        .timeout(COMMAND_TIMEOUT_MS)
        .emit('command', { ...command, id: newId() }, (error: Error | null, reply: CommandReply) =>
          resolve(error ? { ok: false, error: 'The server did not answer. Check the connection and try again.' } : reply),
        );
    });
  };

  destroy(): void {
    this.socket.disconnect();
  }
}
