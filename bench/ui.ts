import { chromium, type Browser, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/chromium';
import { freePort } from '../tests/helpers/AppProcess';
import { sleep } from './client';
import { round } from './procStats';
import { percentiles } from './report';
import { BenchApp, Facilitator } from './uiApp';
import { BotProcess, type SentMark } from './uiMessages';
import {
  instrumentContext,
  longTaskMsPerSecond,
  mainThread,
  marksOf,
  perSecond,
  recordScripts,
  startProfile,
  stopProfile,
  throttle,
  waitForMarkers,
  type ScriptBytes,
} from './uiPage';

/**
 * `npm run bench:ui [-- --quick] [-- --root DIR]`: the live board in real browsers at a real
 * room's volume. Debian's Chromium shows the presenter view (1920×1080, full speed) and a
 * participant's phone (375×812, CPU throttled 4× through CDP); bots (`uiBots.ts`, real
 * participants over the API and y-websocket) add and edit notes at a set rate. Prints one JSON
 * line per measure and writes them all to bench/results/ui-latest.json. `--root` runs the server
 * of another checkout (e.g. a worktree of main, built) to measure "before".
 */
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    root: { type: 'string', default: path.resolve(import.meta.dirname, '..') },
    duration: { type: 'string' },
    boards: { type: 'string' },
    rates: { type: 'string' },
    bots: { type: 'string', default: '12' },
    reveal: { type: 'string', default: '200' },
    phones: { type: 'string', default: '2' },
    profile: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
  },
});

const options = {
  durationMs: Number(args.duration ?? (args.quick ? 5 : 20)) * 1000,
  boards: (args.boards ?? '300,1000').split(',').map(Number),
  rates: (args.rates ?? '2,25').split(',').map(Number),
  bots: Number(args.bots),
  reveal: Number(args.reveal),
  phones: Number(args.phones),
};
const QUADRANT = 'pains';
/** On the first note of QUADRANT: the top of a phone's list. */
const FIRST_MARKER = 'first';
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'];
const CPU_THROTTLE = 4;
/** After the last edit, how long a screen may take before an edit counts as never shown. */
const DRAIN_MS = 10_000;
const SETTLE_MS = 3_000;
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const PROJECTOR = { viewport: { width: 1920, height: 1080 } };

