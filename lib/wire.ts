import type { Role } from './api';

/** The control plane's socket.io path, shared by server and browser. */
export const CONTROL_PATH = '/socket.io';
/** The Yjs endpoint: `/yjs/<CODE>?token=…`. */
export const YJS_PATH_PREFIX = '/yjs/';

export interface RosterEntry {
  participantId: string;
  name: string;
  role: Role;
  isOnline: boolean;
}

/** Events the server sends over socket.io. */
export interface ServerToClientEvents {
  roster: (entries: RosterEntry[]) => void;
  /** This session ended (kicked, token revoked): stop reconnecting. */
  'session:ended': (reason: string) => void;
}

/** Commands a browser sends over socket.io. Every payload is parsed on the server. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}

/** What the socket.io handshake carries in `auth`. */
export interface ControlAuth {
  code: string;
  token: string;
}
