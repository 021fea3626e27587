import type { Page } from '@playwright/test';
import { addNote, expect, leaveLobby, note, openNoteSheet, quadrantRegion, test } from './fixtures';

const undoButton = (page: Page) => page.getByRole('group', { name: 'Your changes' }).getByRole('button', { name: 'Undo' });
const redoButton = (page: Page) => page.getByRole('group', { name: 'Your changes' }).getByRole('button', { name: 'Redo' });

/** Moves keyboard focus off any text box, so Ctrl+Z means the board, not the text being typed. */
async function focusPage(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

test.describe('undo and redo of my own changes', () => {
  test('on a phone and a laptop, undo removes only my note and redo brings it back', async ({ facilitator, joinAs }) => {
    await leaveLobby(facilitator.page);
    const ana = await joinAs('Ana', { phone: true });
    const ben = await joinAs('Ben');
    await expect(undoButton(ana)).toBeDisabled(); // nothing of mine yet
    await addNote(ana, 'Pains', 'Ana: parking is hard');
    await addNote(ben, 'Pains', 'Ben: prices went up');
    await expect(await note(ana, 'Pains', 'Ben: prices went up')).toBeVisible();

    // The phone's buttons: only Ana's note goes, on both screens; Ben's stays.
    await undoButton(ana).tap();
    await expect(await note(ben, 'Pains', 'Ana: parking is hard')).toHaveCount(0);
    await expect(await note(ana, 'Pains', 'Ana: parking is hard')).toHaveCount(0);
    await expect(await note(ana, 'Pains', 'Ben: prices went up')).toBeVisible();
    await redoButton(ana).tap();
    await expect(await note(ben, 'Pains', 'Ana: parking is hard')).toContainText('Ana');

    // The laptop's shortcuts: Ctrl+Z, Shift+Ctrl+Z, Ctrl+Y; only Ben's own note.
    await focusPage(ben);
    await ben.keyboard.press('Control+z');
    await expect(await note(ana, 'Pains', 'Ben: prices went up')).toHaveCount(0);
    await expect(await note(ana, 'Pains', 'Ana: parking is hard')).toBeVisible();
    await ben.keyboard.press('Control+Shift+z');
    await expect(await note(ana, 'Pains', 'Ben: prices went up')).toBeVisible();
    await ben.keyboard.press('Control+z');
    await expect(await note(ana, 'Pains', 'Ben: prices went up')).toHaveCount(0);
    await ben.keyboard.press('Control+y');
    await expect(await note(ana, 'Pains', 'Ben: prices went up')).toBeVisible();

    // In a text box Ctrl+Z is the browser's own text undo: the board is left alone.
    const composer = quadrantRegion(ben, 'Gains').getByRole('textbox', { name: 'New note' });
    await composer.click();
    await ben.keyboard.type('half a thought');
    await ben.keyboard.press('Control+z');
    await expect(composer).not.toHaveValue('half a thought'); // the browser undid typing
    await expect(await note(ana, 'Pains', 'Ben: prices went up')).toBeVisible();
  });

  test('undo keeps working across a reconnect, for changes made offline and before', async ({ facilitator, joinAs }) => {
    await leaveLobby(facilitator.page);
    const ana = await joinAs('Ana', { phone: true });
    const ben = await joinAs('Ben');
    await addNote(ana, 'Pains', 'Ana: parking is hard');
    await addNote(ben, 'Pains', 'Ben: prices went up');
    await expect(await note(ana, 'Pains', 'Ben: prices went up')).toBeVisible();

    // Off the network and back: a note typed offline syncs, and undo still reaches everyone,
    // for the offline change and for one made before the disconnect.
    await ana.context().setOffline(true);
    await expect(ana.getByRole('status', { name: /Connection: Offline/ })).toBeVisible();
    await addNote(ana, 'Pains', 'Ana: typed offline');
    await ana.context().setOffline(false);
    await expect(ana.getByRole('status', { name: /Connection: Live/ })).toBeVisible({ timeout: 20_000 });
    await expect(await note(ben, 'Pains', 'Ana: typed offline')).toBeVisible();
    await undoButton(ana).tap();
    await expect(await note(ben, 'Pains', 'Ana: typed offline')).toHaveCount(0);
    await undoButton(ana).tap();
    await expect(await note(ben, 'Pains', 'Ana: parking is hard')).toHaveCount(0);
    await expect(await note(ben, 'Pains', 'Ben: prices went up')).toBeVisible();
    await redoButton(ana).tap();
    await expect(await note(ben, 'Pains', 'Ana: parking is hard')).toBeVisible();
  });

  test('a participant undoes deleting their own note: it comes back, with its author, on every screen', async ({ facilitator, joinAs }) => {
    await leaveLobby(facilitator.page);
    const ana = await joinAs('Ana', { phone: true });
    await addNote(ana, 'Gains', 'Coffee ready on arrival');
    await (await openNoteSheet(ana, 'Gains', 'Coffee ready')).getByRole('button', { name: 'Delete note' }).tap();
    await expect(await note(facilitator.page, 'Gains', 'Coffee ready')).toHaveCount(0);
    await undoButton(ana).tap();
    await expect(ana.getByRole('group', { name: 'Your changes' }).locator('..').getByRole('status')).toHaveText('Undone.');
    await expect(await note(facilitator.page, 'Gains', 'Coffee ready')).toContainText('Ana');
    await expect(await note(ana, 'Gains', 'Coffee ready')).toBeVisible();
  });

  test('an undo the server would refuse is explained instead of sent', async ({ facilitator, joinAs }) => {
    await leaveLobby(facilitator.page);
    const ana = await joinAs('Ana', { phone: true });
    await ana.getByRole('button', { name: 'Add persona' }).tap();
    await expect(facilitator.page.getByRole('tab', { name: /^Persona 2/ })).toBeVisible();
    await expect(undoButton(ana)).toHaveAttribute('aria-disabled', 'true');
    // Still tappable (Playwright treats aria-disabled as disabled): tapping says why instead.
    await undoButton(ana).tap({ force: true });
    await expect(ana.getByRole('status').filter({ hasText: 'Adding a persona can’t be undone here' })).toBeVisible();
    await expect(facilitator.page.getByRole('tab', { name: /^Persona 2/ })).toBeVisible();
  });

  test('the presenter undoes its own change with Ctrl+Z', async ({ facilitator, joinAs }) => {
    const presenter = facilitator.page;
    await leaveLobby(presenter);
    const ana = await joinAs('Ana');
    await addNote(presenter, 'Sees', 'Written on the projector');
    await expect(await note(ana, 'Sees', 'Written on the projector')).toBeVisible();
    await focusPage(presenter);
    await presenter.keyboard.press('Control+z');
    await expect(await note(ana, 'Sees', 'Written on the projector')).toHaveCount(0);
    await presenter.keyboard.press('Control+Shift+z');
    await expect(await note(ana, 'Sees', 'Written on the projector')).toBeVisible();
  });
});
