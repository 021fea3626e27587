import type { Target } from './client';

/** The IPC messages between the orchestrator (`run.ts`) and its worker processes. */

export interface LoadConfig {
  mode: 'load';
  target: Target;
  rooms: number;
  clientsPerRoom: number;
  /** Names this worker's rooms apart from another worker's. */
  label: string;
  seed: number;
  opIntervalMs: number;
  /**
   * Several instances of one cluster (`--cluster`): each room's clients are spread over them
   * (`balance`); `target` creates the rooms and seats.
   */
  instances?: Target[];
  /**
   * `roundrobin` (default): client i of a room on instance i mod n, as a round-robin balancer
   * spreads them. `affinity`: every client of a room on one instance, chosen by a hash of its
   * code, as `deploy/haproxy.cfg`'s consistent hash of /yjs/<CODE> places them.
   */
  balance?: Balance;
}

export type Balance = 'roundrobin' | 'affinity';

export interface JoinConfig {
  mode: 'join';
  target: Target;
  serverPid: number;
  sizes: number[];
  repeats: number;
  seed: number;
}

export type WorkerConfig = LoadConfig | JoinConfig;

export interface LoadReport {
  /** ms from a change to its arrival at one other client, per (change, receiver). */
  deliveries: number[];
  /** ms from a change to its arrival at the last other client in the room, per change. */
  fanouts: number[];
  /** Per change, the last arrival among receivers on the sender's instance, and on other instances. */
  fanoutsWithin: number[];
  fanoutsAcross: number[];
  ops: { add: number; move: number; edit: number };
  expectedDeliveries: number;
  /** Changes that had not reached every other client when the drain ended. */
  incompleteChanges: number;
  connectionCloses: number;
  notesByRoom: Record<string, number>;
  traffic: { sentBytes: number; receivedBytes: number; sentFrames: number; receivedFrames: number };
  /** This worker's own CPU over the window and drain, and the wall time of both. */
  cpuMs: number;
  wallMs: number;
  eventLoopDelayP99Ms: number;
  setupMs: number;
}

export interface JoinSample {
  ms: number;
  serverCpuMs: number;
  receivedBytes: number;
}

export interface JoinReport {
  size: number;
  prefillMs: number;
  notesSeen: number;
  /** Each join right after one edit, so a server's cached encoding is stale. */
  cold: JoinSample[];
  /** Joins with no change since the previous one. */
  warm: JoinSample[];
}

export type ToWorker = { type: 'start'; durationMs: number } | { type: 'close' };

export type FromWorker =
  | { type: 'ready'; rooms: string[] }
  | { type: 'done'; report: LoadReport }
  | { type: 'joined'; reports: JoinReport[] }
  | { type: 'error'; message: string };
