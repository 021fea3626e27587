import type { Role } from './api';
import type { CommandReply } from './session/commands';
import type { DraftView, MyVotes } from './session/drafts';
import type { SessionState } from './session/state';

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

/** The session state with the server's clock, so every screen shows the same countdown. */
export interface SessionBroadcast {
  state: SessionState;
  serverNow: number;
}

/** Events the server sends over socket.io. */
export interface ServerToClientEvents {
  /** The whole roster, sent once to each socket as it connects. */
  roster: (entries: RosterEntry[]) => void;
  /** One person joined, came online or went offline: replace (or add) their entry. */
  'roster:update': (entry: RosterEntry) => void;
  /** One person left the workshop (removed by the facilitator): drop their entry. */
  'roster:remove': (participantId: string) => void;
  session: (broadcast: SessionBroadcast) => void;
  /** The facilitator gave the workshop a new room code (the old one admits nobody new). */
  'workshop:code': (code: string) => void;
  /** This session ended (kicked, token revoked): stop reconnecting. */
  'session:ended': (reason: string) => void;
  /** This participant's own private notes (never anyone else's). */
  'drafts:mine': (drafts: DraftView[]) => void;
  /** How many private notes wait for the reveal (a count, never their text). */
  'drafts:pending': (count: number) => void;
  /** This participant's own dots in the open round (rounds are blind until closed). */
  'votes:mine': (votes: MyVotes) => void;
  /**
   * This instance is draining (a deploy or restart): the transport closes right after, and
   * socket.io-client reconnects by itself, to another instance or to this one's successor.
   */
  'server:stopping': () => void;
}

/** What a browser sends over socket.io. Every payload is parsed on the server (`CommandSchema`). */
export interface ClientToServerEvents {
  command: (command: unknown, ack: (reply: CommandReply) => void) => void;
}

/** What the socket.io handshake carries in `auth`. */
export interface ControlAuth {
  code: string;
  token: string;
}
