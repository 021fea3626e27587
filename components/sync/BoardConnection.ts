import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import * as plan from '../../lib/actions';
import * as board from '../../lib/board';
import type { BoardLists } from '../../lib/boardLists';
import {
  BOARD_NOTICE_MESSAGE,
  REFUSAL_REASONS,
  readBoardNotice,
  type BoardNotice,
  type BoardSize,
  type Refusal,
} from '../../lib/boardNotices';
import * as groups from '../../lib/groups';
import { isFinalCloseCode } from '../../lib/closeCodes';
import type { Persona } from '../../lib/persona';
import * as journey from '../../lib/journey';
import * as personas from '../../lib/personaBoard';
import * as profile from '../../lib/profileBoard';
import type { ProfileFieldKey } from '../../lib/profile';
import type { Evidence, NoteColor } from '../../lib/note';
import { isFacilitator } from '../../lib/permissions';
import type { QuadrantId } from '../../lib/quadrants';
import type { Result } from '../../lib/result';
import { YJS_PATH_PREFIX } from '../../lib/wire';
import { BoardHistory } from './BoardHistory';
import { BoardPermissions } from './BoardPermissions';
import type { RescuedDraft } from '../../lib/privateRescue';
import { takeOver, type BoardRecovery } from './boardRecovery';
import { LiveBoard } from './liveBoard';
import { LocalCopy } from './localCopy';
import { reconnectDelayMs } from './reconnect';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'ended';

export interface BoardState {
  /** Equal to `readBoard(doc)`; records, arrays and lists that did not change keep their identity. */
  board: board.Board;
  /** Per-persona, per-quadrant lists of `board`, stable while their items are (see `BoardLists`). */
  lists: BoardLists;
  status: ConnectionStatus;
  /** The local copy (IndexedDB or server) has loaded: safe to render as the real board. */
  isLoaded: boolean;
  /** Something to tell the person in plain words (a change of theirs the server refused), or null. */
  notice: string | null;
  /** The board's size, while it is nearly full (90 % of its limit); null otherwise. */
  nearlyFull: BoardSize | null;
}

export interface Author {
  participantId: string;
  name: string;
  /** What the server lets this connection write (undo checks it before re-creating a record). */
  role?: 'facilitator' | 'participant';
}

/**
 * The browser's side of one workshop board: a Y.Doc synced with the server through
 * y-websocket and kept in IndexedDB, so notes typed while the Wi-Fi is gone survive a reload
 * and reach the room when the connection is back. React reads it via `subscribe`/`getState`.
 */
export class BoardConnection {
  readonly doc = new Y.Doc();
  /** Undo/redo of this browser's own changes; lives as long as the doc, across reconnects. */
  readonly history: BoardHistory;
  private readonly provider: WebsocketProvider;
  private local: LocalCopy | null = null;
  private readonly localName: string;
  private readonly listeners = new Set<() => void>();
  private readonly live = new LiveBoard(this.doc, () => this.refresh({}));
  private state: BoardState = {
    board: this.live.store.board,
    lists: this.live.store.lists,
    status: 'connecting',
    isLoaded: false,
    notice: null,
    nearlyFull: null,
  };
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private isDestroyed = false;
  /** The server refused an update: this connection stops; a fresh one takes over (`onRefused`). */
  private isRefused = false;
  /** Changes refused because the board is locked wait here until the server says it is unlocked. */
  private isHolding = false;
  private resolveReady!: () => void;
  /** Resolves once the board is synced and, for a connection taking over, this device's changes re-applied. */
  readonly whenReady = new Promise<void>((resolve) => (this.resolveReady = resolve));

  constructor(
    code: string,
    token: string,
    private readonly author: Author & { role: 'facilitator' | 'participant' },
    private readonly hooks: {
      onEnded(closeCode: number): void;
      /** Is the token still good? Asked after repeated failures, as a refused upgrade looks like a network error. */
      isSessionValid(): Promise<boolean>;
      /** The server refused an update of this connection (not for the lock): start a fresh one from it. */
      onRefused(refusals: Refusal[]): void;
      /** Records the server refused because the step is private, to send as private drafts instead. */
      onPrivateDrafts?(drafts: RescuedDraft[]): void;
    },
    /** Taking over from a connection whose update was refused: IndexedDB is rewritten once this one is ready. */
    private readonly recovery: BoardRecovery | null = null,
  ) {
    this.history = new BoardHistory(this.doc, author);
    this.localName = `pw:${code}:${author.participantId}`;
    this.permissions = new BoardPermissions(this.doc, author);
    this.mayChangeNote = this.permissions.mayChangeNote;
    this.mayDelete = this.permissions.mayDelete;
    if (!recovery) this.keepLocalCopy();
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    this.provider = new WebsocketProvider(`${scheme}://${window.location.host}${YJS_PATH_PREFIX.slice(0, -1)}`, code, this.doc, {
      params: { token },
      disableBc: true, // drafts must not leak to other tabs around the server's rules
      // We schedule reconnects ourselves, with jitter (see `closed` below).
      shouldReconnect: () => false,
    });
    this.provider.on('status', ({ status }) => {
      // "Live" waits for the sync (below): connected but not yet synced is still connecting.
      if (status === 'connected' && this.state.status !== 'live') this.refresh({ status: 'connecting' });
    });
    this.provider.on('sync', (isSynced: boolean) => {
      if (!isSynced) return;
      this.attempt = 0;
      const taken = this.recovery && !this.isReady ? takeOver(this.doc, this.recovery) : null;
      if (taken && taken.drafts.length > 0) this.hooks.onPrivateDrafts?.(taken.drafts);
      const notice = taken ? taken.notice : this.state.notice;
      this.refresh({ status: 'live', isLoaded: true, notice: this.isHolding ? REFUSAL_REASONS.locked.words : notice });
      this.isReady = true;
      this.resolveReady();
    });
    this.provider.messageHandlers[BOARD_NOTICE_MESSAGE] = (_encoder, decoder) => this.onNotice(readBoardNotice(decoder));
    this.provider.on('closed', ({ code: closeCode }) => this.onClosed(closeCode));
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
  }

