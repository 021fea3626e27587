import * as Y from 'yjs';
import { encodeBoardNotice, type Refusal } from '../../lib/boardNotices';
import { CLOSE_CODES } from '../../lib/closeCodes';
import type { Logger } from '../log';
import type { BoardSizeWatch } from './BoardSizeWatch';
import { type ClientBindings, MAX_NEW_CLIENT_IDS_PER_CONNECTION } from './ClientBindings';
import type { RecordSizes } from './recordCounts';
import type { RoomConnection } from './RoomConnection';
import type { RoomHooks } from './YjsRoom';
import { validateUpdate } from './validateUpdate';

const LOCKED: Refusal[] = [{ reason: 'locked', root: null, record: null, field: null }];
const FOREIGN: Refusal[] = [{ reason: 'foreign-client', root: null, record: null, field: null }];

/**
 * The door of one room's doc. Each update a connection sends is judged (the lock, then
 * `validateUpdate`: the rules, the client ids, the size) and either let in, after the client ids
 * it introduces are bound and stored, or refused in band: a board notice says what and why, and
 * the connection stays open (closing made clients resend the same change forever).
 */
export class UpdateGate {
  /** Who each Yjs client id belongs to (the room's own doc writes as the server). */
  /** Client ids each connection has introduced. */
  private readonly introduced = new WeakMap<RoomConnection, number>();

  constructor(
    private readonly doc: Y.Doc,
    readonly clients: ClientBindings,
    private readonly hooks: RoomHooks,
    private readonly log: Logger,
    private readonly recordSizes: RecordSizes,
    private readonly size: BoardSizeWatch,
    /**
     * Reads what other instances stored that this replica has not applied yet (several instances
     * on one database; null: nothing to read).
     */
    private readonly catchUp: (() => Promise<void>) | null = null,
  ) {}

  /** What a connection is told when it opens: its client ids, and the board's size while nearly full. */
  greet(conn: RoomConnection): void {
    conn.send(encodeBoardNotice({ kind: 'clients', clientIds: this.clients.idsOf(conn.identity.participantId).slice(-1_000) }));
    if (this.size.current.isNearlyFull) conn.send(encodeBoardNotice(this.size.current));
  }

  /**
   * True when `update` may be applied; a refused one is answered here. A promise only when the
   * update brings new client ids (they are stored first): the room holds its later messages.
   */
  admit(conn: RoomConnection, update: Uint8Array, mayRecheck = true): boolean | Promise<boolean> {
    if (!this.hooks.canWrite(conn)) return this.refuse(conn, LOCKED, 'the board is locked');
    const introduced = this.introduced.get(conn) ?? 0;
    const verdict = validateUpdate(this.doc, update, {
      author: conn.identity,
      docBytes: this.size.estimate,
      recordSizes: this.recordSizes,
      owners: this.clients,
      maxNewClients: Math.min(MAX_NEW_CLIENT_IDS_PER_CONNECTION - introduced, this.clients.allowance(conn.identity.participantId)),
      caps: this.hooks.caps,
      mustDraft: this.hooks.mustDraft?.(conn) ?? false,
    });
    if (!verdict.ok) {
      // Only an update carrying structs of ids not known as the sender's can be a replica's lag.
      if (!this.carriesOthers(conn, update)) return this.refuse(conn, verdict.refusals, verdict.error);
      return this.recheckOrRefuse(conn, update, verdict.refusals, verdict.error, mayRecheck);
    }
    return verdict.newClients.length === 0 || this.bind(conn, update, verdict.newClients, introduced, mayRecheck);
  }

  /**
   * What looks like someone else's structs (their id, their name on a note) may be this replica
   * lagging behind the others: ids another instance bound since this room loaded (their owner
   * moved here), or others' committed notes an honest client relays in its sync step 2 (it got
   * them from another instance first).
   * Read both from storage, then judge the update once more. A recheck costs the connection a
   * sync request, so a forger cannot make the room read storage per message.
   */
  private recheckOrRefuse(
    conn: RoomConnection,
    update: Uint8Array,
    refusals: Refusal[],
    error: string,
    mayRecheck: boolean,
  ): boolean | Promise<boolean> {
    const unproven = mayRecheck ? this.clients.unproven(update, this.doc) : [];
    const mayCatchUp = mayRecheck && this.catchUp !== null && conn.syncBudget.take();
    if (unproven.length === 0 && !mayCatchUp) return this.refuse(conn, refusals, error);
    return this.recheck(conn, update, unproven, mayCatchUp);
  }

  private carriesOthers(conn: RoomConnection, update: Uint8Array): boolean {
    for (const id of Y.parseUpdateMeta(update).from.keys()) if (this.clients.ownerOf(id) !== conn.identity.participantId) return true;
    return false;
  }

  private async recheck(conn: RoomConnection, update: Uint8Array, unproven: number[], mayCatchUp: boolean): Promise<boolean> {
    try {
      if (unproven.length > 0) await this.clients.lookUp(unproven);
      if (mayCatchUp) await this.catchUp!();
    } catch (error) {
      this.log.error({ connectionId: conn.connectionId, err: (error as Error).message }, 'reading what other instances stored failed');
      conn.close(CLOSE_CODES.roomUnavailable, 'storage failed');
      return false;
    }
    return this.admit(conn, update, false);
  }

  private refuse(conn: RoomConnection, refusals: Refusal[], error: string): false {
    this.log.warn({ connectionId: conn.connectionId, reason: error }, 'update refused');
    this.hooks.onUpdateRefused?.(conn, refusals === LOCKED ? 'locked' : 'schema');
    conn.send(encodeBoardNotice({ kind: 'refused', refusals }));
    return false;
  }

  /** Stores the bindings before the update that relies on them is applied; on failure the connection closes. */
  private async bind(
    conn: RoomConnection,
    update: Uint8Array,
    clientIds: number[],
    introducedBefore: number,
    mayRecheck: boolean,
  ): Promise<boolean> {
    let isMine: boolean;
    try {
      isMine = await this.clients.bind(clientIds, conn.identity.participantId);
    } catch (error) {
      this.log.error({ connectionId: conn.connectionId, err: (error as Error).message }, 'storing client ids failed');
      conn.close(CLOSE_CODES.roomUnavailable, 'storage failed');
      return false;
    }
    this.introduced.set(conn, introducedBefore + clientIds.length);
    if (isMine) return true;
    // Someone else bound one of these ids first: another instance's connection, or the owner of
    // notes this replica has not read yet (relayed by an honest client).
    return this.recheckOrRefuse(conn, update, FOREIGN, 'client id bound to someone else', mayRecheck);
  }
}
