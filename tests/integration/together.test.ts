import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `npm test` runs its checks through scripts/together.mjs: one failing check must fail it.
const TOGETHER = path.resolve(import.meta.dirname, '../../scripts/together.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'pw-together-'));
writeFileSync(
  path.join(dir, 'package.json'),
  JSON.stringify({
    scripts: {
      slow: 'node -e "setTimeout(() => console.log(\'slow done\'), 300)"',
      fast: 'node -e "console.log(\'fast done\')"',
      broken: 'node -e "console.error(\'broken says why\'); process.exit(3)"',
    },
  }),
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const together = (...names: string[]) => spawnSync(process.execPath, [TOGETHER, ...names], { cwd: dir, encoding: 'utf8' });

describe('scripts/together.mjs', () => {
  it('passes when every script passes, each output printed whole as it ends', () => {
    const run = together('slow', 'fast');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/> fast: passed in [\d.]+ s\nfast done\n/);
    expect(run.stdout).toMatch(/> slow: passed in [\d.]+ s\nslow done\n/);
  });

  it('fails when any script fails, after the others ended, and names it', () => {
    const run = together('slow', 'broken', 'fast');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('> broken: failed (3)');
    expect(run.stdout).toContain('broken says why');
    expect(run.stdout).toContain('slow done');
    expect(run.stderr).toContain('failed: broken');
  });

  it('fails without script names', () => {
    expect(together().status).toBe(2);
  });
});
