import { SessionStateSchema, initialSessionState, type SessionState } from '../../lib/session/state';
import { SIX_QUADRANTS, type Quadrant } from '../../lib/quadrants';
import type { AgendaTexts } from '../../lib/session/agenda';
import type { CommandReply } from '../../lib/session/commands';
import type { Logger } from '../log';
import type { Store } from '../storage/Store';

/** How many recent command ids a workshop remembers, to apply a retried command once. */
const REMEMBERED_COMMANDS = 500;
/** How many workshops' sessions stay in memory (a live workshop's is read many times a second). */
const RESIDENT_SESSIONS = 200;

/** What a workshop's first agenda is made from: its map, and the fixed steps' words in its language (English if none). */
export interface FirstAgenda {
  quadrants: readonly Quadrant[];
  texts?: AgendaTexts;
}

/**
 * Each workshop's session control state: in memory for speed, written to SQLite on every
 * change so a restart resumes at the same step with the same timer.
 */
export class Sessions {
  private readonly states = new Map<string, SessionState>();
  private readonly replies = new Map<string, Map<string, CommandReply>>();

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    /** The quadrants of a workshop's empathy map and the agenda's words in its language, for its first agenda. */
    private readonly firstAgendaOf: (workshopId: string) => FirstAgenda = () => ({ quadrants: SIX_QUADRANTS }),
    private readonly residentSessions = RESIDENT_SESSIONS,
  ) {}

  /** How many workshops' sessions are in memory now. */
  get residentCount(): number {
    return this.states.size;
  }

  get(workshopId: string): SessionState {
    let state = this.states.get(workshopId);
    if (state) {
      // Most recently used last, so the least used workshop is the first to leave memory.
      this.states.delete(workshopId);
    } else {
      state = this.load(workshopId);
    }
    this.remember(workshopId, state);
    return state;
  }

  /**
   * Keeps at most `residentSessions` workshops' sessions in memory (every change is already in
   * SQLite, so a session that leaves is read back when next needed): a server that has hosted
   * thousands of workshops holds only the recent ones.
   */
  private remember(workshopId: string, state: SessionState): void {
    this.states.set(workshopId, state);
    if (this.states.size <= this.residentSessions) return;
    const oldest = this.states.keys().next().value!;
    this.states.delete(oldest);
    this.replies.delete(oldest);
  }

  private load(workshopId: string): SessionState {
    const raw = this.store.loadSession(workshopId);
    if (raw === null) return this.initial(workshopId);
    try {
      const parsed = SessionStateSchema.safeParse(JSON.parse(raw));
      if (parsed.success) return parsed.data;
    } catch {
      // fall through
    }
    // Unreadable control state is not worth stopping a workshop for; the row is only
    // replaced when the facilitator next changes something.
    this.log.error({ workshopId }, 'stored session state is invalid; starting from the default agenda');
    return this.initial(workshopId);
  }

  private initial(workshopId: string): SessionState {
    const { quadrants, texts } = this.firstAgendaOf(workshopId);
    return initialSessionState(quadrants, texts);
  }

  set(workshopId: string, state: SessionState): void {
    this.store.saveSession(workshopId, JSON.stringify(state), state.revision);
    this.states.delete(workshopId);
    this.remember(workshopId, state);
  }

  /**
   * Drops the cached state of one workshop (or of all), so the next `get` reads storage: another
   * instance changed it (multi-instance mode), or notices may have been missed (a Redis outage).
   */
  forget(workshopId?: string): void {
    if (workshopId === undefined) this.states.clear();
    else this.states.delete(workshopId);
  }

  /** The reply already given to this command id, if it was seen before. */
  previousReply(workshopId: string, commandId: string): CommandReply | undefined {
    return this.replies.get(workshopId)?.get(commandId);
  }

  rememberReply(workshopId: string, commandId: string, reply: CommandReply): void {
    let replies = this.replies.get(workshopId);
    if (!replies) {
      replies = new Map();
      this.replies.set(workshopId, replies);
    }
    replies.set(commandId, reply);
    if (replies.size > REMEMBERED_COMMANDS) replies.delete(replies.keys().next().value!);
  }
}