const RESULTS_DIR = path.join(import.meta.dirname, 'results');
mkdirSync(RESULTS_DIR, { recursive: true });
const results: object[] = [];
function emit(record: object): void {
  results.push(record);
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

interface Screens {
  presenter: Page;
  phones: Page[];
}

/**
 * A participant's phone joins through the join page, as from the QR code; resolves once it shows
 * `marker` (the newest note of the open quadrant). `joinMs`: until the board's first screen shows
 * (the quadrant's first note, `FIRST_MARKER`); `wholeQuadrantMs`: until its newest note is on the
 * page too (the rows below the first screen are mounted a slice at a time).
 */
async function joinPhone(
  browser: Browser,
  joinUrl: string,
  name: string,
  marker: string,
): Promise<{ page: Page; joinMs: number; wholeQuadrantMs: number; scripts: ScriptBytes }> {
  const context = await browser.newContext(PHONE);
  await instrumentContext(context);
  const page = await context.newPage();
  await throttle(page, CPU_THROTTLE);
  const scripts = recordScripts(page);
  await page.goto(joinUrl);
  await page.getByLabel('Your name').fill(name);
  if (args.trace)
    await browser.startTracing(page, {
      path: path.join(RESULTS_DIR, `${name.replace(/\W+/g, '-')}-join.trace.json`),
      categories: TRACE_CATEGORIES,
    });
  if (args.profile) await startProfile(page);
  const clickedAt = Date.now();
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  const firstShown = await waitForMarkers(page, [FIRST_MARKER], 120_000);
  const scriptBytes = await scripts.done();
  if (!firstShown || !(await waitForMarkers(page, [marker], 120_000))) {
    await page.screenshot({ path: path.join(RESULTS_DIR, 'ui-join-failed.png'), fullPage: true });
    throw new Error(`${name} never showed the board (see bench/results/ui-join-failed.png)`);
  }
  const marks = await marksOf(page);
  const joinMs = round(marks[FIRST_MARKER]! - clickedAt, 0);
  const wholeQuadrantMs = round(marks[marker]! - clickedAt, 0);
  if (args.trace) await browser.stopTracing();
  if (args.profile) await stopProfile(page, path.join(RESULTS_DIR, `${name.replace(/\W+/g, '-')}-join.cpuprofile`));
  return { page, joinMs, wholeQuadrantMs, scripts: scriptBytes };
}

/** Reloads a screen and waits until it shows the board up to `marker`. */
async function reloadShowing(page: Page, marker: string): Promise<void> {
  await page.reload();
  if (!(await waitForMarkers(page, [marker], 180_000))) throw new Error(`${page.url()} did not show the board after a reload`);
}

function latency(sent: readonly SentMark[], marks: Record<string, number>) {
  const seen = sent.filter((s) => s.marker in marks);
  const lags = seen.map((s) => marks[s.marker]! - s.at);
  const quarter = Math.max(1, Math.floor(seen.length / 4));
  const median = (values: number[]) => percentiles(values).p50;
  // An edit the screen never showed because a later edit of the same note, which it did show,
  // replaced it first (the store shows the latest text once per frame): coalesced, not lost.
  const coalesced = sent.filter(
    (s, i) => !(s.marker in marks) && sent.slice(i + 1).some((later) => later.noteId === s.noteId && later.marker in marks),
  );
  return {
    ...percentiles(lags),
    shown: `${seen.length}/${sent.length}`,
    coalesced: coalesced.length,
    // Positive and large: the screen fell further behind as the run went on.
    trendMs: round(median(lags.slice(-quarter)) - median(lags.slice(0, quarter)), 0),
  };
}

async function editRun(screens: Screens, bots: BotProcess, notes: number, rate: number): Promise<void> {
  const [phone] = screens.phones;
  if (args.profile) await Promise.all([startProfile(phone!), startProfile(screens.presenter)]);
  const browser = phone!.context().browser()!;
  if (args.trace)
    await browser.startTracing(phone!, { path: path.join(RESULTS_DIR, `phone-${notes}-${rate}.trace.json`), categories: TRACE_CATEGORIES });
  const threads = await Promise.all([phone!, screens.presenter].map(mainThread));
  const from = Date.now();
  const sent = await bots.call<SentMark[]>({ method: 'edit', rate, durationMs: options.durationMs, quadrant: QUADRANT, addEvery: 5 });
  const to = Date.now();
  const [phoneThread, presenterThread] = await Promise.all([phone!, screens.presenter].map(mainThread));
  if (args.trace) await browser.stopTracing();
  if (args.profile) {
    await stopProfile(phone!, path.join(RESULTS_DIR, `phone-${notes}-${rate}.cpuprofile`));
    await stopProfile(screens.presenter, path.join(RESULTS_DIR, `presenter-${notes}-${rate}.cpuprofile`));
  }
  const last = sent.slice(-5).map((s) => s.marker);
  await Promise.all([screens.presenter, ...screens.phones].map((page) => waitForMarkers(page, last, DRAIN_MS)));
  emit({
    type: 'edits',
    notes,
    editsPerSecond: rate,
    durationS: options.durationMs / 1000,
    phone: {
      editToScreenMs: latency(sent, await marksOf(phone!)),
      longTaskMsPerS: await longTaskMsPerSecond(phone!, from, to),
      mainThreadMsPerS: perSecond(threads[0]!, phoneThread!, to - from),
    },
    presenter: {
      editToScreenMs: latency(sent, await marksOf(screens.presenter)),
      longTaskMsPerS: await longTaskMsPerSecond(screens.presenter, from, to),
      mainThreadMsPerS: perSecond(threads[1]!, presenterThread!, to - from),
    },
  });
}

async function revealRun(screens: Screens, bots: BotProcess, facilitator: Facilitator, notes: number): Promise<void> {
  await facilitator.openQuadrantStep(QUADRANT, true);
  const markers = await bots.call<string[]>({ method: 'drafts', count: options.reveal, quadrant: QUADRANT, prefix: 'r' });
  await sleep(SETTLE_MS);
  const sentAt = Date.now();
  const received = bots.call<number>({ method: 'received', markers });
  await facilitator.send({ type: 'drafts.reveal' });
  const inBotDocMs = round((await received) - sentAt, 0);
  const pages = { presenter: screens.presenter, ...Object.fromEntries(screens.phones.map((p, i) => [`phone${i + 1}`, p])) };
  const shown: Record<string, object> = {};
  for (const [name, page] of Object.entries(pages)) {
    const isComplete = await waitForMarkers(page, markers, 60_000);
    const marks = await marksOf(page);
    const times = markers.filter((m) => m in marks).map((m) => marks[m]! - sentAt);
    shown[name] = {
      allShownMs: isComplete ? round(Math.max(...times), 0) : null,
      firstShownMs: round(Math.min(...times), 0),
      shown: `${times.length}/${markers.length}`,
    };
  }
  emit({ type: 'reveal', notes, drafts: options.reveal, inBotDocMs, ...shown });
}

async function main(): Promise<void> {
  const app = new BenchApp(args.root, await freePort());
  const bots = new BotProcess();
  let browser: Browser | null = null;
  try {
    await app.start();
    const workshop = await app.createWorkshop('Bench: a full room');
    const facilitator = await Facilitator.connect(app, workshop);
    await facilitator.openQuadrantStep(QUADRANT, false);
    await bots.call({ method: 'init', url: app.url, code: workshop.code, count: options.bots });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    const presenterContext = await browser.newContext(PROJECTOR);
    await instrumentContext(presenterContext);
    const presenter = await presenterContext.newPage();
    await presenter.goto(workshop.presenterUrl.replace(/^https?:\/\/[^/]+/, app.url));

    const joinUrl = workshop.joinUrl.replace(/^https?:\/\/[^/]+/, app.url);
    let notes = 0;
    let phone: Page | null = null;
    for (const [index, size] of options.boards.entries()) {
      const marker = `s${index}`;
      await bots.call({
        method: 'seed',
        count: size - notes,
        quadrant: QUADRANT,
        lastMarker: marker,
        firstMarker: notes === 0 ? FIRST_MARKER : undefined,
      });
      notes = size;
      phone ??= (await joinPhone(browser, joinUrl, 'Phone 1', marker)).page;
      for (const rate of options.rates) {
        // Each run starts from freshly loaded screens, so one run's backlog never spills into the next.
        await Promise.all([presenter, phone].map((page) => reloadShowing(page, marker)));
        await sleep(SETTLE_MS);
        await editRun({ presenter, phones: [phone] }, bots, notes, rate);
      }
    }
    // The board as it is now (seed plus the runs' adds), joined by fresh phones.
    await bots.call({ method: 'seed', count: 1, quadrant: QUADRANT, lastMarker: 'join' });
    await Promise.all([presenter, phone!].map((page) => reloadShowing(page, 'join')));
    const joined = [];
    for (let i = 2; i <= Math.max(2, options.phones); i++) joined.push(await joinPhone(browser, joinUrl, `Phone ${i}`, 'join'));
    emit({
      type: 'join',
      notes,
      joinToBoardMs: joined.map((j) => j.joinMs),
      joinToWholeQuadrantMs: joined.map((j) => j.wholeQuadrantMs),
      participantScripts: joined[0]!.scripts,
    });
    await sleep(SETTLE_MS);
    await revealRun({ presenter, phones: [phone!, ...joined.map((j) => j.page)] }, bots, facilitator, notes);
    facilitator.close();
  } finally {
    bots.close();
    await browser?.close();
    await app.stop();
  }
  writeFileSync(
    path.join(RESULTS_DIR, 'ui-latest.json'),
    `${JSON.stringify({ options: { ...options, root: args.root }, results }, null, 2)}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
