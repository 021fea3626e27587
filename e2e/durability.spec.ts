import { RESTART_TEST_TIMEOUT_MS, addNote, leaveLobby, expect, note, quadrant, test } from './fixtures';

test.describe('nothing is lost', () => {
  test.describe.configure({ timeout: RESTART_TEST_TIMEOUT_MS });
  test('after a server crash and restart the board is intact and everyone reconnects', async ({ app, facilitator, joinAs }) => {
    await leaveLobby(facilitator.page);
    const ana = await joinAs('Ana');
    await addNote(ana, 'Hears', 'Friends recommend the new cafe');
    await addNote(ana, 'Pains', 'No seats at noon');
    await expect(await note(facilitator.page, 'Pains', 'No seats at noon')).toBeVisible();

    await app.stop('SIGKILL');
    await expect(ana.getByRole('status', { name: /Connection: Reconnecting/ })).toBeVisible();
    await app.start();
    await expect(ana.getByRole('status', { name: /Connection: Live/ })).toBeVisible({ timeout: 20_000 });
    await expect(facilitator.page.getByRole('status', { name: /Connection: Live/ })).toBeVisible({ timeout: 20_000 });

    await ana.reload();
    await expect(await note(ana, 'Hears', 'Friends recommend the new cafe')).toBeVisible();
    await expect(await note(ana, 'Pains', 'No seats at noon')).toBeVisible();
    await addNote(ana, 'Gains', 'Loyalty card');
    await expect(await note(facilitator.page, 'Gains', 'Loyalty card')).toBeVisible();
  });

  test('notes typed while the server is unreachable sync once it is back, without duplicates', async ({ app, facilitator, joinAs }) => {
    await leaveLobby(facilitator.page);
    const ana = await joinAs('Ana');
    await app.stop('SIGKILL');
    await expect(ana.getByRole('status', { name: /Connection: Reconnecting/ })).toBeVisible();
    await addNote(ana, 'Sees', 'Typed while offline');
    await addNote(ana, 'Gains', 'Also offline');
    await app.start();
    await expect(await note(facilitator.page, 'Sees', 'Typed while offline')).toBeVisible({ timeout: 20_000 });
    await expect(await note(facilitator.page, 'Gains', 'Also offline')).toBeVisible();
    await expect((await quadrant(facilitator.page, 'Sees')).getByRole('listitem')).toHaveCount(1);
    await ana.reload();
    await expect((await quadrant(ana, 'Sees')).getByRole('listitem')).toHaveCount(1);
  });

  test('a note kept on the device (IndexedDB) reaches the room after the tab is closed and reopened', async ({
    app,
    facilitator,
    joinAs,
  }) => {
    await leaveLobby(facilitator.page);
    const ana = await joinAs('Ana');
    await app.stop('SIGKILL');
    await addNote(ana, 'Thinks & Feels', 'Wants to feel like a regular');
    // Give IndexedDB a moment to commit, then close the tab while the server is still down.
    await ana.waitForTimeout(300);
    const context = ana.context();
    await ana.close();
    await app.start();
    const reopened = await context.newPage();
    await reopened.goto(`/w/${facilitator.code}`);
    await expect(await note(reopened, 'Thinks & Feels', 'Wants to feel like a regular')).toBeVisible();
    await expect(await note(facilitator.page, 'Thinks & Feels', 'Wants to feel like a regular')).toBeVisible({ timeout: 20_000 });
  });
});
