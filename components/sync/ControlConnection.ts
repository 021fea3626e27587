import { io, type Socket } from 'socket.io-client';
import { newId } from '../../lib/ids';
import type { NoteColor } from '../../lib/note';
import type { QuadrantId } from '../../lib/quadrants';
import { ok, type Result } from '../../lib/result';
import type { CommandInput, CommandReply } from '../../lib/session/commands';
import type { DraftTarget, DraftView, MyVotes } from '../../lib/session/drafts';
import type { SessionState } from '../../lib/session/state';
import { CONTROL_PATH, type ClientToServerEvents, type RosterEntry, type ServerToClientEvents } from '../../lib/wire';
import { reconnectDelayMs } from './reconnect';
import { refusalText } from '../../lib/refusals';

export interface ControlState {
  roster: RosterEntry[];
  isConnected: boolean;
  session: SessionState | null;
  /** Server clock minus this device's clock, ms: every screen counts down the same timer. */
  clockOffsetMs: number;
  /** This participant's private notes the server has. */
  myDrafts: DraftView[];
  /** Private notes typed here that the server has not confirmed yet (or refused). */
  unsentDrafts: UnsentDraft[];
  /** How many private notes in the room wait for the reveal. */
  pendingDrafts: number;
  myVotes: MyVotes | null;
  /** Set when the facilitator rotated the room code. */
  newCode: string | null;
  /**
   * The control plane could not be reached, or did not send the session's state within
   * `SESSION_WAIT_MS` of opening (a paused instance, a stuck proxy). Cleared by the next state.
   */
  isUnreachable: boolean;
}

/** A private draft typed here: where it goes (its kind and place), its text, and the server's refusal if any. */
export type UnsentDraft = DraftTarget & {
  draftId: string;
  text: string;
  error: string | null;
};

/** How long a command waits for the server before it is reported as failed. */
const COMMAND_TIMEOUT_MS = 8000;

/** How long a screen waits for the session's first state before it says the server is not answering. */
export const SESSION_WAIT_MS = 10_000;

/** What a screen knows before the control plane has said anything. */
export const INITIAL_CONTROL_STATE: ControlState = {
  roster: [],
  isConnected: false,
  session: null,
  clockOffsetMs: 0,
  myDrafts: [],
  unsentDrafts: [],
  pendingDrafts: 0,
  myVotes: null,
  newCode: null,
  isUnreachable: false,
};

/** The control plane (socket.io): roster, session state, and commands with acknowledgements. */
export class ControlConnection {
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private readonly listeners = new Set<() => void>();
  private state: ControlState = INITIAL_CONTROL_STATE;

  constructor(code: string, token: string, hooks: { onEnded(): void }) {
    this.socket = io({
      path: CONTROL_PATH,
      auth: { code, token },
      // WebSocket only: no long-polling requests that a round-robin balancer would spread over
      // instances that do not know the session (no sticky sessions needed; issue #12).
      transports: ['websocket'],
      reconnectionDelay: reconnectDelayMs(0),
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
    });
    this.socket.on('connect', () => {
      this.refusedAttempts = 0;
      this.set({ isConnected: true });
    });
    this.socket.on('disconnect', () => this.set({ isConnected: false }));
    this.socket.on('connect_error', (error) => {
      if (error.message === 'unauthorized') return hooks.onEnded();
      this.set({ isUnreachable: true });
      // The server refused the handshake without ending the session ('unavailable': it could not
      // check the token, its database restarting). socket.io retries a lost transport by itself
      // but never a refusal (the socket is no longer active): try again, backing off.
      if (!this.socket.active) this.retryTimer = setTimeout(() => this.socket.connect(), reconnectDelayMs(this.refusedAttempts++));
    });
    this.socket.on('roster', (roster) => this.set({ roster }));
    this.socket.on('roster:update', (entry) => this.set({ roster: withEntry(this.state.roster, entry) }));
    this.socket.on('roster:remove', (participantId) =>
      this.set({ roster: this.state.roster.filter((entry) => entry.participantId !== participantId) }),
    );
    this.socket.on('session', ({ state, serverNow }) => {
      if (this.state.session && state.revision < this.state.session.revision) return; // a stale broadcast
      clearTimeout(this.sessionWaitTimer);
      this.set({ session: state, clockOffsetMs: serverNow - Date.now(), isUnreachable: false });
    });
    this.socket.on('drafts:mine', (myDrafts) => this.set({ myDrafts }));
    this.socket.on('drafts:pending', (pendingDrafts) => this.set({ pendingDrafts }));
    this.socket.on('votes:mine', (myVotes) => this.set({ myVotes }));
    this.socket.on('workshop:code', (newCode) => this.set({ newCode }));
    this.socket.on('session:ended', () => {
      this.socket.disconnect();
      hooks.onEnded();
    });
    this.waitForSession();
  }

