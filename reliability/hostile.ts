import { chromium, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { io } from 'socket.io-client';
import * as Y from 'yjs';
import { connect, whenSynced, type Seat } from '../bench/client';
import type { CreateWorkshopReply, SessionReply } from '../lib/api';
import { addNote, metaMap, notesMap, personasMap } from '../lib/board';
import { addAction, addQuestion } from '../lib/actions';
import { createGroup } from '../lib/groups';
import { addJourneyStep } from '../lib/journey';
import { LIMITS } from '../lib/limits';
import { addPersona, renamePersona } from '../lib/personaBoard';
import { QUADRANT_IDS } from '../lib/quadrants';
import type { SessionState } from '../lib/session/state';
import { CONTROL_PATH } from '../lib/wire';
import { sleep, target, waitUntil } from './clients';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/chromium';
import { INSTRUMENT, scanPage, startApp, watchPage, type PageScan } from './hostileBrowser';
import { CORPUS } from './hostileCorpus';
import { checkPdf } from './hostilePdf';
import { finish, freePort, isFull, tempDir } from './proc';

/**
 * Rendering hostile text (issue item 8): the corpus goes into notes, participant names, persona
 * names and workshop titles through the real API and real Yjs clients; the participant and
 * presenter pages are opened in Debian Chromium on every agenda step and watched for dialogs,
 * CSP violations, script that ran and markup that came from the text. The PDF export must hold
 * nothing active and every corpus string as extractable text. Needs `.next` (`next build`).
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const STEP_SETTLE_MS = isFull ? 1_500 : 600;
const started = Date.now();
if (!existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
  finish('hostile', false, { error: '.next is missing: run `npx next build` first (`npm test` builds it before the reliability suite)' });
}

const fits = (max: number) => CORPUS.filter((s) => s.trim().length > 0 && s.trim().length <= max).map((s) => s.trim());
const names = fits(LIMITS.participantNameChars);
const personaNames = fits(LIMITS.personaNameChars).slice(0, LIMITS.personasPerWorkshop);
const titles = fits(LIMITS.titleChars);

const dataDir = tempDir('hostile');
const app = await startApp(await freePort(), dataDir);
const url = app.url;

async function post<T>(pathname: string, body: unknown, key?: string): Promise<T> {
  const res = await fetch(`${url}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST ${pathname} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

const created = await post<CreateWorkshopReply>('/api/workshops', { title: titles[0] });
const { code, facilitatorKey } = created;
const facilitator = await post<SessionReply>(`/api/workshops/${code}/facilitator-session`, {}, facilitatorKey);
const participants = await Promise.all(names.map((name) => post<SessionReply>(`/api/workshops/${code}/participants`, { name })));

const seatOf = (s: SessionReply): Seat => ({ room: code, participantId: s.participantId, name: s.name, token: s.token });
const facDoc = new Y.Doc();
const facProvider = connect(target(url), seatOf(facilitator), facDoc);
await whenSynced(facProvider, 20_000);
await waitUntil('the first persona', () => personasMap(facDoc).size > 0, 10_000);
const firstPersona = [...personasMap(facDoc).keys()][0]!;
renamePersona(facDoc, firstPersona, personaNames[0]!);
for (const name of personaNames.slice(1)) addPersona(facDoc, { name });

// Every corpus string as a note on the first persona, written by the hostile-named participants.
const writers = participants.map((p) => {
  const doc = new Y.Doc();
  return { session: p, doc, provider: connect(target(url), seatOf(p), doc) };
});
await Promise.all(writers.map((w) => whenSynced(w.provider, 20_000)));
CORPUS.forEach((text, i) => {
  const writer = writers[i % writers.length]!;
  const quadrant = QUADRANT_IDS[i % QUADRANT_IDS.length]!;
  const result = addNote(writer.doc, {
    personaId: firstPersona,
    quadrant,
    text,
    authorId: writer.session.participantId,
    authorName: writer.session.name,
  });
  if (!result.ok) throw new Error(`note ${i} refused locally: ${result.error}`);
});
await waitUntil('every note on the server', () => notesMap(facDoc).size === CORPUS.length, 20_000);

// The full profile also puts the corpus into group names, journey steps, questions and actions.
const extras: Record<string, string[]> = {};
if (isFull) {
  const put = (kind: string, max: number, add: (text: string, i: number) => { ok: boolean }) => {
    extras[kind] = fits(max).filter((text, i) => add(text, i).ok);
  };
  put('groupNames', LIMITS.groupNameChars, (name, i) =>
    createGroup(facDoc, { personaId: firstPersona, quadrant: QUADRANT_IDS[i % QUADRANT_IDS.length]!, name, noteIds: [] }),
  );
  put('journeySteps', LIMITS.journeyStepTitleChars, (title) => addJourneyStep(facDoc, { personaId: firstPersona, title }));
  put('questions', LIMITS.questionTextChars, (text) => addQuestion(facDoc, { personaId: firstPersona, text }));
  put('actions', LIMITS.actionTextChars, (text) => addAction(facDoc, { personaId: firstPersona, text }));
  await sleep(500);
}

// The facilitator's control socket drives the agenda.
const control = io(url, { path: CONTROL_PATH, transports: ['websocket'], auth: { code, token: facilitator.token } });
let session: SessionState | null = null;
control.on('session', (broadcast: { state: SessionState }) => (session = broadcast.state));
await waitUntil('the session state', () => session !== null, 10_000);
const agenda = (session as unknown as SessionState).agenda.map((step) => step.id);
let commandId = 0;
const goTo = (stepId: string) =>
  new Promise<unknown>((resolve) => control.emit('command', { id: `c${commandId++}`, type: 'step.goto', stepId }, resolve));

const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const presenterContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
const participantContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
const me = participants[0]!;
await participantContext.addInitScript(
  ([key, value]) => window.localStorage.setItem(key!, value!),
  [`pw:participant:${code}`, JSON.stringify(me)],
);
// The app's own violations, on a workshop with no hostile text: what the corpus adds is the rest.
const baselineWorkshop = await post<CreateWorkshopReply>('/api/workshops', { title: 'Baseline' });
const baselinePage = await presenterContext.newPage();
const baselineWatch = watchPage(baselinePage);
await baselinePage.addInitScript(INSTRUMENT);
await baselinePage.goto(`${url}/w/${baselineWorkshop.code}/present#key=${baselineWorkshop.facilitatorKey}`);
await baselinePage
  .getByRole('status', { name: /Connection: Live/ })
  .waitFor({ timeout: 30_000 })
  .catch(() => undefined);
await sleep(STEP_SETTLE_MS);
const baselineScan = await scanPage(baselinePage);
const baseline = [...baselineScan.csp, ...baselineWatch.cspConsole];
await baselinePage.close();

const pages: Record<string, Page> = { presenter: await presenterContext.newPage(), participant: await participantContext.newPage() };
const watches = Object.fromEntries(Object.entries(pages).map(([name, page]) => [name, watchPage(page)]));
const cspHeaders: string[] = [];
for (const page of Object.values(pages)) {
  await page.addInitScript(INSTRUMENT);
  page.on('response', (res) => {
    const csp = res.headers()['content-security-policy'];
    if (csp && res.request().resourceType() === 'document') cspHeaders.push(csp);
  });
}
await pages.presenter!.goto(`${url}/w/${code}/present#key=${facilitatorKey}`);
await pages.participant!.goto(`${url}/w/${code}`);
for (const page of Object.values(pages)) {
  await page
    .getByRole('status', { name: /Connection: Live/ })
    .waitFor({ timeout: 30_000 })
    .catch(() => undefined);
}

const scans: Record<string, PageScan[]> = { presenter: [], participant: [] };
const seen: Record<string, Record<string, Set<string>>> = { presenter: {}, participant: {} };
const tally = (page: string, kind: string, strings: readonly string[], text: string) => {
  const set = (seen[page]![kind] ??= new Set());
  for (const s of strings) if (text.includes(s)) set.add(s);
};
async function scanAll(): Promise<void> {
  for (const [name, page] of Object.entries(pages)) {
    await page.mouse.move(200 + Math.random() * 1000, 200 + Math.random() * 500).catch(() => undefined);
    const scan = await scanPage(page);
    scans[name]!.push({ ...scan, text: '' });
    tally(name, 'notes', CORPUS, scan.text);
    tally(name, 'participantNames', names, scan.text);
    tally(name, 'personaNames', personaNames, scan.text);
    for (const [kind, strings] of Object.entries(extras)) tally(name, kind, strings, scan.text);
  }
}

for (const stepId of agenda) {
  await goTo(stepId);
  await sleep(STEP_SETTLE_MS);
  await scanAll();
}
// Titles, one after another, each until both pages show it.
const titleSeen: Record<string, number> = { presenter: 0, participant: 0 };
for (const title of titles) {
  facDoc.transact(() => metaMap(facDoc).set('title', title));
  for (const [name, page] of Object.entries(pages)) {
    const isShown = await page
      .waitForFunction((t) => (document.body.textContent ?? '').includes(t), title, { timeout: 5_000 })
      .then(
        () => true,
        () => false,
      );
    if (isShown) titleSeen[name]!++;
  }
}
await scanAll();

// The PDF of the board as it ends: the last title, every persona and note.
const pdfRes = await fetch(`${url}/api/workshops/${code}/export.pdf`, { headers: { authorization: `Bearer ${facilitatorKey}` } });
const pdf = Buffer.from(await pdfRes.arrayBuffer());
const pdfReport =
  pdfRes.status === 200
    ? checkPdf(pdf, dataDir, { notes: CORPUS, personaNames, title: [titles.at(-1)!], participantNames: names, ...extras })
    : null;
const homeCsp = (await fetch(`${url}/`)).headers.get('content-security-policy') ?? '';

control.close();
for (const writer of writers) writer.provider.destroy();
facProvider.destroy();
await browser.close();
await app.stop();

const allScans = Object.values(scans).flat();
const sum = (pick: (s: PageScan) => number) => allScans.reduce((total, s) => Math.max(total, pick(s)), 0);
const injected = Object.fromEntries(
  Object.keys(allScans[0]!.injected).map((key) => [key, sum((s) => s.injected[key as keyof PageScan['injected']])]),
);
const dialogs = [...new Set([...allScans.flatMap((s) => s.dialogs), ...Object.values(watches).flatMap((w) => w.nativeDialogs)])];
const cspViolations = [...new Set([...allScans.flatMap((s) => s.csp), ...Object.values(watches).flatMap((w) => w.cspConsole)])];
const fromContent = cspViolations.filter((v) => !baseline.includes(v));
const pwned = sum((s) => s.pwned);
const scriptSrcs = [...cspHeaders, homeCsp].map((csp) => csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '');
const cspOk = scriptSrcs.length > 1 && scriptSrcs.every((d) => /'nonce-/.test(d) && !d.includes("'unsafe-inline'"));
const visible = Object.fromEntries(
  Object.entries(seen).map(([page, kinds]) => [
    page,
    { ...Object.fromEntries(Object.entries(kinds).map(([k, set]) => [k, set.size])), titles: titleSeen[page] },
  ]),
);
const pdfOk =
  pdfReport !== null &&
  Object.keys(pdfReport.activeObjects).length === 0 &&
  pdfReport.pdfinfo.javaScript === 'no' &&
  pdfReport.pdfinfo.form === 'none' &&
  pdfReport.pdfinfo.jsListing === 0 &&
  ['notes', 'personaNames', 'title'].every((kind) => pdfReport.extractable[kind]!.found === pdfReport.extractable[kind]!.of);
const injectedTotal = Object.values(injected).reduce((a, b) => a + b, 0);
const ok =
  dialogs.length === 0 &&
  // The app itself causes none either (zod runs jitless in the browser, lib/zodBrowser.ts).
  cspViolations.length === 0 &&
  pwned === 0 &&
  injectedTotal === 0 &&
  cspOk &&
  pdfOk &&
  (seen.presenter!.notes?.size ?? 0) === CORPUS.length &&
  titleSeen.presenter === titles.length;
finish('hostile', ok, {
  corpus: { notes: CORPUS.length, participantNames: names.length, personaNames: personaNames.length, titles: titles.length },
  stepsVisited: agenda.length,
  scans: allScans.length,
  dialogsFired: dialogs.length,
  dialogs: dialogs.slice(0, 5),
  cspViolations: cspViolations.length,
  cspViolationsFromContent: fromContent.length,
  cspSamples: cspViolations.slice(0, 5),
  /** Reported on a page with no hostile text too: the app's own, not the corpus's. */
  cspBaseline: baseline,
  scriptsExecuted: pwned,
  injectedMarkup: injected,
  pageErrors: Object.values(watches)
    .flatMap((w) => w.pageErrors)
    .slice(0, 5),
  visibleAsText: visible,
  cspScriptSrc: scriptSrcs[0]?.trim().replace(/'nonce-[^']+'/, "'nonce-…'"),
  cspHeadersChecked: scriptSrcs.length,
  cspNoUnsafeInline: cspOk,
  pdf: pdfReport ?? { status: pdfRes.status },
  wallMs: Date.now() - started,
});
