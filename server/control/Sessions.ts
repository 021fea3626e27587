import { SessionStateSchema, initialSessionState, type SessionState } from '../../lib/session/state';
import { SIX_QUADRANTS, type Quadrant } from '../../lib/quadrants';
import type { AgendaTexts } from '../../lib/session/agenda';
import type { CommandReply } from '../../lib/session/commands';
import type { Logger } from '../log';
import { fail, ok, type Result } from '../../lib/result';
import type { SessionStore } from '../storage/ports';
import { refusalText } from '../../lib/refusals';

/** How many recent command ids a workshop remembers, to apply a retried command once. */
const REMEMBERED_COMMANDS = 500;
/** How many workshops' sessions stay in memory (a live workshop's is read many times a second). */
const RESIDENT_SESSIONS = 200;

/** What a workshop's first agenda is made from: its map, and the fixed steps' words in its language (English if none). */
export interface FirstAgenda {
  quadrants: readonly Quadrant[];
  texts?: AgendaTexts;
}

/** How often a write that lost the compare-and-set reloads and decides again. */
const WRITE_ATTEMPTS = 4;

interface Cached {
  state: SessionState;
  /** The revision of the stored row this state was read from or written as (null: no row yet). */
  storedRevision: number | null;
  /**
   * Another instance may have written since (`forget`): commands and screens wait for the stored
   * one, but a live board's door still reads this copy until it arrives (`peek`).
   */
  isStale?: boolean;
}

/**
 * Each workshop's session control state: in memory for speed, written to storage on every
 * change so a restart resumes at the same step with the same timer. Every write is a
 * compare-and-set on the stored revision: a writer that decided on a stale copy (another
 * instance wrote meanwhile) reloads and decides again, so no change is ever overwritten.
 */
export class Sessions {
  private readonly states = new Map<string, Cached>();
  private readonly loads = new Map<string, Promise<Cached>>();
  private readonly replies = new Map<string, Map<string, CommandReply>>();

  constructor(
    private readonly store: SessionStore,
    private readonly log: Logger,
    /** The quadrants of a workshop's empathy map and the agenda's words in its language, for its first agenda. */
    private readonly firstAgendaOf: (workshopId: string) => Promise<FirstAgenda> = async () => ({ quadrants: SIX_QUADRANTS }),
    private readonly residentSessions = RESIDENT_SESSIONS,
    /** Workshops whose session must stay in memory (their board is live: its door reads the lock synchronously). */
    private readonly isPinned: (workshopId: string) => boolean = () => false,
  ) {}

  /** How many workshops' sessions are in memory now. */
  get residentCount(): number {
    return this.states.size;
  }

  async get(workshopId: string): Promise<SessionState> {
    return (await this.entry(workshopId)).state;
  }

  /**
   * The session in memory, without waiting: for the Yjs door, which decides on every update.
   * The room registry loads it before a room opens, and a live room's session stays resident.
   */
  peek(workshopId: string): SessionState | undefined {
    return this.states.get(workshopId)?.state;
  }

  private async entry(workshopId: string): Promise<Cached> {
    const cached = this.states.get(workshopId);
    if (cached && !cached.isStale) {
      this.remember(workshopId, cached); // most recently used last
      return cached;
    }
    let loading = this.loads.get(workshopId);
    if (!loading) {
      const started = this.load(workshopId).finally(() => {
        if (this.loads.get(workshopId) === started) this.loads.delete(workshopId);
      });
      loading = started;
      this.loads.set(workshopId, loading);
    }
    const loaded = await loading;
    // A write that landed while this load was on its way is newer: keep it.
    const current = this.states.get(workshopId);
    const fresh = current && !current.isStale ? current : loaded;
    this.remember(workshopId, fresh);
    return fresh;
  }

  /**
   * Keeps at most `residentSessions` workshops' sessions in memory (every change is already
   * stored, so a session that leaves is read back when next needed), live boards' always.
   */
  private remember(workshopId: string, cached: Cached): void {
    this.states.delete(workshopId);
    this.states.set(workshopId, cached);
    for (const oldest of this.states.keys()) {
      if (this.states.size <= this.residentSessions) break;
      if (this.isPinned(oldest)) continue;
      this.states.delete(oldest);
      this.replies.delete(oldest);
    }
  }

  private async load(workshopId: string): Promise<Cached> {
    const stored = await this.store.load(workshopId);
    if (stored === null) return { state: await this.initial(workshopId), storedRevision: null };
    try {
      const parsed = SessionStateSchema.safeParse(JSON.parse(stored.state));
      if (parsed.success) return { state: parsed.data, storedRevision: stored.revision };
    } catch {
      // fall through
    }
    // Unreadable control state is not worth stopping a workshop for; the row is only
    // replaced when the facilitator next changes something (the revisions carry on from it).
    this.log.error({ workshopId }, 'stored session state is invalid; starting from the default agenda');
    return { state: { ...(await this.initial(workshopId)), revision: stored.revision }, storedRevision: stored.revision };
  }

  private async initial(workshopId: string): Promise<SessionState> {
    const { quadrants, texts } = await this.firstAgendaOf(workshopId);
    return initialSessionState(quadrants, texts);
  }

  /**
   * Decides the next state from the current one and stores it if nobody wrote in between;
   * otherwise reloads and decides again (`decide` may run more than once, so it only computes).
   */
  async update(
    workshopId: string,
    decide: (state: SessionState) => Result<SessionState> | Promise<Result<SessionState>>,
  ): Promise<Result<SessionState>> {
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      const current = await this.entry(workshopId);
      const next = await decide(current.state);
      if (!next.ok) return next;
      const revision = Math.max(next.value.revision, (current.storedRevision ?? 0) + 1);
      const state = { ...next.value, revision };
      if (await this.store.compareAndSet(workshopId, current.storedRevision, { state: JSON.stringify(state), revision })) {
        this.remember(workshopId, { state, storedRevision: revision });
        return ok(state);
      }
      this.log.info({ workshopId }, 'session changed elsewhere; reloading');
      if (this.states.get(workshopId) === current) this.states.set(workshopId, { ...current, isStale: true });
    }
    return fail(refusalText('sessionRace'));
  }

  /**
   * Drops the cached state of one workshop (or of all), so the next `get` reads storage: another
   * instance changed it (multi-instance mode), or notices may have been missed (a Redis outage).
   */
  forget(workshopId?: string): void {
    for (const id of workshopId === undefined ? [...this.states.keys()] : [workshopId]) {
      const cached = this.states.get(id);
      if (!cached) continue;
      this.loads.delete(id); // a load already on its way may predate the change
      if (!this.isPinned(id)) {
        this.states.delete(id);
        continue;
      }
      // A live board's door decides on every update without waiting: dropping its session would
      // refuse every note as if the board were locked until the reload (a command on another
      // instance did that to everyone typing here). It keeps this copy until the stored one is in.
      this.states.set(id, { ...cached, isStale: true });
      this.entry(id).catch((error: Error) => this.log.warn({ workshopId: id, err: error.message }, 'rereading a session failed'));
    }
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