  private isReady = false;
  private readonly permissions: BoardPermissions;

  /**
   * Keeps this doc in IndexedDB, so what is typed offline survives a reload. The device's copy
   * counts as loaded only if it holds a board; an empty one (first visit) waits for the server,
   * so nobody sees "no persona yet" or starts a board of their own.
   */
  keepLocalCopy(): void {
    if (this.local || this.isDestroyed) return;
    this.local = new LocalCopy(this.localName, this.doc);
    void this.local.persistence.whenSynced.then(() => {
      this.live.flush();
      if (this.live.store.board.personas.length > 0) this.refresh({ isLoaded: true });
    });
  }

  /** What the server says beyond Yjs: a refused update, the board's size, the lock lifted. */
  private onNotice(notice: BoardNotice | null): void {
    if (!notice || this.isDestroyed || this.isRefused) return;
    if (notice.kind === 'size') return this.refresh({ nearlyFull: notice.isNearlyFull ? notice : null });
    if (notice.kind === 'clients') {
      this.permissions.setOwnClientIds(notice.clientIds);
      return this.refresh({});
    }
    if (notice.kind === 'unlocked') {
      if (this.isHolding) this.resendHeld();
      return;
    }
    if (notice.refusals.every((refusal) => refusal.reason === 'locked')) {
      // Kept on this device (and in IndexedDB) until the facilitator unlocks the board.
      this.isHolding = true;
      return this.refresh({ notice: REFUSAL_REASONS.locked.words });
    }
    // Later changes of this doc build on the refused one: a fresh connection takes over.
    this.isRefused = true;
    this.clearRetry();
    this.provider.disconnect();
    this.refresh({ status: 'connecting' });
    this.hooks.onRefused(notice.refusals);
  }

  /** Reconnecting sends everything the server lacks, i.e. what was held back while locked. */
  private resendHeld(): void {
    this.isHolding = false;
    this.refresh({ notice: null });
    this.provider.disconnect();
    this.provider.connect();
  }

  /** The person read the notice. */
  dismissNotice = (): void => this.refresh({ notice: null });

  private onOnline = () => {
    if (this.state.status === 'ended') return;
    this.clearRetry();
    this.provider.connect();
    this.refresh({ status: 'reconnecting' });
  };

  private onOffline = () => {
    if (this.state.status === 'ended') return;
    // A socket the network no longer carries may never report its close (nor deliver what is sent
    // on it); drop it now, so coming back online starts a fresh sync that sends what was typed.
    this.provider.disconnect();
    this.refresh({ status: 'offline' });
  };

