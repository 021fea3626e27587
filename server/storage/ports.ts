import type { Role } from '../../lib/api';
import type { DraftRow, PendingDraftOwner } from './DraftStore';

export type { DraftRow, PendingDraftOwner } from './DraftStore';

export interface WorkshopRow {
  id: string;
  code: string;
  title: string;
  keyHash: Buffer;
  createdAt: number;
}

export interface ParticipantRow {
  id: string;
  workshopId: string;
  name: string;
  role: Role;
  createdAt: number;
}

/**
 * What the server stores, as asynchronous interfaces with one implementation per engine
 * (`sqlite/`, `postgres/`) and one contract suite (`tests/storage/`) run against both. Every rule
 * that must hold with several writers (several server instances on one PostgreSQL) lives inside
 * the store, in one transaction or one conditional statement: a gapless per-workshop sequence,
 * compaction fenced by that sequence, session writes compared against a revision, vote budgets,
 * drafts claimed once, client ids bound by the first writer. Callers never read, decide and then
 * write unconditionally.
 */

/** One entry of a workshop's Yjs update log. */
export interface LoggedUpdate {
  /** 1, 2, 3, … per workshop, without gaps: committed in this order. */
  seq: number;
  data: Uint8Array;
}

export interface LoadedDoc {
  /** The compacted state, or null before the first compaction. */
  state: Uint8Array | null;
  /** The last seq the state covers (0 when there is none). */
  stateSeq: number;
  /** Every update after `stateSeq`, in seq order, contiguous. */
  updates: LoggedUpdate[];
  /** The seq of the last update included (`stateSeq` when there are none). */
  lastSeq: number;
}

export interface DocLog {
  /**
   * Appends updates (of one or several workshops) in one transaction and returns the seq each
   * one got, in the order given. Appends to one workshop are serialised, so commit order is seq
   * order: a reader of `seq > n` never misses a row committed later with a smaller seq.
   */
  append(entries: readonly { workshopId: string; update: Uint8Array }[]): Promise<number[]>;
  /** The state and every update after it, read from one consistent snapshot. */
  load(workshopId: string): Promise<LoadedDoc>;
  /**
   * Updates with seq > `afterSeq`, in order; null when some of them were compacted away (the
   * state now covers more than `afterSeq`): load the document again.
   */
  since(workshopId: string, afterSeq: number): Promise<LoggedUpdate[] | null>;
  /** The last seq handed out for this workshop (0 before any). */
  lastSeq(workshopId: string): Promise<number>;
  /**
   * Replaces the log up to `uptoSeq` by `state` (which must come from a replica that applied
   * every update up to it) and deletes those rows, in one transaction. Refused (false) when the
   * stored state already covers `uptoSeq` or more, so a stale instance never overwrites a newer
   * state, or when `uptoSeq` was never handed out.
   */
  compact(workshopId: string, state: Uint8Array, uptoSeq: number): Promise<boolean>;
  /** Rows in the log (not yet compacted). */
  updateCount(workshopId: string): Promise<number>;
}

export interface WorkshopStore {
  /**
   * Creates the workshop with its facilitator, its first update (seq 1) and the Yjs client ids
   * that update was written with, bound to the server; in one transaction.
   */
  create(workshop: WorkshopRow, facilitator: ParticipantRow, initialUpdate: Uint8Array, serverClientIds: readonly number[]): Promise<void>;
  byId(workshopId: string): Promise<WorkshopRow | null>;
  byCode(code: string): Promise<WorkshopRow | null>;
  /** A workshop by a code it had before the facilitator rotated it. */
  byRetiredCode(code: string): Promise<WorkshopRow | null>;
  /**
   * Retires `fromCode` and gives the workshop `newCode`, only if `fromCode` is still its code:
   * false when another instance rotated it first (or the new code is taken).
   */
  rotateCode(workshopId: string, fromCode: string, newCode: string, now: number): Promise<boolean>;
}

export interface ParticipantStore {
  add(participant: ParticipantRow, tokenHash: Buffer): Promise<void>;
  addToken(participantId: string, tokenHash: Buffer, now: number): Promise<void>;
  /** The participant holding this (unrevoked) token, if they are still in the workshop. */
  byTokenHash(tokenHash: Buffer): Promise<ParticipantRow | null>;
  isActive(participantId: string, workshopId: string): Promise<boolean>;
  /** Participants (not the facilitator) still in the workshop. */
  count(workshopId: string): Promise<number>;
  list(workshopId: string): Promise<ParticipantRow[]>;
  facilitatorOf(workshopId: string): Promise<ParticipantRow | null>;
  /** Removes a participant and revokes every token they hold; false when already removed. */
  remove(participantId: string, now: number): Promise<boolean>;
}

export interface ClientBinding {
  clientId: number;
  /** null: one of the server's own docs writes with this id. */
  participantId: string | null;
}

