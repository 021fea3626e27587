import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ParticipantRow, WorkshopRow } from './ports';
import { DraftStore } from './DraftStore';
import { MIGRATIONS } from './migrations';
import { SqliteDocLog } from './sqlite/SqliteDocLog';

export type { DraftRow } from './DraftStore';
export type { ParticipantRow, WorkshopRow } from './ports';

export interface StoredDoc {
  state: Uint8Array | null;
  updates: Uint8Array[];
  lastUpdateId: number;
}

/**
 * The embedded SQLite file: its connection (migrated), and the synchronous statements for
 * workshops and participants that `SqliteStorage` wraps. Nothing else uses it (the server goes
 * through the `Storage` ports); tests of SQLite internals open it directly. WAL with
 * `synchronous = NORMAL`: a committed update survives a process crash (kill -9); only an OS
 * crash or power loss could drop the last transactions.
 */
export class Store {
  private readonly db: Database.Database;
  private readonly stmts;
  /** Private drafts (`DraftStore`), on the same connection. */
  readonly drafts: DraftStore;
  /** Each workshop's document: state and update log with a per-workshop sequence. */
  readonly docs: SqliteDocLog;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, 'persona-workshop.db'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    this.stmts = this.prepare();
    this.drafts = new DraftStore(this.db);
    this.docs = new SqliteDocLog(this.db);
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    for (const [index, sql] of MIGRATIONS.entries()) {
      if (index < version) continue;
      this.db.transaction(() => {
        this.db.exec(sql);
        this.db.pragma(`user_version = ${index + 1}`);
      })();
    }
  }

  private prepare() {
    const db = this.db;
    return {
      insertWorkshop: db.prepare(
        'INSERT INTO workshops (id, code, title, key_hash, created_at) VALUES (@id, @code, @title, @keyHash, @createdAt)',
      ),
      workshopByCode: db.prepare('SELECT id, code, title, key_hash AS keyHash, created_at AS createdAt FROM workshops WHERE code = ?'),
      insertParticipant: db.prepare(
        'INSERT INTO participants (id, workshop_id, name, role, created_at) VALUES (@id, @workshopId, @name, @role, @createdAt)',
      ),
      insertToken: db.prepare('INSERT INTO tokens (hash, participant_id, created_at) VALUES (?, ?, ?)'),
      sessionByToken: db.prepare(
        `SELECT p.id, p.workshop_id AS workshopId, p.name, p.role, p.created_at AS createdAt
           FROM tokens t JOIN participants p ON p.id = t.participant_id
          WHERE t.hash = ? AND t.revoked_at IS NULL AND p.removed_at IS NULL`,
      ),
      participantsOf: db.prepare(
        `SELECT id, workshop_id AS workshopId, name, role, created_at AS createdAt
           FROM participants WHERE workshop_id = ? AND removed_at IS NULL ORDER BY created_at, id`,
      ),
      isActive: db.prepare('SELECT 1 FROM participants WHERE id = ? AND workshop_id = ? AND removed_at IS NULL'),
      facilitatorOf: db.prepare(
        `SELECT id, workshop_id AS workshopId, name, role, created_at AS createdAt
           FROM participants WHERE workshop_id = ? AND role = 'facilitator'`,
      ),
      bindServerClient: db.prepare(
        'INSERT OR IGNORE INTO yjs_clients (workshop_id, client_id, participant_id, bound_at) VALUES (?, ?, NULL, ?)',
      ),
      workshopByRetiredCode: db.prepare(
        `SELECT w.id, w.code, w.title, w.key_hash AS keyHash, w.created_at AS createdAt
           FROM retired_codes r JOIN workshops w ON w.id = r.workshop_id WHERE r.code = ?`,
      ),
      countParticipants: db.prepare(
        "SELECT count(*) AS n FROM participants WHERE workshop_id = ? AND role = 'participant' AND removed_at IS NULL",
      ),
    };
  }

  /** `serverClientIds`: the Yjs client ids `initialUpdate` was written with (bound to the server). */
  createWorkshop(workshop: WorkshopRow, facilitator: ParticipantRow, initialUpdate: Uint8Array, serverClientIds: readonly number[]): void {
    this.db.transaction(() => {
      this.stmts.insertWorkshop.run(workshop);
      this.stmts.insertParticipant.run(facilitator);
      this.docs.append([{ workshopId: workshop.id, update: initialUpdate }]);
      for (const clientId of serverClientIds) this.stmts.bindServerClient.run(workshop.id, clientId, workshop.createdAt);
    })();
  }

  workshopByCode(code: string): WorkshopRow | null {
    return (this.stmts.workshopByCode.get(code) as WorkshopRow | undefined) ?? null;
  }

  /** A workshop by a code it had before the facilitator rotated it. */
  workshopByRetiredCode(code: string): WorkshopRow | null {
    return (this.stmts.workshopByRetiredCode.get(code) as WorkshopRow | undefined) ?? null;
  }

  addParticipant(participant: ParticipantRow, tokenHash: Buffer): void {
    this.db.transaction(() => {
      this.stmts.insertParticipant.run(participant);
      this.stmts.insertToken.run(tokenHash, participant.id, participant.createdAt);
    })();
  }

  addToken(participantId: string, tokenHash: Buffer, now: number): void {
    this.stmts.insertToken.run(tokenHash, participantId, now);
  }

  participantByTokenHash(tokenHash: Buffer): ParticipantRow | null {
    return (this.stmts.sessionByToken.get(tokenHash) as ParticipantRow | undefined) ?? null;
  }

  /** Is this participant still in the workshop (not removed)? One indexed row, for every command. */
  isParticipantActive(participantId: string, workshopId: string): boolean {
    return this.stmts.isActive.get(participantId, workshopId) !== undefined;
  }

  /** Participants (not the facilitator) still in the workshop. */
  participantCount(workshopId: string): number {
    return (this.stmts.countParticipants.get(workshopId) as { n: number }).n;
  }

  participantsOf(workshopId: string): ParticipantRow[] {
    return this.stmts.participantsOf.all(workshopId) as ParticipantRow[];
  }

  facilitatorOf(workshopId: string): ParticipantRow | null {
    return (this.stmts.facilitatorOf.get(workshopId) as ParticipantRow | undefined) ?? null;
  }

  /** Appends several Yjs updates in one transaction; returns their per-workshop seqs, in order. */
  appendUpdates(entries: readonly { workshopId: string; update: Uint8Array }[]): number[] {
    return this.docs.append(entries);
  }

  /** `lastUpdateId`: the seq of the last update the returned doc holds. */
  loadDoc(workshopId: string): StoredDoc {
    const doc = this.docs.load(workshopId);
    return { state: doc.state, updates: doc.updates.map((update) => update.data), lastUpdateId: doc.lastSeq };
  }

  /** The connection, for feature stores (pictures, snapshots) that keep their statements in their own files. */
  connection(): Database.Database {
    return this.db;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
