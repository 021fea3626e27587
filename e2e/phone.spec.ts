import type { Locator } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { addNotes, joinBot } from './bots';
import {
  addNote,
  collapsedQuadrant,
  controls,
  expect,
  expectNoAxeViolations,
  goToStep,
  leaveLobby,
  moreActions,
  note,
  noteSheet,
  openBarMenu,
  quadrant,
  quadrantRegion,
  test,
} from './fixtures';

const SIX = ['sees', 'hears', 'thinks_feels', 'says_does', 'pains', 'gains'];

/** Every visible control in `scope` is a target a thumb can hit (at least 44 × 44 px). */
async function expectThumbSized(scope: Locator): Promise<void> {
  const controls = scope.locator('button, select, textarea, input:not([type=radio]), label:has(input[type=radio])');
  const sizes = await controls.evaluateAll((elements) =>
    elements
      .filter((element) => (element as HTMLElement).offsetParent !== null)
      .map((element) => {
        const box = element.getBoundingClientRect();
        return {
          name: element.getAttribute('aria-label') ?? element.textContent?.trim() ?? element.tagName,
          width: box.width,
          height: box.height,
        };
      }),
  );
  expect(sizes.length).toBeGreaterThan(0);
  expect(sizes.filter((size) => size.width < 44 || size.height < 44)).toEqual([]);
}

