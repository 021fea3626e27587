import * as Y from 'yjs';
import type { ClientBinding, ClientIdBindings } from '../storage/ports';
import type { ClientOwners } from './checkStructs';

/** No honest person opens this many tabs, devices or rebuilt docs in one workshop. */
export const MAX_CLIENT_IDS_PER_PARTICIPANT = 1_000;
/** An honest connection brings one client id (two tabs sharing one offline copy: a few). */
export const MAX_NEW_CLIENT_IDS_PER_CONNECTION = 8;

/**
 * Who each Yjs client id of one workshop belongs to. The first update that brings structs of a
 * new id binds it to the participant who sent it; the ids the server's own docs write with are
 * the server's. Structs of an id bound to someone else are refused (`checkStructs`), so nobody
 * can write in another person's name or squat the clocks of their offline changes. Loaded from
 * storage with the room; every new binding is stored before the update that brings it is
 * applied, and the store decides who was first (another instance may bind the same id).
 */
export class ClientBindings implements ClientOwners {
  private readonly owners = new Map<number, string | null>();
  private readonly perParticipant = new Map<string, number>();
  private lastServerId: number | null = null;
  /** Ids this room has looked up again in storage (`lookUp`): each is looked up once. */
  private readonly lookedUp = new Set<number>();

  constructor(
    private readonly store: ClientIdBindings,
    private readonly workshopId: string,
    bindings: readonly ClientBinding[],
  ) {
    for (const { clientId, participantId } of bindings) this.remember(clientId, participantId);
  }

  static async load(store: ClientIdBindings, workshopId: string): Promise<ClientBindings> {
    return new ClientBindings(store, workshopId, await store.bindingsOf(workshopId));
  }

  private remember(clientId: number, participantId: string | null): void {
    this.owners.set(clientId, participantId);
    if (participantId === null) this.lastServerId = clientId;
    else this.perParticipant.set(participantId, (this.perParticipant.get(participantId) ?? 0) + 1);
  }

  ownerOf(client: number): string | null | undefined {
    return this.owners.get(client);
  }

  /**
   * Ids of `update` whose structs `doc` holds but whose owner this room does not know, not looked
   * up yet. With several instances these are ids bound elsewhere after this room loaded (their
   * structs came in through the catch-up): their owner, reconnected here, is no squatter.
   */
  unproven(update: Uint8Array, doc: Y.Doc): number[] {
    const clients = Y.parseUpdateMeta(update).from.keys();
    return [...clients].filter((id) => !this.owners.has(id) && !this.lookedUp.has(id) && Y.getState(doc.store, id) > 0);
  }

  /**
   * Reads the workshop's bindings again for `ids` (each at most once per room, so a client
   * cannot make the room query storage per message). A binding is stored before the update that
   * brings its structs is applied, so if the doc holds them, storage knows their owner now;
   * ids still unknown after this are bound to nobody (boards from before the bindings).
   */
  async lookUp(ids: readonly number[]): Promise<void> {
    const stored = await this.store.bindingsOf(this.workshopId);
    for (const id of ids) this.lookedUp.add(id);
    for (const { clientId, participantId } of stored) if (!this.owners.has(clientId)) this.remember(clientId, participantId);
  }

  /** Every client id bound to this participant (what they wrote with, on any device). */
  idsOf(participantId: string): number[] {
    return [...this.owners].filter(([, owner]) => owner === participantId).map(([id]) => id);
  }

  /** How many more client ids this participant may bind. */
  allowance(participantId: string): number {
    return MAX_CLIENT_IDS_PER_PARTICIPANT - (this.perParticipant.get(participantId) ?? 0);
  }

  /**
   * Stores, then remembers: a binding the update relies on is on disk before the update is
   * applied. True when every id is now `participantId`'s; false when some other writer (another
   * connection, another instance) bound one first: the caller refuses the update.
   */
  async bind(clientIds: readonly number[], participantId: string | null): Promise<boolean> {
    const fresh = clientIds.filter((id) => !this.owners.has(id));
    if (fresh.length === 0) return clientIds.every((id) => this.owners.get(id) === participantId);
    const stored = await this.store.bind(this.workshopId, fresh, participantId, Date.now());
    for (const { clientId, participantId: owner } of stored) if (!this.owners.has(clientId)) this.remember(clientId, owner);
    return clientIds.every((id) => this.owners.get(id) === participantId);
  }

  /**
   * The client id the room's doc writes with: the server's latest one (its clock continues from
   * what `doc` loaded), or a new one bound to the server for a workshop that has none. Without
   * `mayReuse` always a new one: with several instances on one database, two replicas writing
   * with one id would both use the same clocks for different content (a forked document).
   */
  async serverWriter(doc: Y.Doc, mayReuse: boolean): Promise<number> {
    for (;;) {
      if (mayReuse && this.lastServerId !== null) return this.lastServerId;
      let id: number;
      do id = Math.floor(Math.random() * 2 ** 32);
      while (this.owners.has(id) || Y.getState(doc.store, id) > 0);
      if (await this.bind([id], null)) return id;
    }
  }
}
