import { io, type Socket } from 'socket.io-client';
import { CONTROL_PATH, type ClientToServerEvents, type RosterEntry, type ServerToClientEvents } from '../../lib/wire';
import { reconnectDelayMs } from './reconnect';

export interface ControlState {
  roster: RosterEntry[];
  isConnected: boolean;
}

/** The control plane (socket.io): roster now, facilitator commands later. */
export class ControlConnection {
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private readonly listeners = new Set<() => void>();
  private state: ControlState = { roster: [], isConnected: false };

  constructor(code: string, token: string, onEnded: () => void) {
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
      if (error.message === 'unauthorized') onEnded();
    });
    this.socket.on('roster', (roster) => this.set({ roster }));
    this.socket.on('session:ended', () => {
      this.socket.disconnect();
      onEnded();
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

  destroy(): void {
    this.socket.disconnect();
  }
}
