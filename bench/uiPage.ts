import type { BrowserContext, CDPSession, Page, Request } from '@playwright/test';
import { writeFileSync } from 'node:fs';

/**
 * What the bench watches inside a page, installed before the app's own scripts: when each note
 * marker `⟦…⟧` first shows (a `MutationObserver` on the whole document, timed at the next
 * animation frame, i.e. the frame that paints it) and every long task of the main thread.
 * Notes are found by their text, never by the components' structure, so a redesign keeps working.
 */
// Plain JavaScript in a string: tsx would wrap a TypeScript function in helpers the page lacks.
const INSTRUMENT = `(() => {
  const marks = {};
  const longTasks = [];
  const pending = new Set();
  const now = () => performance.timeOrigin + performance.now();
  window.__bench = { marks, longTasks };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push([performance.timeOrigin + entry.startTime, entry.duration]);
  }).observe({ type: 'longtask', buffered: true });
  const scan = (text) => {
    if (!text || !text.includes('⟦')) return;
    for (const match of text.matchAll(/⟦([a-z0-9]+)⟧/g)) if (!(match[1] in marks)) pending.add(match[1]);
  };
  const flush = () => {
    const at = now();
    for (const marker of pending) if (!(marker in marks)) marks[marker] = at;
    pending.clear();
  };
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === 'characterData') scan(mutation.target.textContent);
      else for (const node of mutation.addedNodes) scan(node.textContent);
    }
    if (pending.size > 0) requestAnimationFrame(flush);
  }).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

export async function instrumentContext(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: INSTRUMENT });
}

interface PageBench {
  marks: Record<string, number>;
  longTasks: [number, number][];
}

const read = (page: Page) => page.evaluate(() => (window as unknown as { __bench: PageBench }).__bench);

/** When each marker showed on the page (epoch ms). */
export async function marksOf(page: Page): Promise<Record<string, number>> {
  return (await read(page)).marks;
}

/** Long-task time of the main thread inside [from, to] (epoch ms), per second of that window. */
export async function longTaskMsPerSecond(page: Page, from: number, to: number): Promise<number> {
  const { longTasks } = await read(page);
  let total = 0;
  for (const [start, duration] of longTasks) total += Math.max(0, Math.min(to, start + duration) - Math.max(from, start));
  return Math.round((total / ((to - from) / 1000)) * 10) / 10;
}

/** Waits until every marker has shown on the page; false on timeout. */
export async function waitForMarkers(page: Page, markers: readonly string[], timeoutMs: number): Promise<boolean> {
  try {
    await page.waitForFunction((wanted) => wanted.every((m) => m in (window as unknown as { __bench: PageBench }).__bench.marks), markers, {
      timeout: timeoutMs,
      polling: 250,
    });
    return true;
  } catch {
    return false;
  }
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();

/** One CDP session per page, with the Performance domain on. */
function cdpOf(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = page
      .context()
      .newCDPSession(page)
      .then(async (cdp) => {
        await cdp.send('Performance.enable');
        return cdp;
      });
    sessions.set(page, session);
  }
  return session;
}

/** Starts the V8 sampling profiler in the page (for `--profile`). */
export async function startProfile(page: Page): Promise<void> {
  const cdp = await cdpOf(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
}

/** Stops the profiler and writes the `.cpuprofile` (opens in Chromium's DevTools, or `bench/profileSummary.ts`). */
export async function stopProfile(page: Page, file: string): Promise<void> {
  const { profile } = await (await cdpOf(page)).send('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
}

/** A phone's page: CPU slowed `rate`× through CDP (a mid-range phone), before anything loads. */
export async function throttle(page: Page, rate: number): Promise<void> {
  await (await cdpOf(page)).send('Emulation.setCPUThrottlingRate', { rate });
}

export type MainThread = { scriptMs: number; layoutMs: number; styleMs: number; taskMs: number };

/** The renderer's cumulative main-thread time (CDP Performance metrics), ms. */
export async function mainThread(page: Page): Promise<MainThread> {
  const { metrics } = await (await cdpOf(page)).send('Performance.getMetrics');
  const seconds = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return {
    scriptMs: seconds('ScriptDuration'),
    layoutMs: seconds('LayoutDuration'),
    styleMs: seconds('RecalcStyleDuration'),
    taskMs: seconds('TaskDuration'),
  };
}

/** Where the main thread's time went between two readings, per second of the window. */
export function perSecond(before: MainThread, after: MainThread, windowMs: number): MainThread {
  const rate = (key: keyof MainThread) => Math.round(((after[key] - before[key]) / (windowMs / 1000)) * 10) / 10;
  return { scriptMs: rate('scriptMs'), layoutMs: rate('layoutMs'), styleMs: rate('styleMs'), taskMs: rate('taskMs') };
}

export interface ScriptBytes {
  /** Bytes of JavaScript over the wire (encoded bodies plus headers). */
  transferred: number;
  /** The same scripts decoded. */
  decoded: number;
  files: number;
  /** Content-Encoding of the scripts, e.g. { gzip: 12 } or { identity: 12 }. */
  encodings: Record<string, number>;
  /** Every script, largest first. */
  largest: { url: string; transferred: number }[];
}

/** Records every script a page loads from now on, until `done()` sums them. */
export function recordScripts(page: Page): { done(): Promise<ScriptBytes> } {
  const seen: Promise<{ url: string; transferred: number; decoded: number; encoding: string } | null>[] = [];
  const onFinished = (request: Request) => {
    if (request.resourceType() !== 'script') return;
    const measure = async () => {
      const response = await request.response();
      const sizes = await request.sizes();
      const body = await response?.body();
      const encoding = (await response?.headerValue('content-encoding')) ?? 'identity';
      const transferred = sizes.responseBodySize + sizes.responseHeadersSize;
      return { url: new URL(request.url()).pathname, transferred, decoded: body?.length ?? 0, encoding };
    };
    seen.push(measure().catch(() => null));
  };
  page.on('requestfinished', onFinished);
  return {
    async done() {
      page.off('requestfinished', onFinished);
      const scripts = (await Promise.all(seen)).filter((s) => s !== null);
      const encodings: Record<string, number> = {};
      for (const s of scripts) encodings[s.encoding] = (encodings[s.encoding] ?? 0) + 1;
      return {
        transferred: scripts.reduce((sum, s) => sum + s.transferred, 0),
        decoded: scripts.reduce((sum, s) => sum + s.decoded, 0),
        files: scripts.length,
        encodings,
        largest: scripts.sort((a, b) => b.transferred - a.transferred).map(({ url, transferred }) => ({ url, transferred })),
      };
    },
  };
}