test.describe('the participant’s phone, one thumb', () => {
  test('the “⋯” sheet is a labelled modal dialog for a thumb: focus stays in it, Escape closes it, focus returns', async ({
    facilitator,
    joinAs,
  }) => {
    await leaveLobby(facilitator.page);
    const phone = await joinAs('Cleo', { phone: true });
    // No quadrant step yet: the phone opens on the first quadrant, its composer on top.
    await expect(quadrantRegion(phone, 'Sees').getByRole('textbox', { name: 'New note' })).toBeVisible();
    await addNote(phone, 'Gains', 'Coffee ready when I arrive');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const row = await note(phone, 'Gains', 'Coffee ready');
    await expectThumbSized(row);

    await moreActions(row).tap();
    const sheet = noteSheet(phone);
    await expect(sheet).toHaveAccessibleName('Note by Cleo');
    await expect(sheet.locator(':focus')).toHaveCount(1);
    await expectThumbSized(sheet);
    const box = (await sheet.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    expect(box.y + box.height).toBeLessThanOrEqual(812);
    await saveScreenshot(phone, 'phone-note-sheet');
    // Tab never reaches the page behind the sheet (the modal makes it inert).
    for (let i = 0; i < 12; i++) {
      await phone.keyboard.press('Tab');
      const isInside = await phone.evaluate(() => {
        const active = document.activeElement;
        return !active || active === document.body || active.closest('dialog') !== null;
      });
      expect(isInside).toBe(true);
    }
    await expectNoAxeViolations(phone);
    await phone.keyboard.press('Escape');
    await expect(sheet).toHaveCount(0);
    await expect(moreActions(row)).toBeFocused();
  });

  test('adds from the composer, then colours, edits, moves and deletes a note through its sheet by touch', async ({
    facilitator,
    joinAs,
  }) => {
    const presenter = facilitator.page;
    await leaveLobby(presenter);
    const phone = await joinAs('Cleo', { phone: true });
    await addNote(phone, 'Gains', 'Coffee ready when I arrive');
    await expect(await note(presenter, 'Gains', 'Coffee ready')).toContainText('Cleo');
    const sheet = noteSheet(phone);

    await moreActions(await note(phone, 'Gains', 'Coffee ready')).tap();
    await sheet.getByRole('group', { name: 'Colour' }).getByRole('button', { name: 'Pink' }).tap();
    await expect((await note(presenter, 'Gains', 'Coffee ready')).getByRole('button')).toHaveClass(/bg-pink-200/);
    await sheet.getByRole('button', { name: 'Edit text' }).tap();
    await sheet.getByRole('textbox', { name: 'Note text' }).fill('Coffee ready when I arrive at 8');
    await sheet.getByRole('button', { name: 'Save' }).tap();
    await expect(await note(presenter, 'Gains', 'arrive at 8')).toBeVisible();

    await sheet.getByRole('group', { name: 'Move to' }).getByRole('button', { name: 'Thinks & Feels' }).tap();
    await expect(sheet).toHaveCount(0);
    await expect(await note(presenter, 'Thinks & Feels', 'arrive at 8')).toBeVisible();
    // The note left this quadrant, so focus lands on the quadrant's title, not on the page's top.
    await expect(phone.getByRole('heading', { name: 'Gains', exact: true })).toBeFocused();

    const moved = await note(phone, 'Thinks & Feels', 'arrive at 8');
    await moreActions(moved).tap();
    await sheet.getByRole('button', { name: 'Delete note' }).tap();
    await expect(await note(presenter, 'Thinks & Feels', 'arrive at 8')).toHaveCount(0);
    await expect(moved).toHaveCount(0);
  });

  test('the list of quadrants shows their counts and opens one with one tap', async ({ facilitator, joinAs, baseURL }) => {
    await leaveLobby(facilitator.page);
    const bot = await joinBot(baseURL!, facilitator.code, 'Dana');
    addNotes(bot, { pains: 2, hears: 1 });
    const phone = await joinAs('Cleo', { phone: true });
    await expect(phone.getByRole('button', { name: 'Pains, 2 notes' })).toBeVisible();
    await expect(phone.getByRole('button', { name: 'Hears, 1 note' })).toBeVisible();
    await expect(phone.getByRole('button', { name: 'Gains, 0 notes' })).toBeVisible();
    await saveScreenshot(phone, 'phone-quadrant-list');

    await collapsedQuadrant(phone, 'Pains').tap();
    const pains = quadrantRegion(phone, 'Pains');
    await expect(pains.getByRole('listitem')).toHaveCount(2);
    await expect(pains.getByRole('textbox', { name: 'New note' })).toBeVisible();
    // One quadrant at a time: the one open before is back to its button.
    await expect(quadrantRegion(phone, 'Sees')).toHaveCount(0);
    await expect(collapsedQuadrant(phone, 'Sees')).toBeVisible();
    bot.close();
  });

  test('with 300 notes on the board it opens on the step’s quadrant with the composer on top, and counts the rest', async ({
    facilitator,
    joinAs,
    baseURL,
  }) => {
    const presenter = facilitator.page;
    const bot = await joinBot(baseURL!, facilitator.code, 'Dana');
    addNotes(bot, Object.fromEntries(SIX.map((id) => [id, 50])));
    await goToStep(presenter, 5); // Hears
    const phone = await joinAs('Cleo', { phone: true });
    const hears = quadrantRegion(phone, 'Hears');
    await expect(hears.getByRole('listitem')).toHaveCount(50);
    for (const title of ['Sees', 'Thinks & Feels', 'Says & Does', 'Pains', 'Gains']) {
      await expect(phone.getByRole('button', { name: `${title}, 50 notes` })).toBeVisible();
    }
    // Only the open quadrant's notes are on the page, not a 300-row page.
    await expect(phone.getByRole('listitem').filter({ hasText: 'a thought from the room' })).toHaveCount(50);
    const composer = (await hears.getByRole('textbox', { name: 'New note' }).boundingBox())!;
    const firstNote = (await hears.getByRole('listitem').first().boundingBox())!;
    expect(composer.y).toBeLessThan(firstNote.y);
    expect(composer.y + composer.height).toBeLessThanOrEqual(812); // on the first screen, no scrolling
    await saveScreenshot(phone, 'phone-quadrant-step');
    await expect(phone.getByRole('button', { name: 'Add note' })).toBeInViewport();
    bot.close();
  });

  test('a locked board is read-only on the phone', async ({ facilitator, joinAs }) => {
    const presenter = facilitator.page;
    await leaveLobby(presenter);
    const phone = await joinAs('Cleo', { phone: true });
    await addNote(phone, 'Sees', 'Long queue at the till');
    await openBarMenu(presenter, 'Board');
    await controls(presenter).getByRole('button', { name: 'Lock board' }).click();
    await presenter.keyboard.press('Escape');
    await expect(phone.getByText('The facilitator has locked the board')).toBeVisible();
    const sees = await quadrant(phone, 'Sees');
    await expect(sees.getByRole('textbox', { name: 'New note' })).toBeDisabled();
    await expect(moreActions(await note(phone, 'Sees', 'Long queue'))).toHaveCount(0);
    await expect(phone.getByRole('button', { name: 'Undo' })).toBeDisabled();
    await saveScreenshot(phone, 'phone-locked');
  });

  test('in a private step a new note is a draft only its author sees', async ({ facilitator, joinAs }) => {
    const presenter = facilitator.page;
    const phone = await joinAs('Cleo', { phone: true });
    await goToStep(presenter, 8); // Pains, private writing
    const pains = quadrantRegion(phone, 'Pains');
    await pains.getByRole('textbox', { name: 'New note' }).fill('Parking costs more than the coffee');
    await pains.getByRole('button', { name: 'Add note' }).tap();
    await expect(pains.getByRole('status')).toHaveText('Added to your private notes (below the map).');
    await expect(phone.getByRole('region', { name: 'Your private notes' })).toContainText('Parking costs more than the coffee');
    await expect(pains.getByRole('listitem')).toHaveCount(0);
    await expect(presenter.getByText('Parking costs more than the coffee')).toHaveCount(0);
    await saveScreenshot(phone, 'phone-private-step');
  });

  test('a quadrant of 1,000 notes opens on its first screen of rows, then mounts the rest', async ({ facilitator, joinAs, baseURL }) => {
    const presenter = facilitator.page;
    await leaveLobby(presenter);
    const bot = await joinBot(baseURL!, facilitator.code, 'Dana');
    addNotes(bot, { sees: 2, hears: 1000 });
    const phone = await joinAs('Cleo', { phone: true });
    const open = phone.getByRole('button', { name: /^Hears, 1,?000 notes/ });
    await expect(open).toBeVisible();
    // How many rows the tap's own render put on the page: the first mutation that shows any.
    await phone.evaluate(() => {
      const w = window as unknown as { firstRows: number | null };
      w.firstRows = null;
      new MutationObserver(() => {
        const title = [...document.querySelectorAll('section h3')].find((h) => h.textContent === 'Hears');
        const rows = title?.closest('section')?.querySelectorAll('li').length ?? 0;
        if (w.firstRows === null && rows > 0) w.firstRows = rows;
      }).observe(document.body, { childList: true, subtree: true });
    });
    await open.tap();
    await expect.poll(() => phone.evaluate(() => (window as unknown as { firstRows: number | null }).firstRows)).toBe(16); // FIRST_SLICE_ROWS (NoteRows.tsx)
    // Then every note is a list item, as the accessible contract says.
    await expect(quadrantRegion(phone, 'Hears').getByRole('listitem')).toHaveCount(1000, { timeout: 30_000 });
    await saveScreenshot(phone, 'phone-1000-notes');
    bot.close();
  });
});
