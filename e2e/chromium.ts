import { execFileSync } from 'node:child_process';

/** Debian's Chromium (Playwright cannot download its own browser here). */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Chromium not found: run `npm run test:setup` (installs Debian chromium) or set CHROMIUM_PATH.');
  }
}

/** Flags for a headless Chromium in a container with no network: no sandbox, GPU, QUIC or background fetches. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
