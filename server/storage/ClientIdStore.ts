import type Database from 'better-sqlite3';

export interface ClientBinding {
  clientId: number;
  /** null: one of the server's own docs writes with this id. */
  participantId: string | null;
}

/**
 * Which Yjs client ids belong to whom, per workshop (`yjs_clients`): bound when a participant's
 * update first brings one, or when a server-side doc writes with it. Kept in SQLite so it
 * survives restarts; read once per room load.
 */
export class ClientIdStore {
  private readonly stmts;
  private readonly bindAll: (workshopId: string, clientIds: readonly number[], participantId: string | null, now: number) => void;

  constructor(db: Database.Database) {
    this.stmts = {
      of: db.prepare(
        'SELECT client_id AS clientId, participant_id AS participantId FROM yjs_clients WHERE workshop_id = ? ORDER BY bound_at, client_id',
      ),
      bind: db.prepare('INSERT OR IGNORE INTO yjs_clients (workshop_id, client_id, participant_id, bound_at) VALUES (?, ?, ?, ?)'),
    };
    this.bindAll = db.transaction((workshopId: string, clientIds: readonly number[], participantId: string | null, now: number) => {
      for (const clientId of clientIds) this.stmts.bind.run(workshopId, clientId, participantId, now);
    });
  }

  bindingsOf(workshopId: string): ClientBinding[] {
    return this.stmts.of.all(workshopId) as ClientBinding[];
  }

  /** Binds ids nobody holds yet (an id already bound keeps its owner). */
  bind(workshopId: string, clientIds: readonly number[], participantId: string | null, now = Date.now()): void {
    if (clientIds.length > 0) this.bindAll(workshopId, clientIds, participantId, now);
  }
}
