import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppProcess, freePort } from '../tests/helpers/AppProcess';

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
  facilitator: async ({ browser, app }, use) => {
    const context = await browser.newContext({ ...PROJECTOR, baseURL: app.url });
    const page = await context.newPage();
    const code = await createWorkshopInUi(page, 'Who buys from our coffee shop?');
    await use({ page, code });
    await context.close();
  },
  joinAs: async ({ browser, app, facilitator }, use) => {
    const contexts: Awaited<ReturnType<Browser['newContext']>>[] = [];
    await use(async (name, options = {}) => {
      const context = await browser.newContext({ ...(options.phone ? PHONE : {}), baseURL: app.url });
      contexts.push(context);
      const page = await context.newPage();
      await joinInUi(page, facilitator.code, name);
      return page;
    });
    for (const context of contexts) await context.close();
  },
});

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

/** Jumps to a step from the agenda editor (opened and closed again). */
export async function goToStep(presenter: Page, stepNumber: number): Promise<void> {
  const agendaButton = presenter.getByRole('region', { name: 'Facilitator controls' }).getByRole('button', { name: 'Agenda' });
  await agendaButton.click();
  await presenter
    .getByRole('region', { name: 'Agenda' })
    .getByRole('listitem')
    .filter({ has: presenter.getByRole('textbox', { name: `Title of step ${stepNumber}` }) })
    .getByRole('button', { name: 'Go' })
    .click();
  await agendaButton.click();
}

export const quadrant = (page: Page, title: string) => page.getByRole('region', { name: title, exact: true });

export async function addNote(page: Page, quadrantTitle: string, text: string): Promise<void> {
  const region = quadrant(page, quadrantTitle);
  await region.getByLabel('New note').fill(text);
  await region.getByRole('button', { name: 'Add note' }).click();
  await expect(region.getByRole('listitem').filter({ hasText: text })).toBeVisible();
}

export const note = (page: Page, quadrantTitle: string, text: string) =>
  quadrant(page, quadrantTitle).getByRole('listitem').filter({ hasText: text });

export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}
