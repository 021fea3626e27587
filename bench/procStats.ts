import { readdirSync, readFileSync } from 'node:fs';

/**
 * What Linux says about a process, read from /proc. All processes of the benchmark run on one
 * machine, so the orchestrator and the workers can read the server's figures directly.
 */

/** Kernel clock ticks per second for /proc/<pid>/stat (USER_HZ, 100 on every Linux we run). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time of every thread of the process in nanoseconds, from /proc/<pid>/task/<tid>/schedstat.
 * Nanosecond-exact, unlike utime+stime (10 ms ticks), which matters for a join costing ~1 ms.
 * V8's GC helper threads and libuv's pool are included; threads that already exited are not.
 */
export function cpuNs(pid: number): number {
  let total = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread exited between the listing and the read
    }
  }
  return total;
}

/**
 * CPU ns of the main thread (the event loop: all of the server's own JS) and of the other
 * threads together (V8's GC helpers, libuv's pool; node names them all `node`).
 */
export function cpuNsByThread(pid: number): { main: number; others: number } {
  const split = { main: 0, others: 0 };
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      if (Number(tid) === pid) split.main += ns;
      else split.others += ns;
    } catch {
      // the thread exited between the listing and the read
    }
  }
  return split;
}

/** utime + stime of the whole process in ms, from /proc/<pid>/stat (10 ms resolution). */
export function statCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces and parentheses: fields are counted after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

export interface Memory {
  rssMiB: number;
  /** Peak resident set size over the process's life (VmHWM). */
  peakRssMiB: number;
}

export function memory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: round(kib('VmRSS') / 1024), peakRssMiB: round(kib('VmHWM') / 1024) };
}

/** Bytes moved through read/write syscalls: sockets, but also files (our SQLite WAL). */
export function ioBytes(pid: number): { read: number; written: number } {
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)`, 'm').exec(io)?.[1] ?? NaN);
  return { read: field('rchar'), written: field('wchar') };
}

/** CPU ms the whole machine spent busy (all cores, all processes), from /proc/stat. */
export function machineBusyMs(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy.
  const busy = ticks.slice(0, 8).reduce((sum, t, i) => (i === 3 || i === 4 ? sum : sum + t), 0);
  return (busy * 1000) / TICKS_PER_SECOND;
}

export interface CpuSnapshot {
  ns: number;
  byThread: { main: number; others: number };
  statMs: number;
  io: { read: number; written: number };
  machineMs: number;
}

export function snapshot(pid: number): CpuSnapshot {
  return { ns: cpuNs(pid), byThread: cpuNsByThread(pid), statMs: statCpuMs(pid), io: ioBytes(pid), machineMs: machineBusyMs() };
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
