import type Database from 'better-sqlite3';
import { PictureStore } from '../../pictures/PictureStore';
import { SnapshotStore } from '../../snapshots/SnapshotStore';
import { ClientIdStore } from '../ClientIdStore';
import type {
  ClientBinding,
  ClientIdBindings,
  DocLog,
  DraftStorePort,
  ParticipantStore,
  PictureStorePort,
  SessionStore,
  SnapshotStorePort,
  Storage,
  StorageUsage,
  VoteStore,
  WorkshopRow,
  WorkshopStore,
} from '../ports';
import { Store } from '../Store';
import { sqliteDrafts, sqliteSessions, sqliteVotes } from './sqliteControl';

/**
 * The `Storage` interfaces over the embedded SQLite file: the synchronous `Store` and the feature
 * stores the running server uses today, wrapped (each call runs at once and resolves), plus the
 * few conditional writes several writers need. One process is the usual writer; a second process
 * on the same file is serialised by SQLite's write lock.
 */
export class SqliteStorage implements Storage {
  readonly engine = 'sqlite';
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

  constructor(readonly store: Store) {
    const db = store.connection();
    const docs = store.docs;
    this.docs = {
      append: async (entries) => docs.append(entries),
      load: async (workshopId) => docs.load(workshopId),
      since: async (workshopId, afterSeq) => docs.since(workshopId, afterSeq),
      lastSeq: async (workshopId) => docs.lastSeq(workshopId),
      compact: async (workshopId, state, uptoSeq) => docs.compact(workshopId, state, uptoSeq),
      updateCount: async (workshopId) => docs.updateCount(workshopId),
    };
    this.workshops = sqliteWorkshops(db, store);
    this.participants = sqliteParticipants(db, store);
    this.clientIds = sqliteClientIds(db);
    this.sessions = sqliteSessions(db);
    this.votes = sqliteVotes(db);
    this.drafts = sqliteDrafts(db, store.drafts);
    this.pictures = sqlitePictures(new PictureStore(db));
    this.snapshots = sqliteSnapshots(new SnapshotStore(db));
    this.usage = sqliteUsage(db);
  }

  /** Opens (and migrates) `persona-workshop.db` under `dataDir`. */
  static open(dataDir: string): SqliteStorage {
    return new SqliteStorage(new Store(dataDir));
  }

  async close(): Promise<void> {
    this.store.close();
  }
}

function sqliteWorkshops(db: Database.Database, store: Store): WorkshopStore {
  const byId = db.prepare('SELECT id, code, title, key_hash AS keyHash, created_at AS createdAt FROM workshops WHERE id = ?');
  const codeTaken = db.prepare('SELECT 1 FROM workshops WHERE code = ? UNION ALL SELECT 1 FROM retired_codes WHERE code = ?');
  const setCode = db.prepare('UPDATE workshops SET code = ? WHERE id = ? AND code = ?');
  const retire = db.prepare('INSERT INTO retired_codes (code, workshop_id, retired_at) VALUES (?, ?, ?)');
  const rotate = db.transaction((workshopId: string, fromCode: string, newCode: string, now: number): boolean => {
    if (codeTaken.get(newCode, newCode) !== undefined) return false;
    if (setCode.run(newCode, workshopId, fromCode).changes === 0) return false;
    retire.run(fromCode, workshopId, now);
    return true;
  });
  return {
    create: async (workshop, facilitator, initialUpdate, serverClientIds) =>
      store.createWorkshop(workshop, facilitator, initialUpdate, serverClientIds),
    byId: async (workshopId) => (byId.get(workshopId) as WorkshopRow | undefined) ?? null,
    byCode: async (code) => store.workshopByCode(code),
    byRetiredCode: async (code) => store.workshopByRetiredCode(code),
    rotateCode: async (workshopId, fromCode, newCode, now) => rotate.immediate(workshopId, fromCode, newCode, now),
  };
}