export interface ClientIdBindings {
  bindingsOf(workshopId: string): Promise<ClientBinding[]>;
  /**
   * Binds the ids nobody holds yet to `participantId` (first writer wins) and returns the owner
   * of every id asked for, as stored after this call: the caller refuses ids owned by others.
   */
  bind(workshopId: string, clientIds: readonly number[], participantId: string | null, now: number): Promise<ClientBinding[]>;
}

export interface StoredSession {
  /** The session state as JSON (parsed and validated by the caller). */
  state: string;
  revision: number;
}

export interface SessionStore {
  load(workshopId: string): Promise<StoredSession | null>;
  /**
   * Writes `next` only if the stored revision is `expectedRevision` (null: no row yet). False
   * when another writer got there first: reload and decide again.
   */
  compareAndSet(workshopId: string, expectedRevision: number | null, next: StoredSession): Promise<boolean>;
}

export interface VoteRules {
  budget: number;
  allowMultiplePerNote: boolean;
}

/** `ok`, or why a dot was refused. */
export type VoteOutcome = 'ok' | 'budget-spent' | 'one-per-note' | 'no-dot';

export interface VoteStore {
  /**
   * Adds (+1) or takes back (-1) one dot, with the budget and one-dot rules checked in the same
   * transaction as the write, so concurrent casts (from any instance) never overspend.
   */
  cast(workshopId: string, roundId: string, participantId: string, noteId: string, delta: 1 | -1, rules: VoteRules): Promise<VoteOutcome>;
  mine(roundId: string, participantId: string): Promise<Record<string, number>>;
  tally(roundId: string): Promise<Record<string, number>>;
  /** Dots per note over the workshop's rounds except `openRoundId` (blind until closed). */
  closedTotals(workshopId: string, openRoundId: string | null): Promise<Map<string, number>>;
}

/** A draft this caller claimed for a reveal, with its author as it was before the claim. */
export type ClaimedDraft = DraftRow;

export interface DraftStorePort {
  /** False when a draft with this id exists already (pending or revealed). */
  add(draft: DraftRow): Promise<boolean>;
  edit(draftId: string, participantId: string, text: string): Promise<boolean>;
  delete(draftId: string, participantId: string): Promise<boolean>;
  pending(workshopId: string): Promise<DraftRow[]>;
  pendingOf(workshopId: string, participantId: string): Promise<DraftRow[]>;
  pendingCounts(workshopId: string): Promise<Map<string, number>>;
  pendingAuthor(draftId: string): Promise<PendingDraftOwner | null>;
  /** The anonymous drafts of one step still waiting for their batch, oldest first (by index). */
  pendingAnonymous(workshopId: string, stepId: string): Promise<DraftRow[]>;
  /**
   * Marks these drafts revealed if nobody has (`… WHERE revealed_at IS NULL`) and returns the
   * ones this call claimed: two concurrent reveals never both get one draft. A claimed
   * anonymous draft forgets its author in the store (the returned row still names them).
   * Oldest first.
   */
  claim(workshopId: string, draftIds: readonly string[], now: number): Promise<ClaimedDraft[]>;
}

export interface StoredPicture {
  bytes: Buffer;
  contentType: string;
}

export interface PictureStorePort {
  add(workshopId: string, id: string, picture: StoredPicture, now: number): Promise<void>;
  get(workshopId: string, id: string): Promise<StoredPicture | null>;
  count(workshopId: string): Promise<number>;
  /** Gives a copied workshop these pictures under the same ids. */
  copy(fromWorkshopId: string, toWorkshopId: string, ids: readonly string[], now: number): Promise<void>;
  /** The stored size of these pictures together (unknown ids count nothing). */
  bytesOf(workshopId: string, ids: readonly string[]): Promise<number>;
}

export interface SnapshotSummary {
  id: string;
  name: string;
  /** ms since the epoch */
  createdAt: number;
}

export interface SnapshotStorePort {
  add(workshopId: string, snapshot: SnapshotSummary, state: Uint8Array): Promise<void>;
  list(workshopId: string): Promise<SnapshotSummary[]>;
  count(workshopId: string): Promise<number>;
  get(workshopId: string, id: string): Promise<(SnapshotSummary & { state: Uint8Array }) | null>;
  delete(workshopId: string, id: string): Promise<boolean>;
}

export interface StorageUsage {
  /** What one workshop keeps: document state and log, snapshots and pictures, in bytes. */
  workshopBytes(workshopId: string): Promise<number>;
  /** What the whole database takes. */
  totalBytes(): Promise<number>;
}

/** Every store of one engine, sharing its connection(s). */
export interface Storage {
  readonly engine: 'sqlite' | 'postgres';
  readonly docs: DocLog;
  readonly workshops: WorkshopStore;
  readonly participants: ParticipantStore;
  readonly clientIds: ClientIdBindings;
  readonly sessions: SessionStore;
  readonly votes: VoteStore;
  readonly drafts: DraftStorePort;
  readonly pictures: PictureStorePort;
  readonly snapshots: SnapshotStorePort;
  readonly usage: StorageUsage;
  close(): Promise<void>;
}
