import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * `npm run test:reliability [-- --full] [-- --jobs=N] [-- name ...]`: runs each reliability script
 * in its own process (fixed seeds), two at a time (`--jobs`), echoes its one JSON line of figures
 * as it ends, then `N passed, M failed`.
 */
const SCRIPTS = ['crash', 'fuzz', 'rooms', 'merge', 'storm', 'hygiene', 'yjs-structs', 'flood', 'hostile'] as const;
/**
 * Scripts that time the server (flood: closed within 2 s, a canary's round trip under 1 s p99)
 * run alone, after the others, so a neighbour's load cannot fail them.
 */
const ALONE: readonly string[] = ['flood'];
/** Scripts whose file is not named like the script. */
const FILES: Record<string, string> = { 'yjs-structs': 'yjsStructs' };
const SHORT_TIMEOUT_MS = 150_000;
const FULL_TIMEOUT_MS = 3_600_000;

const args = process.argv.slice(2);
const isFull = args.includes('--full');
const only = args.filter((arg) => !arg.startsWith('--'));
const selected = only.length > 0 ? SCRIPTS.filter((name) => only.includes(name)) : [...SCRIPTS];
const jobsArg = args.find((arg) => arg.startsWith('--jobs='));
const jobs = jobsArg ? Number(jobsArg.slice('--jobs='.length)) : 2;
if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`--jobs wants a whole number from 1: ${jobsArg}`);

/** `sharing`: another script runs beside it, so it gets about half the cores and twice the time. */
function runScript(name: string, sharing: boolean): Promise<boolean> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, `${FILES[name] ?? name}.ts`), ...(isFull ? ['--full'] : [])],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const timeoutMs = (isFull ? FULL_TIMEOUT_MS : SHORT_TIMEOUT_MS) * (sharing ? 2 : 1);
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const line = out
        .trim()
        .split('\n')
        .reverse()
        .find((l) => l.startsWith('{'));
      process.stdout.write(`${line ?? JSON.stringify({ test: name, ok: false, error: `no figures (exit ${code ?? signal})` })}\n`);
      process.stderr.write(`${name}: ${code === 0 ? 'passed' : 'failed'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      resolve(code === 0);
    });
  });
}

let passed = 0;
let failed = 0;
const count = (ok: boolean) => (ok ? passed++ : failed++);
const queue = selected.filter((name) => !ALONE.includes(name));
await Promise.all(
  Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) count(await runScript(name, jobs > 1));
  }),
);
for (const name of selected.filter((name) => ALONE.includes(name))) count(await runScript(name, false));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
