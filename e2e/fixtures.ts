import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Browser, type Locator, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CreateWorkshopReply, SessionReply } from '../lib/api';
import { AppProcess, freePort } from '../tests/helpers/AppProcess';

/**
 * The time budget of a test that kills and restarts its app (`app.stop`, `app.start`): the restart
 * is a cold start of the Next.js server, and every page then waits out its jittered reconnect
 * delay (up to 10 s, components/sync/reconnect.ts). With two workers on two busy cores that test
 * took 50 to 72 s (load average 12 to 14), past the default 60 s, with no step stuck.
 */
export const RESTART_TEST_TIMEOUT_MS = 180_000;

export const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
export const PROJECTOR = { viewport: { width: 1920, height: 1080 } };

export interface Facilitator {
  page: Page;
  code: string;
}

interface Fixtures {
  facilitator: Facilitator;
  joinAs(name: string, options?: { phone?: boolean }): Promise<Page>;
}

export const test = base.extend<Fixtures, { app: AppProcess }>({
  app: [
    async ({}, use) => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'pw-e2e-'));
      const app = new AppProcess(await freePort(), dataDir);
      await app.start();
      await use(app);
      await app.stop('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ app }, use) => use(app.url),
  // Most tests start from a workshop and people in it: made through the API (the create form and
  // the join form have tests of their own, which call `createWorkshopInUi` and `joinInUi`), which
  // spares every test a load of the home page per person.
  facilitator: async ({ browser, app }, use) => {
    const context = await browser.newContext({ ...PROJECTOR, baseURL: app.url });
    const page = await context.newPage();
    const code = await openNewWorkshop(page, 'Who buys from our coffee shop?');
    await use({ page, code });
    await context.close();
  },
  joinAs: async ({ browser, app, facilitator }, use) => {
    const contexts: Awaited<ReturnType<Browser['newContext']>>[] = [];
    await use(async (name, options = {}) => {
      const session = await joinThroughApi(app.url, facilitator.code, name);
      // The device remembers the session as the join form leaves it (components/sync/storage.ts).
      const storageState = {
        cookies: [],
        origins: [{ origin: app.url, localStorage: [{ name: `pw:participant:${session.code}`, value: JSON.stringify(session) }] }],
      };
      const context = await browser.newContext({ ...(options.phone ? PHONE : {}), baseURL: app.url, storageState });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`/w/${session.code}`);
      await expect(page.getByRole('status', { name: /Connection: Live/ })).toBeVisible();
      return page;
    });
    // Closed side by side: each close waits on its own pages, not on the others'.
    await Promise.all(contexts.map((context) => context.close()));
  },
});

/** Creates a workshop through the API and opens its presenter link (the key travels in the fragment). */
export async function openNewWorkshop(page: Page, title: string): Promise<string> {
  const reply = await page.request.post('/api/workshops', { data: { title } });
  expect(reply.status()).toBe(201);
  const created = (await reply.json()) as CreateWorkshopReply;
  const link = new URL(created.presenterUrl);
  await page.goto(`${link.pathname}${link.hash}`);
  await expect(page.getByRole('status', { name: /Connection: Live/ })).toBeVisible();
  return created.code;
}

