import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * `npm run test:reliability [-- --full] [-- name ...]`: runs each reliability script in its own
 * process (fixed seeds), echoes its one JSON line of figures, then `N passed, M failed`.
 */
const SCRIPTS = ['crash', 'fuzz', 'rooms', 'merge', 'storm', 'hygiene', 'yjs-structs', 'flood', 'hostile'] as const;
/** Scripts whose file is not named like the script. */
const FILES: Record<string, string> = { 'yjs-structs': 'yjsStructs' };
const SHORT_TIMEOUT_MS = 150_000;
const FULL_TIMEOUT_MS = 3_600_000;

const args = process.argv.slice(2);
const isFull = args.includes('--full');
const only = args.filter((arg) => !arg.startsWith('--'));
const selected = only.length > 0 ? SCRIPTS.filter((name) => only.includes(name)) : [...SCRIPTS];

function runScript(name: string): Promise<boolean> {
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
    const timer = setTimeout(() => child.kill('SIGTERM'), isFull ? FULL_TIMEOUT_MS : SHORT_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const line = out
        .trim()
        .split('\n')
        .reverse()
        .find((l) => l.startsWith('{'));
      process.stdout.write(`${line ?? JSON.stringify({ test: name, ok: false, error: `no figures (exit ${code ?? signal})` })}\n`);
      resolve(code === 0);
    });
  });
}

let passed = 0;
let failed = 0;
for (const name of selected) {
  if (await runScript(name)) passed++;
  else failed++;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
