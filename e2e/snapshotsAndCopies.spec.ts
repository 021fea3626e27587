import type { Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { saveScreenshot } from './artifacts';
import {
  PHONE,
  PROJECTOR,
  addNote,
  expect,
  expectNoAxeViolations,
  leaveLobby,
  note,
  openNoteSheet,
  quadrant,
  test,
  togglePanel,
} from './fixtures';

const section = (page: Page, name: 'Empathy map' | 'Profile' | 'Journey' | 'Action plan') =>
  page.getByRole('button', { name, exact: true }).click();

async function openExportPanel(presenter: Page): Promise<void> {
  await togglePanel(presenter, 'Export');
  await expect(presenter.getByRole('heading', { name: 'Snapshots' })).toBeVisible();
}

/** A persona renamed "Jill Smith", a note in Pains, a journey step with a note, a question and a done action. */
async function fillBoard(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Persona options' }).click();
  await page.getByLabel('Persona name').fill('Jill Smith');
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByRole('button', { name: 'Persona options' }).click();
  await addNote(page, 'Pains', 'Queues at 8:00');
  await section(page, 'Journey');
  await page.getByLabel('New step').fill('Hears about us');
  await page.getByRole('button', { name: 'Add step' }).click();
  const step = page.getByRole('listitem', { name: 'Step 1: Hears about us' });
  await step.getByLabel('New note').fill('A colleague recommends us');
  await step.getByRole('button', { name: 'Add note' }).click();
  await expect(step).toContainText('A colleague recommends us');
  await section(page, 'Action plan');
  await page.getByLabel('New question').fill('How often do they reorder?');
  await page.getByRole('button', { name: 'Add question' }).click();
  await page.getByLabel('New action').fill('Interview three regulars');
  await page.getByRole('button', { name: 'Add action' }).click();
  await page.getByLabel('Owner name').fill('Ana');
  await page.getByLabel('Due date').fill('2026-12-24');
  await page.getByLabel('Action 1 done').check();
  await section(page, 'Empathy map');
}

test.describe('snapshots, copies and imports', () => {
  test('a named snapshot opens read-only with the board as it was, on the projector and on a phone', async ({
    facilitator,
    joinAs,
    browser,
    baseURL,
  }) => {
    const presenter = facilitator.page;
    await leaveLobby(presenter);
    const ana = await joinAs('Ana');
    await fillBoard(ana);
    await expect(await note(presenter, 'Pains', 'Queues at 8:00')).toBeVisible();

    await openExportPanel(presenter);
    await presenter.getByLabel('Snapshot name').fill('Morning round');
    await presenter.getByRole('button', { name: 'Take snapshot' }).click();
    const view = presenter.getByRole('link', { name: 'View Morning round' });
    await expect(view).toBeVisible();

    // The board changes after the snapshot.
    await (await openNoteSheet(ana, 'Pains', 'Queues at 8:00')).getByRole('button', { name: 'Delete note' }).click();
    await addNote(ana, 'Pains', 'Added after lunch');
    await expect(await note(presenter, 'Pains', 'Added after lunch')).toBeVisible();

    await view.click();
    await presenter.waitForURL(/\/w\/[0-9A-Z]{8}\/snapshots\/[0-9a-z]{16}$/);
    await expect(presenter.getByRole('heading', { level: 1 })).toHaveText(/^Snapshot ‘Morning round’ taken .+ — read-only$/);
    await expect(presenter.getByRole('tab', { name: /^Jill Smith/ })).toHaveAttribute('aria-selected', 'true');
    await expect(await quadrant(presenter, 'Pains')).toContainText('Queues at 8:00');
    await expect(await quadrant(presenter, 'Pains')).not.toContainText('Added after lunch');
    // Read-only: nothing to type into, no note tools, no "Add" anything.
    await expect(presenter.getByRole('textbox')).toHaveCount(0);
    await expect(presenter.getByRole('button', { name: /^(Add|Delete|Edit|Move)/ })).toHaveCount(0);
    await saveScreenshot(presenter, 'snapshot-view-projector');
    await section(presenter, 'Journey');
    await expect(presenter.getByRole('region', { name: 'Journey' })).toContainText('1. Hears about us');
    await expect(presenter.getByRole('region', { name: 'Journey' })).toContainText('A colleague recommends us');
    await section(presenter, 'Action plan');
    const plan = presenter.getByRole('region', { name: 'Action plan' });
    await expect(plan).toContainText('How often do they reorder?');
    await expect(plan).toContainText('Interview three regulars');
    await expect(plan).toContainText('Done');
    await expect(plan).toContainText('Owner: Ana');
    await saveScreenshot(presenter, 'snapshot-view-projector-plan');
    await section(presenter, 'Profile');
    await expect(presenter.getByRole('region', { name: 'Profile of Jill Smith' })).toBeVisible();
    await expectNoAxeViolations(presenter);

    // Another device opens the same view with the facilitator link's key in the fragment (never sent to the server).
    const code = /\/w\/([0-9A-Z]{8})\//.exec(presenter.url())![1]!;
    const key = await presenter.evaluate((c) => localStorage.getItem(`pw:facilitator-key:${c}`), code);
    const phoneContext = await browser.newContext({ ...PHONE, baseURL });
    const phone = await phoneContext.newPage();
    await phone.goto(`${new URL(presenter.url()).pathname}#key=${key}`);
    await expect(phone.getByRole('heading', { level: 1 })).toHaveText(/^Snapshot ‘Morning round’/);
    expect(phone.url()).not.toContain('#key');
    await expect(await quadrant(phone, 'Pains')).toContainText('Queues at 8:00');
    await saveScreenshot(phone, 'snapshot-view-phone');
    await expectNoAxeViolations(phone);
    await phoneContext.close();

    // Without the key there is nothing to see.
    const strangerContext = await browser.newContext({ baseURL });
    const stranger = await strangerContext.newPage();
    await stranger.goto(new URL(presenter.url()).pathname);
    await expect(stranger.getByRole('alert').filter({ hasText: 'Only the facilitator can open snapshots' })).toBeVisible();
    await strangerContext.close();

    await presenter.getByRole('link', { name: 'Back to the presenter view' }).click();
    await presenter.waitForURL(/\/present$/);
    await expect(presenter.getByRole('status', { name: /Connection: Live/ })).toBeVisible();
    await expect(await note(presenter, 'Pains', 'Added after lunch')).toBeVisible();
  });

  test('a snapshot deleted from the presenter view (to make room under the storage limit) is gone for good', async ({ facilitator }) => {
    const presenter = facilitator.page;
    await openExportPanel(presenter);
    for (const name of ['Before lunch', 'After lunch']) {
      await presenter.getByLabel('Snapshot name').fill(name);
      await presenter.getByRole('button', { name: 'Take snapshot' }).click();
      await expect(presenter.getByRole('link', { name: `View ${name}` })).toBeVisible();
    }
    await saveScreenshot(presenter, 'snapshot-list-projector');
    presenter.once('dialog', (dialog) => void dialog.accept());
    await presenter.getByRole('button', { name: 'Delete Before lunch' }).click();
    await expect(presenter.getByRole('link', { name: 'View Before lunch' })).toHaveCount(0);
    await presenter.reload();
    await openExportPanel(presenter);
    await expect(presenter.getByRole('link', { name: 'View After lunch' })).toBeVisible();
    await expect(presenter.getByRole('link', { name: 'View Before lunch' })).toHaveCount(0);
  });

  test('“Copy as new workshop” opens a presenter view with the same personas and no notes', async ({ facilitator, joinAs }) => {
    const presenter = facilitator.page;
    await leaveLobby(presenter);
    const ana = await joinAs('Ana');
    await fillBoard(ana);
    await ana.getByRole('button', { name: 'Add persona' }).click();
    await expect(presenter.getByRole('tab', { name: /^Persona 2/ })).toBeVisible();

    await openExportPanel(presenter);
    const opened = presenter.context().waitForEvent('page');
    await presenter.getByRole('button', { name: 'Copy as new workshop' }).click();
    const copy = await opened;
    await copy.waitForURL(/\/w\/[0-9A-Z]{8}\/present$/);
    expect(copy.url()).not.toContain(/\/w\/([0-9A-Z]{8})\//.exec(presenter.url())![1]!);
    await expect(copy.getByRole('status', { name: /Connection: Live/ })).toBeVisible();
    // The lobby keeps the board out of the way: the personas show from the first step on.
    await leaveLobby(copy);
    await expect(copy.getByRole('tab')).toHaveText([/Jill Smith/, /Persona 2/]);
    await expect(await quadrant(copy, 'Pains')).toBeVisible();
    await expect(await quadrant(copy, 'Pains')).not.toContainText('Queues at 8:00');
  });

  test('a JSON export imports through the home page into a new workshop; bad files are refused with a reason', async ({
    facilitator,
    joinAs,
    browser,
    baseURL,
  }, testInfo) => {
    // Two devices each try four bad files (one of 10 MB) and import, then open the new projector:
    // about 30 s on a quiet machine, so twice the default room.
    test.setTimeout(120_000);
    const presenter = facilitator.page;
    await leaveLobby(presenter);
    const ana = await joinAs('Ana');
    await fillBoard(ana);
    await expect(await note(presenter, 'Pains', 'Queues at 8:00')).toBeVisible();
    await openExportPanel(presenter);
    const downloading = presenter.waitForEvent('download');
    await presenter.getByRole('button', { name: 'Export JSON' }).click();
    const exportFile = testInfo.outputPath('export.json');
    await (await downloading).saveAs(exportFile);
    const exported = JSON.parse(readFileSync(exportFile, 'utf8')) as Record<string, unknown>;
    // Chosen from disk by its path, as a person picks it: the browser reads it there. Passed as a
    // buffer, Playwright carried the 10 MB into each page, 5 to 6 s a page at load averages of 7 to 20.
    const hugeFile = testInfo.outputPath('huge.json');
    writeFileSync(hugeFile, Buffer.alloc(10 * 1024 * 1024 + 1, 0x20));

    for (const [options, shot] of [
      [PHONE, 'import-form-phone'],
      [PROJECTOR, 'import-form-projector'],
    ] as const) {
      const context = await browser.newContext({ ...options, baseURL });
      const page = await context.newPage();
      await page.goto('/');
      const form = page.getByRole('form', { name: 'Import a workshop (JSON)' });
      const file = form.getByLabel('Export file (.json)');
      const importButton = form.getByRole('button', { name: 'Import workshop' });
      await importButton.click();
      await expect(form.getByRole('alert')).toHaveText('Choose the export file (.json) first.');
      await file.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "persona-') });
      await expect(form.getByRole('alert')).toHaveCount(0);
      await importButton.click();
      await expect(form.getByRole('alert')).toContainText('This file is not valid JSON.');
      const v2 = Buffer.from(JSON.stringify({ ...exported, format: 'persona-workshop/v2' }));
      await file.setInputFiles({ name: 'future.json', mimeType: 'application/json', buffer: v2 });
      await importButton.click();
      await expect(form.getByRole('alert')).toContainText('format "persona-workshop/v2"');
      await file.setInputFiles(hugeFile);
      await importButton.click();
      await expect(form.getByRole('alert')).toContainText('larger than 10 MB');
      await form.scrollIntoViewIfNeeded();
      await saveScreenshot(page, shot);
      await expectNoAxeViolations(page);

      await file.setInputFiles(exportFile);
      await importButton.click();
      await page.waitForURL(/\/w\/[0-9A-Z]{8}\/present$/);
      await expect(page.getByRole('status', { name: /Connection: Live/ })).toBeVisible();
      await leaveLobby(page);
      await expect(page.getByRole('tab', { name: /^Jill Smith/ })).toBeVisible();
      await expect(await note(page, 'Pains', 'Queues at 8:00')).toBeVisible();
      await section(page, 'Journey');
      await expect(page.getByRole('listitem', { name: 'Step 1: Hears about us' })).toContainText('A colleague recommends us');
      await section(page, 'Action plan');
      await expect(page.getByLabel('Action 1', { exact: true })).toHaveValue('Interview three regulars');
      await expect(page.getByLabel('Action 1 done')).toBeChecked();
      await expect(page.getByLabel('Due date')).toHaveValue('2026-12-24');
      await context.close();
    }
  });
});
