import type pg from 'pg';
import type {
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
  WorkshopStore,
} from '../ports';
import { createPool, migrate, type PoolOptions } from './pgClient';
import { pgDrafts, pgSessions, pgVotes } from './pgControl';
import { pgDocs } from './pgDocs';
import { pgPictures, pgSnapshots, pgUsage } from './pgFiles';
import { pgClientIds, pgParticipants, pgWorkshops } from './pgPeople';

/**
 * The `Storage` interfaces over PostgreSQL (`DATABASE_URL`), for several server instances
 * sharing workshops: each instance has its own pool; every rule that must hold across them is
 * enforced by PostgreSQL (row locks, conditional writes), not by the instance's memory.
 */
export class PostgresStorage implements Storage {
  readonly engine = 'postgres';
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

  private constructor(readonly pool: pg.Pool) {
    this.docs = pgDocs(pool);
    this.workshops = pgWorkshops(pool);
    this.participants = pgParticipants(pool);
    this.clientIds = pgClientIds(pool);
    this.sessions = pgSessions(pool);
    this.votes = pgVotes(pool);
    this.drafts = pgDrafts(pool);
    this.pictures = pgPictures(pool);
    this.snapshots = pgSnapshots(pool);
    this.usage = pgUsage(pool);
  }

  /** Connects and migrates the schema (once, however many instances start together). */
  static async open(connectionString: string, options: PoolOptions = {}): Promise<PostgresStorage> {
    const pool = createPool(connectionString, options);
    try {
      await migrate(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStorage(pool);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
