import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';

/**
 * What the throwaway PostgreSQL and Redis helpers share: free loopback ports, and a registry of
 * what they started, so that nothing is left running or on disk when the test process ends,
 * however it ends (normal exit, a failed test, Ctrl-C or SIGTERM).
 */

const cleanups = new Set<() => void>();

function runCleanups(): void {
  // Last registered first: a server is stopped before the directory it runs in is removed.
  for (const cleanup of [...cleanups].reverse()) {
    try {
      cleanup();
    } catch {
      // best effort: the next one still runs
    }
  }
  cleanups.clear();
}

let isHooked = false;

/**
 * Runs `cleanup` (synchronous: it may run in an `exit` handler) when this process ends, unless
 * cancelled first. On SIGINT, SIGTERM or SIGHUP the cleanups run and the signal is raised again.
 */
export function onExit(cleanup: () => void): { cancel(): void } {
  if (!isHooked) {
    isHooked = true;
    process.once('exit', runCleanups);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(signal, () => {
        runCleanups();
        process.kill(process.pid, signal); // then die of it as if we had not listened
      });
    }
  }
  cleanups.add(cleanup);
  return { cancel: () => cleanups.delete(cleanup) };
}

/** SIGKILL, ignoring a process that is already gone. */
export function killNow(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Removes `dir` now and forgets it. */
/** Is a process with this id alive (signal 0 checks without sending anything)? */
export function isRunning(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A long-running child whose output is kept (the last 8 kB) for the error message if it dies. */
export function spawnService(command: string, args: string[], options: SpawnOptions): { child: ChildProcess; output(): string } {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-8192));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => output };
}

/** Resolves when the child has exited; SIGKILLs it after `timeoutMs`. */
export function exited(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Polls `isUp` until it resolves true; throws with the service's output after `timeoutMs`. */
export async function waitUntilUp(
  name: string,
  isUp: () => Promise<boolean>,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) while starting:\n${output()}`);
    }
    if (await isUp()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name} did not start within ${timeoutMs} ms:\n${output()}`);
}