function sqliteParticipants(db: Database.Database, store: Store): ParticipantStore {
  const removeOne = db.prepare('UPDATE participants SET removed_at = ? WHERE id = ? AND removed_at IS NULL');
  const revokeTokens = db.prepare('UPDATE tokens SET revoked_at = ? WHERE participant_id = ? AND revoked_at IS NULL');
  const remove = db.transaction((participantId: string, now: number): boolean => {
    const removed = removeOne.run(now, participantId).changes > 0;
    revokeTokens.run(now, participantId);
    return removed;
  });
  return {
    add: async (participant, tokenHash) => store.addParticipant(participant, tokenHash),
    addToken: async (participantId, tokenHash, now) => store.addToken(participantId, tokenHash, now),
    byTokenHash: async (tokenHash) => store.participantByTokenHash(tokenHash),
    isActive: async (participantId, workshopId) => store.isParticipantActive(participantId, workshopId),
    count: async (workshopId) => store.participantCount(workshopId),
    list: async (workshopId) => store.participantsOf(workshopId),
    facilitatorOf: async (workshopId) => store.facilitatorOf(workshopId),
    remove: async (participantId, now) => remove.immediate(participantId, now),
  };
}

function sqliteClientIds(db: Database.Database): ClientIdBindings {
  const bindings = new ClientIdStore(db);
  const ownerOf = db.prepare(
    'SELECT client_id AS clientId, participant_id AS participantId FROM yjs_clients WHERE workshop_id = ? AND client_id = ?',
  );
  const bind = db.transaction((workshopId: string, clientIds: readonly number[], participantId: string | null, now: number) => {
    bindings.bind(workshopId, clientIds, participantId, now);
    return [...new Set(clientIds)].map((clientId) => ownerOf.get(workshopId, clientId) as ClientBinding);
  });
  return {
    bindingsOf: async (workshopId) => bindings.bindingsOf(workshopId),
    bind: async (workshopId, clientIds, participantId, now) => bind.immediate(workshopId, clientIds, participantId, now),
  };
}

function sqlitePictures(pictures: PictureStore): PictureStorePort {
  return {
    add: async (workshopId, id, picture, now) => pictures.add(workshopId, id, picture, now),
    get: async (workshopId, id) => pictures.get(workshopId, id),
    count: async (workshopId) => pictures.count(workshopId),
    copy: async (fromWorkshopId, toWorkshopId, ids, now) => pictures.copy(fromWorkshopId, toWorkshopId, ids, now),
    bytesOf: async (workshopId, ids) => pictures.bytesOf(workshopId, ids),
  };
}

function sqliteSnapshots(snapshots: SnapshotStore): SnapshotStorePort {
  return {
    add: async (workshopId, snapshot, state) => snapshots.add(workshopId, snapshot, state),
    list: async (workshopId) => snapshots.list(workshopId),
    count: async (workshopId) => snapshots.count(workshopId),
    get: async (workshopId, id) => snapshots.get(workshopId, id),
    delete: async (workshopId, id) => snapshots.delete(workshopId, id),
  };
}

function sqliteUsage(db: Database.Database): StorageUsage {
  // length() of a BLOB reads the row's header, not the blob: cheap even for 8 MiB snapshots.
  const workshopBytes = db.prepare(
    `SELECT (SELECT coalesce(sum(length(data)), 0) FROM doc_states WHERE workshop_id = @id)
          + (SELECT coalesce(sum(length(data)), 0) FROM doc_updates WHERE workshop_id = @id)
          + (SELECT coalesce(sum(length(state)), 0) FROM snapshots WHERE workshop_id = @id)
          + (SELECT coalesce(sum(length(bytes)), 0) FROM pictures WHERE workshop_id = @id) AS bytes`,
  );
  return {
    workshopBytes: async (workshopId) => (workshopBytes.get({ id: workshopId }) as { bytes: number }).bytes,
    // The used pages (free pages not counted): what every workshop holds together.
    totalBytes: async () => {
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      const pages = db.pragma('page_count', { simple: true }) as number;
      const free = db.pragma('freelist_count', { simple: true }) as number;
      return (pages - free) * pageSize;
    },
  };
}
