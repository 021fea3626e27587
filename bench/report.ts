import type { PersistenceCheck } from './persistence';
import { round } from './procStats';
import type { LoopDelay } from './serverProbe';
import type { JoinReport, JoinSample } from './workerMessages';

/** The benchmark's output records and the ours/reference ratios against the targets. */

export type ServerKind = 'ours' | 'reference';

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  samples: number;
}

export interface LoadResult {
  type: 'load';
  server: ServerKind;
  scenario: string;
  rooms: number;
  clientsPerRoom: number;
  durationS: number;
  edits: number;
  ops: { add: number; move: number; edit: number };
  editsPerSecond: number;
  /** Change → arrival at the last other client of the room. */
  fanOutMs: Percentiles;
  /** Change → arrival at one other client, over every (change, receiver) pair. */
  deliveryMs: Percentiles;
  deliveredRatio: number;
  incompleteChanges: number;
  connectionCloses: number;
  serverCpuMsPerEdit: number;
  serverCpuMsPerEditFromStat: number;
  /** The same CPU split: the event loop's thread, and the GC helpers and libuv pool together. */
  serverCpuMsPerEditByThread: { main: number; others: number };
  serverCpuPercent: number;
  serverRssMiB: { idle: number; end: number; peak: number };
  /** How long the server's event loop was blocked (a blocked loop delays every room). */
  serverLoopDelayMs: LoopDelay;
  /** WebSocket payload bytes up and down, counted on the clients' sockets. */
  bytesPerEdit: number;
  framesPerEdit: number;
  /** rchar+wchar of the server process: sockets plus file writes (our SQLite). */
  procIoBytesPerEdit: number;
  generators: { processes: number; cpuPercent: number[]; eventLoopDelayP99Ms: number[]; setupS: number[]; isSaturated: boolean };
  /** CPU cores used by processes outside the benchmark during the window: noise in every figure. */
  otherProcessesCores: number;
  persisted?: PersistenceCheck;
}

export interface JoinResult {
  type: 'join';
  server: ServerKind;
  notes: number;
  notesSeen: number;
  prefillS: number;
  coldMs: number;
  coldServerCpuMs: number;
  warmMs: number;
  warmServerCpuMs: number;
  syncBytes: number;
  samples: { cold: JoinSample[]; warm: JoinSample[] };
}

export function percentiles(values: number[]): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!);
  return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(at(1)), samples: sorted.length };
}

const median = (values: number[]) => percentiles(values).p50;

export function joinResult(server: ServerKind, report: JoinReport): JoinResult {
  return {
    type: 'join',
    server,
    notes: report.size,
    notesSeen: report.notesSeen,
    prefillS: round(report.prefillMs / 1000),
    coldMs: median(report.cold.map((s) => s.ms)),
    coldServerCpuMs: median(report.cold.map((s) => s.serverCpuMs)),
    warmMs: median(report.warm.map((s) => s.ms)),
    warmServerCpuMs: median(report.warm.map((s) => s.serverCpuMs)),
    syncBytes: median(report.warm.map((s) => s.receivedBytes)),
    samples: {
      cold: report.cold.map((s) => ({ ms: round(s.ms), serverCpuMs: round(s.serverCpuMs), receivedBytes: s.receivedBytes })),
      warm: report.warm.map((s) => ({ ms: round(s.ms), serverCpuMs: round(s.serverCpuMs), receivedBytes: s.receivedBytes })),
    },
  };
}

export interface Target {
  metric: string;
  ratio: number;
  /** The ratio ours/reference must not exceed. */
  atMost: number;
  isMet: boolean;
}

const ratio = (ours: number, reference: number) => round(ours / reference, 3);

function target(metric: string, value: number, atMost: number): Target {
  return { metric, ratio: value, atMost, isMet: value <= atMost };
}

/** Ours ÷ reference for every metric both servers have, and the targets. */
export function summarize(loads: LoadResult[], joins: JoinResult[]) {
  const ratios: Record<string, Record<string, number>> = {};
  const targets: Target[] = [];
  for (const ours of loads.filter((r) => r.server === 'ours')) {
    const ref = loads.find((r) => r.server === 'reference' && r.scenario === ours.scenario);
    if (!ref) continue;
    const row = {
      serverCpuMsPerEdit: ratio(ours.serverCpuMsPerEdit, ref.serverCpuMsPerEdit),
      fanOutP50: ratio(ours.fanOutMs.p50, ref.fanOutMs.p50),
      fanOutP95: ratio(ours.fanOutMs.p95, ref.fanOutMs.p95),
      fanOutP99: ratio(ours.fanOutMs.p99, ref.fanOutMs.p99),
      deliveryP99: ratio(ours.deliveryMs.p99, ref.deliveryMs.p99),
      bytesPerEdit: ratio(ours.bytesPerEdit, ref.bytesPerEdit),
      peakRss: ratio(ours.serverRssMiB.peak, ref.serverRssMiB.peak),
    };
    ratios[`load ${ours.scenario}`] = row;
    targets.push(target(`server CPU per edit, ${ours.scenario}`, row.serverCpuMsPerEdit, 0.8));
    targets.push(target(`p99 fan-out, ${ours.scenario}`, row.fanOutP99, 1.1));
  }
  const largest = Math.max(...joins.map((j) => j.notes));
  for (const ours of joins.filter((r) => r.server === 'ours')) {
    const ref = joins.find((r) => r.server === 'reference' && r.notes === ours.notes);
    if (!ref) continue;
    const row = {
      coldSyncTime: ratio(ours.coldMs, ref.coldMs),
      warmSyncTime: ratio(ours.warmMs, ref.warmMs),
      coldJoinCpu: ratio(ours.coldServerCpuMs, ref.coldServerCpuMs),
      warmJoinCpu: ratio(ours.warmServerCpuMs, ref.warmServerCpuMs),
      syncBytes: ratio(ours.syncBytes, ref.syncBytes),
    };
    ratios[`join ${ours.notes} notes`] = row;
    if (ours.notes !== largest) continue;
    targets.push(target(`sync time, ${ours.notes} notes, right after an edit`, row.coldSyncTime, 0.5));
    targets.push(target(`sync time, ${ours.notes} notes, unchanged room`, row.warmSyncTime, 0.5));
    targets.push(target(`server CPU per join, ${ours.notes} notes, right after an edit`, row.coldJoinCpu, 0.25));
    targets.push(target(`server CPU per join, ${ours.notes} notes, unchanged room`, row.warmJoinCpu, 0.25));
  }
  return { type: 'summary' as const, ratios, targets, targetsMet: targets.filter((t) => t.isMet).length, targetsTotal: targets.length };
}
