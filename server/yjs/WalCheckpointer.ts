import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../log';

export interface CheckpointPolicy {
  /**
   * Commits between checkpoints: about SQLite's own 1,000 pages at 3–4 pages per commit.
   * Checkpointing more often copies the same hot pages (the log's last leaf, its index, the
   * sequence) again each time, for more work in all.
   */
  commitsPerCheckpoint: number;
  /** A checkpoint at least this often while anything was written (other tables' writes too). */
  intervalMs: number;
}

export const DEFAULT_CHECKPOINT_POLICY: CheckpointPolicy = { commitsPerCheckpoint: 250, intervalMs: 30_000 };
/**
 * SQLite's own checkpoint threshold on the main connection while the worker runs: far above what
 * the worker lets accumulate, so it only fires if the worker stops. SQLite's default is 1,000.
 */
const SAFETY_NET_PAGES = 16_384;
const DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;

/** The worker: its own connection to the same file; a passive checkpoint when told, and on a timer. */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'checkpoint') return checkpoint();
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Runs SQLite's WAL checkpoints on a worker thread with its own connection. A checkpoint copies
 * the WAL into the database file and fsyncs both: on the event loop (SQLite's default, inside
 * whichever commit crosses 1,000 pages) it stalled every room for 5 ms on a quiet disk and up to
 * 70 ms on a busy one, about once per 300 commits. The worker checkpoints as often (it is told
 * every so many commits), and a passive checkpoint never blocks the main connection's reads or
 * commits. Durability is unchanged: commits are in the WAL on disk before anyone is told.
 */
export class WalCheckpointer {
  private readonly worker: Worker | null = null;
  private closing: Promise<void> | null = null;
  private commits = 0;

  constructor(
    private readonly db: Database.Database,
    log: Logger,
    private readonly policy: CheckpointPolicy = DEFAULT_CHECKPOINT_POLICY,
  ) {
    if (db.memory || (db.pragma('journal_mode', { simple: true }) as string) !== 'wal') return;
    const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');
    const workerData = { driverPath, file: db.name, intervalMs: policy.intervalMs };
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
    this.worker.unref();
    db.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
    const fallBack = (reason: string) => {
      log.error({ err: reason }, 'WAL checkpoint worker failed; checkpoints go back to the main connection');
      if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
    };
    this.worker.on('message', (message: { error?: string }) => message.error && log.warn({ err: message.error }, 'WAL checkpoint failed'));
    this.worker.on('error', (error) => fallBack(error.message));
  }

  /** Counts a commit of the main connection; every so many, the worker checkpoints. */
  noteCommit(): void {
    if (!this.worker || this.closing || ++this.commits < this.policy.commitsPerCheckpoint) return;
    this.commits = 0;
    this.worker.postMessage('checkpoint');
  }

  /** Stops the worker (its connection closes); the main connection checkpoints again. */
  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }

  private async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage('close');
    await exited;
  }
}
