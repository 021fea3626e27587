import * as Y from 'yjs';
import type { Logger } from '../log';
import type { DocLog } from '../storage/ports';
import { RoomCatchUp, STORED, type CatchUpTarget } from './RoomCatchUp';
import { MAX_INLINE_UPDATE_BYTES } from '../cluster/roomMessages';
import type { RelayChannel } from './RoomRelay';

/** Without Redis: how often a room with clients reads what other instances stored (one indexed query). */
export const CATCH_UP_INTERVAL_MS = 1_000;
/** With Redis: the safety net for a silent Redis, a `SELECT max(seq)` while the room has clients. */
export const RELAYED_CATCH_UP_INTERVAL_MS = 5_000;
/**
 * How long a missing seq may be late before it is read from storage: two instances' messages may
 * cross on Redis (each publishes after its own commit), so a gap is usually filled in a moment.
 */
export const GAP_WAIT_MS = 200;
/** A gap still open after a read (storage failed) is tried again after this. */
const GAP_RETRY_MS = 1_000;
/** Out-of-order messages kept while a gap is filled; past this the room reads them from storage. */
const MAX_HELD = 1_000;

export interface ReplicationTarget extends CatchUpTarget {
  hasClients(): boolean;
}

/** The room's presence, as far as other instances are concerned. */
export interface PresencePeer {
  applyRemote(update: Uint8Array): void;
  publishLocal(): void;
}

export interface ReplicationHooks {
  /** A gap (a message Redis lost, or a silent Redis) was filled from storage. For metrics. */
  onGapRecovered?(): void;
  /** A relayed update could not be decoded (read from storage instead). For metrics. */
  onMalformed?(): void;
}

type Held = { first: number; last: number; update: Uint8Array; arrival: number };

/**
 * Keeps one room's replica in step with the other instances' replicas (several instances on one
 * PostgreSQL). Out: each group commit's updates of this room, merged, published once committed.
 * In: updates applied in seq order with origin STORED (sent to this room's clients, never stored
 * again), dropped when already held (seq ≤ contiguous), held a moment when they arrive early, and
 * a gap that stays open is read from storage (`RoomCatchUp`). Without a relay (no Redis) the
 * room reads storage on a timer instead. One of these per room, closed with it.
 */
export class RoomReplication {
  private readonly catchUp: RoomCatchUp;
  private readonly held = new Map<number, Held>();
  /** Counts messages received, to tell which held ones a storage read should have covered. */
  private arrivals = 0;
  /** `arrivals` when the last storage read began: what arrived by then, the read covers. */
  private arrivalsAtRead = 0;
  private outgoing: { first: number; last: number; updates: Uint8Array[] } | null = null;
  private gapTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private isClosed = false;

  constructor(
    docs: DocLog,
    private readonly room: ReplicationTarget,
    private readonly relay: RelayChannel | null,
    private readonly log: Logger,
    private readonly hooks: ReplicationHooks = {},
  ) {
    this.catchUp = new RoomCatchUp(docs, { ...room, onReadStart: () => (this.arrivalsAtRead = this.arrivals) });
  }

  /** Starts listening (what arrived while the room loaded is handed over now) and the periodic check. */
  start(presence: PresencePeer, intervalMs?: number): void {
    this.relay?.attach({
      update: (first, last, update) => this.receive(first, last, update),
      stored: (_first, last) => {
        if (last > this.room.seqs.contiguous) this.recover(false);
      },
      awareness: (update) => presence.applyRemote(update),
      awarenessQuery: () => presence.publishLocal(),
    });
    this.announce();
    const every = intervalMs ?? (this.relay ? RELAYED_CATCH_UP_INTERVAL_MS : CATCH_UP_INTERVAL_MS);
    this.pollTimer = setInterval(() => {
      if (this.room.hasClients()) this.check();
    }, every);
    this.pollTimer.unref();
  }

  /** Reads whatever is missing now (compaction needs every seq below the one it claims; Redis came back). */
  async fill(): Promise<void> {
    await this.catchUp.run();
    this.drainHeld();
  }

  /**
   * Redis is back: what was published meanwhile is read from storage, and the other instances are
   * asked for their presence, which also tells any that went on alone with the room (it lost
   * this instance's subscription) to publish again.
   */
  rejoin(): Promise<void> {
    this.announce();
    return this.fill();
  }

  /**
   * Asks the other instances for their presence, which makes this replica known to them: one alone
   * with the room publishes nothing until it hears of another. What such an instance committed
   * before the query reached it is read once, a moment later.
   */
  private announce(): void {
    if (!this.relay) return;
    this.relay.queryAwareness();
    setTimeout(() => {
      if (!this.isClosed) this.check();
    }, GAP_WAIT_MS).unref();
  }

  /** This room's update got `seq`: published with the others of the same commit, after it. */
  committed(seq: number, update: Uint8Array): void {
    if (this.room.seqs.hasGap) this.scheduleGapCheck();
    if (!this.relay?.hasPeers()) return; // alone with the room: nobody to tell
    if (this.outgoing && this.outgoing.last + 1 !== seq) this.publish();
    if (!this.outgoing) {
      this.outgoing = { first: seq, last: seq, updates: [] };
      // The commit's callbacks run in one loop: everything of this room in it goes in one message.
      queueMicrotask(() => this.publish());
    }
    this.outgoing.last = seq;
    this.outgoing.updates.push(update);
  }