  /** Starts the wait for the session's first state (again, after a retry). */
  private waitForSession(): void {
    clearTimeout(this.sessionWaitTimer);
    if (this.state.session) return;
    this.sessionWaitTimer = setTimeout(() => this.set({ isUnreachable: true }), SESSION_WAIT_MS);
  }

  /**
   * Opens the control plane afresh now, rather than after socket.io's backoff: the person asked
   * to try again. A connection that was up but never answered is replaced too.
   */
  retry = (): void => {
    clearTimeout(this.retryTimer);
    this.refusedAttempts = 0;
    this.set({ isUnreachable: false });
    this.socket.disconnect().connect();
    this.waitForSession();
  };

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
          resolve(error ? { ok: false, error: refusalText('serverDidNotAnswer') } : reply),
        );
    });
  };

  /** Adds a private note on the empathy map (see `addPrivate`). */
  addDraft = (quadrant: QuadrantId, text: string, color: NoteColor = 'yellow'): Result<unknown> =>
    this.addPrivate({ kind: 'note', quadrant, color }, text);

  /**
   * Adds a private draft of any kind (a map note, a journey note, a question, an action). It shows
   * at once as unsent and stays (with its text) until the server confirms it; the draft id makes
   * a retry safe.
   */
  addPrivate = (target: DraftTarget, text: string): Result<unknown> => {
    const draft: UnsentDraft = { ...target, draftId: newId(), text: text.trim(), error: null };
    if (!draft.text)
      return {
        ok: false,
        error: target.kind === 'note' || target.kind === 'journeyNote' ? refusalText('noteEmpty') : refusalText('writeSomething'),
      };
    this.set({ unsentDrafts: [...this.state.unsentDrafts, draft] });
    void this.sendDraft(draft);
    return ok(draft);
  };

  retryDraft = (draftId: string): void => {
    const draft = this.state.unsentDrafts.find((d) => d.draftId === draftId);
    if (draft) void this.sendDraft(draft);
  };

  private async sendDraft(draft: UnsentDraft): Promise<void> {
    const { error: _error, ...fields } = draft;
    const reply = await this.send({ type: 'draft.add', ...fields });
    const others = this.state.unsentDrafts.filter((d) => d.draftId !== draft.draftId);
    this.set({ unsentDrafts: reply.ok ? others : [...others, { ...draft, error: reply.error }] });
  }

  private refusedAttempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private sessionWaitTimer: ReturnType<typeof setTimeout> | undefined;

  destroy(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.sessionWaitTimer);
    this.socket.disconnect();
  }
}

/** The roster with one entry replaced in place, or added at the end (people are listed in join order). */
function withEntry(roster: RosterEntry[], entry: RosterEntry): RosterEntry[] {
  const at = roster.findIndex((existing) => existing.participantId === entry.participantId);
  if (at === -1) return [...roster, entry];
  return roster.map((existing, i) => (i === at ? entry : existing));
}
