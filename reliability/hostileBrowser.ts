import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { sleep } from './clients';
import { adopt } from './proc';

/**
 * The full app as `npm start` runs it (compiled server, built pages; needs `npm run build`) in a
 * child process, and what a page is watched for:
 * dialogs, CSP violations, script that ran (`window.__pwned`), markup that came from user text.
 */

const ROOT = path.resolve(import.meta.dirname, '..');

export async function startApp(port: number, dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/main.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      PDF_WARMUP: '0',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  adopt(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('the app did not start within 90 s');
    const isUp = await fetch(`${url}/readyz`).then(
      (res) => res.ok,
      () => false,
    );
    if (isUp) break;
    await sleep(200);
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Debian's Chromium, as the Playwright config resolves it. */
/** Runs in every frame before the app: dialogs and CSP reports are counted, never shown. */
export const INSTRUMENT = `
  window.__pwned = 0;
  window.__dialogs = [];
  window.__csp = [];
  for (const name of ['alert', 'confirm', 'prompt']) {
    window[name] = function (message) { window.__dialogs.push(name + ': ' + String(message)); return name === 'confirm' ? false : null; };
  }
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push([e.violatedDirective, e.blockedURI, (e.sourceFile || '').replace(location.origin, ''), e.sample || ''].join(' ')), true);
`;

export interface PageWatch {
  nativeDialogs: string[];
  cspConsole: string[];
  pageErrors: string[];
}

export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { nativeDialogs: [], cspConsole: [], pageErrors: [] };
  page.on('dialog', (dialog) => {
    watch.nativeDialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to (execute|load|apply|frame)/i.test(text)) watch.cspConsole.push(text.slice(0, 200));
  });
  page.on('pageerror', (error) => watch.pageErrors.push(error.message.slice(0, 200)));
  return watch;
}

export interface PageScan {
  text: string;
  pwned: number;
  dialogs: string[];
  csp: string[];
  /** Elements and attributes only user text could have brought. */
  injected: { onAttributes: number; javascriptLinks: number; frames: number; imgX: number; foreignTags: number; injectedScripts: number };
}

export async function scanPage(page: Page): Promise<PageScan> {
  return page.evaluate(() => {
    const w = window as unknown as { __pwned: number; __dialogs: string[]; __csp: string[] };
    const injected = { onAttributes: 0, javascriptLinks: 0, frames: 0, imgX: 0, foreignTags: 0, injectedScripts: 0 };
    for (const el of document.querySelectorAll('*')) {
      for (const name of el.getAttributeNames()) if (name.startsWith('on')) injected.onAttributes++;
      if (el instanceof HTMLAnchorElement && el.protocol === 'javascript:') injected.javascriptLinks++;
      if (['IFRAME', 'FRAME', 'OBJECT', 'EMBED'].includes(el.tagName)) injected.frames++;
      if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') injected.imgX++;
      const tag = el.tagName.toLowerCase();
      const isPayload =
        (tag === 'b' && el.textContent === 'hover me') || (tag === 'style' && (el.textContent ?? '').includes('display:none!important'));
      if (tag === 'math' || tag === 'mglyph' || isPayload) injected.foreignTags++;
      if (el.tagName === 'SCRIPT' && /__pwned|alert\(/.test(el.textContent ?? '')) injected.injectedScripts++;
    }
    return { text: document.body.textContent ?? '', pwned: w.__pwned, dialogs: [...w.__dialogs], csp: [...w.__csp], injected };
  });
}