  private onClosed(closeCode: number): void {
    if (this.isDestroyed || this.isRefused) return;
    if (isFinalCloseCode(closeCode)) {
      this.refresh({ status: 'ended' });
      this.hooks.onEnded(closeCode);
      return;
    }
    if (this.attempt > 0 && this.attempt % 3 === 0) {
      void this.hooks.isSessionValid().then((isValid) => {
        if (!isValid && !this.isDestroyed) {
          this.clearRetry();
          this.provider.disconnect();
          this.refresh({ status: 'ended' });
          this.hooks.onEnded(0);
        }
      });
    }
    this.refresh({ status: navigator.onLine === false ? 'offline' : 'reconnecting' });
    this.clearRetry();
    this.retryTimer = setTimeout(() => this.provider.connect(), reconnectDelayMs(this.attempt++));
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private refresh(change: Partial<Omit<BoardState, 'board' | 'lists'>>): void {
    this.state = { ...this.state, ...change, board: this.live.store.board };
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): BoardState => this.state;

  /** How many times the connection has failed in a row (for telling a person, not for logic). */
  get failedAttempts(): number {
    return this.attempt;
  }

  addNote(personaId: string, quadrant: QuadrantId, text: string, color?: NoteColor): Result<unknown> {
    return board.addNote(this.doc, { personaId, quadrant, text, color, authorId: this.author.participantId, authorName: this.author.name });
  }

  /** May this person change this note's text or delete it (the server checks the same)? */
  readonly mayChangeNote: BoardPermissions['mayChangeNote'];
  /** May this person delete this journey step, question or action (whoever added it, or the facilitator)? */
  readonly mayDelete: BoardPermissions['mayDelete'];

  editNote = (id: string, text: string) => this.permissions.asAuthor(id, () => board.editNoteText(this.doc, id, text));
  moveNote = (id: string, quadrant: QuadrantId) => board.moveNote(this.doc, id, quadrant);
  setNoteColor = (id: string, color: NoteColor) => board.setNoteColor(this.doc, id, color);
  deleteNote = (id: string) => this.permissions.asAuthor(id, () => board.deleteNote(this.doc, id));
  setNoteEvidence = (id: string, evidence: Evidence | null) => board.setNoteEvidence(this.doc, id, evidence);
  promoteNote = (id: string, field: string) => profile.promoteNote(this.doc, id, field);
  createGroup = (personaId: string, quadrant: QuadrantId, name: string, noteIds: readonly string[]) =>
    groups.createGroup(this.doc, { personaId, quadrant, name, noteIds });
  renameGroup = (groupId: string, name: string) => groups.renameGroup(this.doc, groupId, name);
  setNoteGroup = (noteId: string, groupId: string | null) => groups.setNoteGroup(this.doc, noteId, groupId);
  ungroup = (groupId: string) => groups.ungroup(this.doc, groupId);

  setScenario = (personaId: string, text: string) => journey.setScenario(this.doc, personaId, text);
  addJourneyStep = (personaId: string, title: string) => journey.addJourneyStep(this.doc, { personaId, title });
  renameJourneyStep = (stepId: string, title: string) => journey.renameJourneyStep(this.doc, stepId, title);
  moveJourneyStep = (stepId: string, toIndex: number) => journey.moveJourneyStep(this.doc, stepId, toIndex);
  deleteJourneyStep = (stepId: string) => journey.deleteJourneyStep(this.doc, stepId, this.author);
  moveNoteToStep = (id: string, stepId: string) => journey.moveNoteToStep(this.doc, id, stepId);
  addJourneyNote = (personaId: string, stepId: string, text: string) =>
    board.addNote(this.doc, {
      personaId,
      quadrant: 'sees',
      journeyStepId: stepId,
      text,
      authorId: this.author.participantId,
      authorName: this.author.name,
    });
  addQuestion = (personaId: string, text: string) => plan.addQuestion(this.doc, { personaId, text });
  editQuestion = (id: string, text: string) => plan.editQuestion(this.doc, id, text);
  deleteQuestion = (id: string) => plan.deleteQuestion(this.doc, id);
  addAction = (personaId: string, text: string, changes: plan.ActionChanges = {}) =>
    plan.addAction(this.doc, { ...changes, personaId, text });
  editAction = (id: string, changes: plan.ActionChanges) => plan.editAction(this.doc, id, changes);
  setActionDone = (id: string, isDone: boolean) => plan.setActionDone(this.doc, id, isDone);
  deleteAction = (id: string) => plan.deleteAction(this.doc, id);

  addPersona = (): Result<Persona> => personas.addPersona(this.doc, { mayErase: isFacilitator(this.author) });
  renamePersona = (id: string, name: string) => personas.renamePersona(this.doc, id, name);
  reorderPersona = (id: string, toIndex: number) => personas.reorderPersona(this.doc, id, toIndex);
  duplicatePersona = (id: string) =>
    personas.duplicatePersona(this.doc, id, {
      author: { authorId: this.author.participantId, authorName: this.author.name },
      mayErase: isFacilitator(this.author),
    });
  deletePersona = (id: string) => personas.deletePersona(this.doc, id);
  restorePersona = (id: string) => personas.restorePersona(this.doc, id);
  setProfileField = (personaId: string, key: ProfileFieldKey, value: string) => profile.setProfileField(this.doc, personaId, key, value);
  setCustomFieldValue = (personaId: string, fieldId: string, value: string) =>
    profile.setCustomFieldValue(this.doc, personaId, fieldId, value);
  setProfileFieldHidden = (key: ProfileFieldKey, isHidden: boolean) => profile.setProfileFieldHidden(this.doc, key, isHidden);
  addCustomProfileField = (label: string) => profile.addCustomProfileField(this.doc, label);
  removeCustomProfileField = (fieldId: string) => profile.removeCustomProfileField(this.doc, fieldId);
  setPersonaPicture = (personaId: string, pictureId: string | null) => personas.setPersonaPicture(this.doc, personaId, pictureId);
  setWorkshopLocale = (locale: string) => board.setWorkshopLocale(this.doc, locale);

  /**
   * Forgets this device's copy (it holds the refused change; the connection taking over writes
   * its own once this resolves).
   */
  async forgetLocalCopy(): Promise<void> {
    const local = this.local;
    this.local = null;
    await local?.clear();
  }

  destroy(): void {
    this.isDestroyed = true;
    this.clearRetry();
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    this.live.destroy();
    this.history.destroy();
    this.provider.destroy();
    void this.local?.destroy();
    this.doc.destroy();
  }
}
