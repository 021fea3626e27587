import type { Browser, Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppProcess, freePort } from '../tests/helpers/AppProcess';
import { saveScreenshot } from './artifacts';
import {
  PHONE,
  PROJECTOR,
  RESTART_TEST_TIMEOUT_MS,
  addNote,
  createWorkshopInUi,
  expect,
  joinInUi,
  leaveLobby,
  note,
  noteSheet,
  openBarMenu,
  openNoteSheet,
  quadrant,
  test,
} from './fixtures';

/**
 * A change the server refuses never strands a participant: they are told in plain words, the
 * refused change is dropped (from IndexedDB too), everything else they did stays, they keep
 * working, and their browser never loops reconnecting to resend it.
 */

/** The Yjs WebSockets a page opens: a reconnect loop would keep adding to it. */
function countBoardSockets(page: Page): string[] {
  const opened: string[] = [];
  page.on('websocket', (ws) => {
    if (ws.url().includes('/yjs/')) opened.push(ws.url());
  });
  return opened;
}

async function openAs(browser: Browser, app: AppProcess, code: string, name: string, options: { phone?: boolean } = {}) {
  const context = await browser.newContext({ ...(options.phone ? PHONE : {}), baseURL: app.url });
  const page = await context.newPage();
  const sockets = countBoardSockets(page);
  await joinInUi(page, code, name);
  return { page, sockets };
}