  close(): void {
    this.isClosed = true;
    this.publish();
    if (this.gapTimer) clearTimeout(this.gapTimer);
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.held.clear();
    this.relay?.close();
  }

  private publish(): void {
    const out = this.outgoing;
    this.outgoing = null;
    if (!out || !this.relay) return;
    const update = out.updates.length === 1 ? out.updates[0]! : Y.mergeUpdates(out.updates);
    this.relay.publishUpdate(out.first, out.last, update.byteLength <= MAX_INLINE_UPDATE_BYTES ? update : null);
  }

  private receive(first: number, last: number, update: Uint8Array): void {
    const { seqs } = this.room;
    const arrival = ++this.arrivals;
    if (!this.room.isLive() || last <= seqs.contiguous) return; // held already (own, or read from storage)
    if (first > seqs.contiguous + 1) {
      if (this.held.size < MAX_HELD) this.held.set(first, { first, last, update, arrival });
      this.scheduleGapCheck();
      return;
    }
    if (!this.apply({ first, last, update, arrival })) return;
    this.drainHeld();
    if (seqs.hasGap || this.held.size > 0) this.scheduleGapCheck();
  }

  /**
   * Applies one relayed range. It was parsed, but Redis is not storage: bytes that do not decode
   * as a Yjs update are never applied (the seqs are read from storage instead).
   */
  private apply({ first, last, update }: Held): boolean {
    try {
      Y.decodeUpdate(update);
    } catch (error) {
      this.hooks.onMalformed?.();
      this.log.warn({ err: (error as Error).message, last }, 'relayed update does not decode; reading it from storage');
      this.scheduleGapCheck(0);
      return false;
    }
    Y.applyUpdate(this.room.doc, update, STORED);
    this.room.seqs.caughtUp(last);
    this.room.onRead(last - first + 1);
    return true;
  }

  /**
   * Applies held ranges that now follow on, and drops those already covered. In one transaction:
   * what is released together reaches this room's clients as one update.
   */
  private drainHeld(): void {
    if (this.held.size === 0) return;
    this.room.doc.transact(() => {
      for (const held of [...this.held.values()].sort((a, b) => a.first - b.first)) {
        const { contiguous } = this.room.seqs;
        if (held.last <= contiguous) this.held.delete(held.first);
        else if (held.first <= contiguous + 1) {
          this.held.delete(held.first);
          if (!this.apply(held)) return;
        }
      }
    }, STORED);
  }

  /**
   * A held message that a storage read begun after its arrival did not reach names seqs that were
   * never committed (every message is published after its commit): hand-built, never applied.
   */
  private dropUnstored(arrivedBy: number): void {
    for (const held of this.held.values()) {
      if (held.arrival > arrivedBy || held.first <= this.room.seqs.contiguous + 1) continue;
      this.held.delete(held.first);
      this.hooks.onMalformed?.();
      this.log.warn({ first: held.first, last: held.last }, 'relayed seqs are not in storage; ignored');
    }
  }

  private get isBehind(): boolean {
    return this.room.seqs.hasGap || this.held.size > 0;
  }

  private scheduleGapCheck(delayMs = GAP_WAIT_MS): void {
    if (this.gapTimer || this.isClosed) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.isBehind) this.recover(true);
    }, delayMs);
    this.gapTimer.unref();
  }

  /** Reads storage past the contiguous seq; `isGap`: something relayed went missing (counted). */
  private recover(isGap: boolean): void {
    this.catchUp.run().then(
      (applied) => {
        if (isGap && applied > 0) this.hooks.onGapRecovered?.();
        this.drainHeld();
        this.dropUnstored(this.arrivalsAtRead);
        if (this.isBehind) this.scheduleGapCheck(GAP_RETRY_MS);
      },
      (error: Error) => {
        this.log.warn({ err: error.message }, 'reading missed updates from storage failed; trying again');
        this.scheduleGapCheck(GAP_RETRY_MS);
      },
    );
  }

  /** The periodic check. Without a relay, the read itself; with one, the cheap `max(seq)` first. */
  private check(): void {
    if (!this.relay) {
      this.catchUp.run().catch((error: Error) => this.log.warn({ err: error.message }, 'catching up with other instances failed'));
      return;
    }
    this.catchUp.lastStoredSeq().then(
      (lastSeq) => {
        if (lastSeq <= this.room.seqs.contiguous) return;
        // Behind: maybe only by a message still on its way. Whatever is still missing in a
        // moment was lost, and is read (and counted) like any other gap.
        setTimeout(() => {
          if (!this.isClosed && this.room.seqs.contiguous < lastSeq) this.recover(true);
        }, GAP_WAIT_MS).unref();
      },
      (error: Error) => this.log.warn({ err: error.message }, 'checking for missed updates failed'),
    );
  }
}