async function joinThroughApi(baseUrl: string, code: string, name: string): Promise<SessionReply> {
  const reply = await fetch(`${baseUrl}/api/workshops/${code}/participants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  expect(reply.status).toBe(201);
  return (await reply.json()) as SessionReply;
}

export { expect };

export async function createWorkshopInUi(page: Page, title: string, options: { template?: RegExp } = {}): Promise<string> {
  await page.goto('/');
  await page.getByLabel('Workshop title').fill(title);
  if (options.template) await page.getByRole('radio', { name: options.template }).check();
  await page.getByRole('button', { name: 'Create a workshop' }).click();
  await page.waitForURL(/\/w\/[0-9A-Z]{8}\/present$/);
  await expect(page.getByRole('status', { name: /Connection: Live/ })).toBeVisible();
  return /\/w\/([0-9A-Z]{8})\//.exec(page.url())![1]!;
}

/** Types the code the way people do: lower case, with the dash. */
export async function joinInUi(page: Page, code: string, name: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Room code').fill(`${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase());
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.waitForURL(new RegExp(`/w/${code}$`));
  await expect(page.getByRole('status', { name: /Connection: Live/ })).toBeVisible();
}

/** Moves the presenter from the lobby to the next step, where the board is shown. */
export async function leaveLobby(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(page.getByRole('region', { name: 'Current step' })).toContainText('Customer groups');
}

export const controls = (page: Page) => page.getByRole('region', { name: 'Facilitator controls' });

/** Opens one of the facilitator bar's menus; its controls keep their names inside it. */
export async function openBarMenu(page: Page, menu: 'Timer' | 'Board' | 'Panels' | 'More'): Promise<void> {
  await controls(page).getByRole('button', { name: menu, exact: true }).click();
}

/** Opens (or closes, if open) a facilitator panel from the bar's Panels menu. */
export async function togglePanel(page: Page, panel: 'Agenda' | 'Map' | 'Export' | 'Roster'): Promise<void> {
  await openBarMenu(page, 'Panels');
  await controls(page).getByRole('button', { name: panel, exact: true }).click();
}

/** Jumps to a step from the agenda editor (opened and closed again). */
export async function goToStep(presenter: Page, stepNumber: number): Promise<void> {
  await togglePanel(presenter, 'Agenda');
  await presenter
    .getByRole('region', { name: 'Agenda' })
    .getByRole('listitem')
    .filter({ has: presenter.getByRole('textbox', { name: `Title of step ${stepNumber}` }) })
    .getByRole('button', { name: 'Go' })
    .click();
  await togglePanel(presenter, 'Agenda');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A quadrant's region as it is on the page now (for checks that it is absent; no expanding). */
export const quadrantRegion = (page: Page, title: string) => page.getByRole('region', { name: title, exact: true });

/** The phone's collapsed quadrant: a button whose name starts with the title ("Pains, 15 notes"). */
export const collapsedQuadrant = (page: Page, title: string) => page.getByRole('button', { name: new RegExp(`^${escapeRegExp(title)},`) });

/**
 * A quadrant's region (named by its title). On a phone the quadrant may be collapsed to a button
 * in the list of quadrants: one tap expands it first, as a person would.
 */
export async function quadrant(page: Page, title: string): Promise<Locator> {
  const region = quadrantRegion(page, title);
  const collapsed = collapsedQuadrant(page, title);
  await expect(region.or(collapsed).first()).toBeVisible();
  if (!(await region.isVisible())) {
    await collapsed.click();
    await expect(region).toBeVisible();
  }
  return region;
}

/**
 * Adds a note as a person would: from the quadrant's composer, or on the projector (which has no
 * text boxes on the board) from the composer dialog that "Add a note" opens.
 */
export async function addNote(page: Page, quadrantTitle: string, text: string): Promise<void> {
  const region = await quadrant(page, quadrantTitle);
  const box = region.getByLabel('New note');
  if ((await box.count()) === 0) return addNoteOnProjector(page, region, quadrantTitle, text);
  await box.fill(text);
  await region.getByRole('button', { name: 'Add note' }).click();
  await expect(region.getByRole('listitem').filter({ hasText: text })).toBeVisible();
}

async function addNoteOnProjector(page: Page, region: Locator, quadrantTitle: string, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Add a note' }).click();
  const composer = page.getByRole('dialog', { name: /Add a note to/ });
  await composer.getByRole('combobox', { name: 'Quadrant' }).selectOption({ label: quadrantTitle });
  await composer.getByRole('textbox', { name: 'New note' }).fill(text);
  await composer.getByRole('textbox', { name: 'New note' }).press('Enter');
  await expect(composer.getByRole('status')).toHaveText(`Added to ${quadrantTitle}.`);
  await page.keyboard.press('Escape');
  await expect(composer).toHaveCount(0);
  await expect(region.getByRole('listitem').filter({ hasText: text })).toBeVisible();
}

/** A note's list item in its quadrant (expanding the quadrant on a phone first). */
export async function note(page: Page, quadrantTitle: string, text: string): Promise<Locator> {
  return (await quadrant(page, quadrantTitle)).getByRole('listitem').filter({ hasText: text });
}

/** The participant's "⋯" button of a note, which opens its sheet of actions. */
export const moreActions = (noteItem: Locator) => noteItem.getByRole('button', { name: /^More actions for note/ });

/** The sheet a note's "⋯" opened (a modal dialog). */
export const noteSheet = (page: Page) => page.getByRole('dialog');

/** Opens a participant's note sheet ("⋯") and returns it. */
export async function openNoteSheet(page: Page, quadrantTitle: string, text: string): Promise<Locator> {
  await moreActions(await note(page, quadrantTitle, text)).click();
  await expect(noteSheet(page)).toBeVisible();
  return noteSheet(page);
}

export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}