test.describe('a refused change', () => {
  test('a note past the note cap, reached by someone else first: told, dropped, and the participant keeps working', async ({ browser }) => {
    test.setTimeout(180_000); // it starts an app of its own, with the note cap lowered to 3
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pw-e2e-cap-'));
    const app = new AppProcess(await freePort(), dataDir, { NOTES_PER_WORKSHOP: '3' });
    await app.start();
    try {
      const presenter = await (await browser.newContext({ ...PROJECTOR, baseURL: app.url })).newPage();
      const code = await createWorkshopInUi(presenter, 'Cap test');
      await leaveLobby(presenter);
      const ana = await openAs(browser, app, code, 'Ana', { phone: true });
      const ben = await openAs(browser, app, code, 'Ben');
      for (const text of ['First', 'Second', 'Third']) await addNote(ben.page, 'Pains', text);
      await expect((await quadrant(ana.page, 'Pains')).getByRole('listitem')).toHaveCount(3);

      // The board is full (3 notes here); Ana's browser does not know the server's lower cap.
      // (Typed by hand: it shows, then goes as soon as the server refuses it.)
      const gains = await quadrant(ana.page, 'Gains');
      await gains.getByLabel('New note').fill('One too many');
      await gains.getByRole('button', { name: 'Add note' }).click();
      const alert = ana.page.getByRole('alert').filter({ hasText: 'not saved' });
      await expect(alert).toHaveText(/Your change to a note was not saved\. The board has no room for more of these\./);
      await expect(await note(ana.page, 'Gains', 'One too many')).toHaveCount(0);
      await expect(ana.page.getByRole('status', { name: /Connection: Live/ })).toBeVisible();
      await saveScreenshot(ana.page, 'phone-change-refused');
      await expect(await note(presenter, 'Gains', 'One too many')).toHaveCount(0);

      // Ana keeps working: she sorts Ben's note, and adds hers once the facilitator made room.
      const sheet = await openNoteSheet(ana.page, 'Pains', 'First');
      await sheet.getByRole('group', { name: 'Move to' }).getByRole('button', { name: 'Hears' }).click();
      await expect(noteSheet(ana.page)).toHaveCount(0);
      await expect(await note(presenter, 'Hears', 'First')).toBeVisible();
      await alert.getByRole('button', { name: 'OK' }).click();
      await expect(alert).toHaveCount(0);
      await (await note(presenter, 'Pains', 'Second')).click();
      await presenter.getByRole('dialog', { name: 'Note in Pains' }).getByRole('button', { name: 'Delete note' }).click();
      await expect(await note(ana.page, 'Pains', 'Second')).toHaveCount(0);
      await addNote(ana.page, 'Gains', 'Made it this time');
      await expect(await note(presenter, 'Gains', 'Made it this time')).toBeVisible();

      // One socket to start, one for the fresh board that took over: no reconnect loop.
      await ana.page.waitForTimeout(3_000);
      expect(ana.sockets).toHaveLength(2);
      expect(ben.sockets).toHaveLength(1);
      // The refused note is gone from the device too: a reload does not bring it back.
      await ana.page.reload();
      await expect(await note(ana.page, 'Gains', 'Made it this time')).toBeVisible();
      await expect(await note(ana.page, 'Gains', 'One too many')).toHaveCount(0);
    } finally {
      await app.stop('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('notes typed offline reach a locked board once the facilitator unlocks it, not lost', async ({ app, facilitator, joinAs }) => {
    test.setTimeout(RESTART_TEST_TIMEOUT_MS);
    const presenter = facilitator.page;
    await leaveLobby(presenter);
    const first = await joinAs('Ana', { phone: true });
    await app.stop('SIGKILL');
    await addNote(first, 'Gains', 'Typed while offline');
    // IndexedDB keeps it; the tab closes before the server is back.
    await first.waitForTimeout(300);
    const context = first.context();
    await first.close();
    await app.start();
    await expect(presenter.getByRole('status', { name: /Connection: Live/ })).toBeVisible({ timeout: 20_000 });
    // Waits until the server says so (the button follows the session it broadcasts): an update
    // that reached it before the lock would rightly be accepted.
    const toggleLock = async () => {
      await openBarMenu(presenter, 'Board');
      const lock = presenter.getByRole('region', { name: 'Facilitator controls' }).getByRole('button', { name: 'Lock board' });
      const wasLocked = (await lock.getAttribute('aria-pressed')) === 'true';
      await lock.click();
      await expect(lock).toHaveAttribute('aria-pressed', wasLocked ? 'false' : 'true');
      await presenter.keyboard.press('Escape');
    };
    await toggleLock();

    const ana = await context.newPage();
    const sockets = countBoardSockets(ana);
    await ana.goto(`/w/${facilitator.code}`);
    const held = ana.getByRole('alert').filter({ hasText: 'The board is locked' });
    await expect(held).toHaveText(/The board is locked\. Your changes stay on this device and are sent when the facilitator unlocks it\./);
    await expect(await note(ana, 'Gains', 'Typed while offline')).toBeVisible();
    await expect(await note(presenter, 'Gains', 'Typed while offline')).toHaveCount(0);
    await saveScreenshot(ana, 'phone-changes-held-while-locked');

    await toggleLock();
    await expect(await note(presenter, 'Gains', 'Typed while offline')).toBeVisible({ timeout: 20_000 });
    await expect(held).toHaveCount(0);
    await ana.waitForTimeout(2_000);
    expect(sockets).toHaveLength(2); // the first connection, one re-sent after the unlock: no loop
  });
});

test.describe('delete is offered where the server accepts it', () => {
  test('journey steps and questions: whoever added them, and the facilitator', async ({ facilitator, joinAs }) => {
    const presenter = facilitator.page;
    await leaveLobby(presenter);
    const ana = await joinAs('Ana');
    const ben = await joinAs('Ben', { phone: true });
    for (const page of [ana, ben, presenter]) await page.getByRole('button', { name: 'Journey', exact: true }).click();
    await ana.getByLabel('New step').fill('Hears about us');
    await ana.getByRole('button', { name: 'Add step' }).click();
    await ben.getByLabel('New step').fill('Visits the shop');
    await ben.getByRole('button', { name: 'Add step' }).click();
    await expect(ben.getByLabel('Step 1 title')).toHaveValue('Hears about us');
    await expect(ben.getByRole('button', { name: 'Delete step Hears about us' })).toHaveCount(0);
    await expect(ben.getByRole('button', { name: 'Delete step Visits the shop' })).toBeVisible();
    await expect(ana.getByRole('button', { name: 'Delete step Hears about us' })).toBeVisible();
    await expect(presenter.getByRole('button', { name: 'Delete step Hears about us' })).toBeVisible();
    await expect(presenter.getByRole('button', { name: 'Delete step Visits the shop' })).toBeVisible();
    // Everyone renames and reorders; Ben deletes his own step.
    await ben.getByRole('button', { name: 'Delete step Visits the shop' }).click();
    await expect(ana.getByLabel('Step 2 title')).toHaveCount(0);

    for (const page of [ana, ben]) await page.getByRole('button', { name: 'Action plan', exact: true }).click();
    await ana.getByLabel('New question').fill('Who decides?');
    await ana.getByRole('button', { name: 'Add question' }).click();
    await expect(ben.getByLabel('Question 1')).toHaveValue('Who decides?');
    await expect(ben.getByRole('button', { name: 'Delete question Who decides?' })).toHaveCount(0);
    await expect(ana.getByRole('button', { name: 'Delete question Who decides?' })).toBeVisible();
    // After a reload Ana's doc has a new client id: the server told it which ones were hers.
    await ana.reload();
    await ana.getByRole('button', { name: 'Action plan', exact: true }).click();
    await expect(ana.getByRole('button', { name: 'Delete question Who decides?' })).toBeVisible();
  });
});
