import { saveScreenshot } from './artifacts';
import { addNote, expect, leaveLobby, moreActions, note, noteSheet, quadrant, test } from './fixtures';

test.describe('live empathy map', () => {
  test('add, edit, move, colour and delete appear on every other screen', async ({ facilitator, joinAs }) => {
    const ana = await joinAs('Ana');
    const ben = await joinAs('Ben', { phone: true });
    const presenter = facilitator.page;
    await expect(presenter.getByRole('region', { name: 'Roster' })).toContainText('Ana');
    await expect(presenter.getByRole('region', { name: 'Roster' })).toContainText('Ben');
    await leaveLobby(presenter);

    for (const title of ['Sees', 'Hears', 'Thinks & Feels', 'Says & Does', 'Pains', 'Gains']) {
      await expect(await quadrant(ben, title)).toBeVisible();
    }

    await addNote(ben, 'Pains', 'Queues at lunch time');
    await expect(await note(ana, 'Pains', 'Queues at lunch time')).toContainText('Ben');
    await expect(await note(presenter, 'Pains', 'Queues at lunch time')).toBeVisible();
    // A note's text is its author's (and the facilitator's): Ana may sort Ben's note, not rewrite or delete it.
    await moreActions(await note(ana, 'Pains', 'Queues at lunch time')).click();
    await expect(noteSheet(ana).getByRole('button', { name: 'Pink' })).toBeVisible();
    await expect(noteSheet(ana).getByRole('button', { name: 'Edit text' })).toHaveCount(0);
    await expect(noteSheet(ana).getByRole('button', { name: 'Delete note' })).toHaveCount(0);
    await ana.keyboard.press('Escape');

    // Edit on the phone, by its author, in the note's sheet.
    await moreActions(await note(ben, 'Pains', 'Queues at lunch time')).click();
    await noteSheet(ben).getByRole('button', { name: 'Edit text' }).click();
    await noteSheet(ben).getByRole('textbox', { name: 'Note text' }).fill('Queues at lunch time, 15 minutes');
    await noteSheet(ben).getByRole('button', { name: 'Save' }).click();
    await expect(await note(ana, 'Pains', 'Queues at lunch time, 15 minutes')).toBeVisible();
    await expect(await note(presenter, 'Pains', 'Queues at lunch time, 15 minutes')).toBeVisible();

    // Move from the same sheet on the phone (it closes once the note has gone).
    await noteSheet(ben).getByRole('group', { name: 'Move to' }).getByRole('button', { name: 'Says & Does' }).click();
    await expect(noteSheet(ben)).toHaveCount(0);
    await expect(await note(ana, 'Says & Does', '15 minutes')).toBeVisible();
    await expect((await quadrant(ana, 'Pains')).getByRole('listitem')).toHaveCount(0);
    await expect(await note(presenter, 'Says & Does', '15 minutes')).toBeVisible();

    // Colour from the laptop's sheet; Escape closes it.
    await moreActions(await note(ana, 'Says & Does', '15 minutes')).click();
    await noteSheet(ana).getByRole('button', { name: 'Pink' }).click();
    await expect(await note(ben, 'Says & Does', '15 minutes')).toHaveClass(/bg-pink-200/);
    await ana.keyboard.press('Escape');
    await expect(noteSheet(ana)).toHaveCount(0);

    // Delete from the presenter view: a note there opens a dialog with its tools.
    await (await note(presenter, 'Says & Does', '15 minutes')).click();
    await presenter.getByRole('dialog', { name: 'Note in Says & Does' }).getByRole('button', { name: 'Delete note' }).click();
    await expect(presenter.getByRole('dialog')).toHaveCount(0);
    await expect(await note(ana, 'Says & Does', '15 minutes')).toHaveCount(0);
    await expect(await note(ben, 'Says & Does', '15 minutes')).toHaveCount(0);
  });

  test('a note can be dragged to another quadrant on a laptop', async ({ facilitator, joinAs }) => {
    await leaveLobby(facilitator.page);
    const ana = await joinAs('Ana');
    await addNote(ana, 'Sees', 'Billboards for energy drinks');
    const handle = (await note(ana, 'Sees', 'Billboards')).getByRole('button', { name: 'Drag note' });
    const target = await quadrant(ana, 'Hears');
    await target.scrollIntoViewIfNeeded();
    const from = (await handle.boundingBox())!;
    const to = (await target.boundingBox())!;
    await ana.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await ana.mouse.down();
    for (let step = 1; step <= 10; step++) {
      await ana.mouse.move(from.x + ((to.x + to.width / 2 - from.x) * step) / 10, from.y + ((to.y + 40 - from.y) * step) / 10);
    }
    await ana.mouse.up();
    await expect(await note(ana, 'Hears', 'Billboards')).toBeVisible();
    await expect(await note(facilitator.page, 'Hears', 'Billboards')).toBeVisible();
    await saveScreenshot(ana, 'laptop-participant-map');
  });

  test('notes are grouped, labelled as evidence and ungrouped by touch, seen on other screens', async ({ facilitator, joinAs }) => {
    await leaveLobby(facilitator.page);
    const phone = await joinAs('Cleo', { phone: true });
    const ana = await joinAs('Ana');
    await addNote(phone, 'Pains', 'Parking is hard');
    await addNote(phone, 'Pains', 'No bike racks');
    const sheet = noteSheet(phone);

    await moreActions(await note(phone, 'Pains', 'Parking is hard')).tap();
    await sheet.getByRole('combobox', { name: 'Group' }).selectOption({ label: 'New group…' });
    await sheet.getByRole('textbox', { name: 'Group name' }).fill('Getting there');
    await sheet.getByRole('button', { name: 'Create group' }).tap();
    await expect((await quadrant(phone, 'Pains')).getByRole('group', { name: 'Group: Getting there' })).toBeVisible();
    // The sheet stays open on the same note, now in its group.
    await sheet.getByRole('radio', { name: 'Observed' }).tap();
    await sheet.getByRole('button', { name: 'Close' }).tap();
    await moreActions(await note(phone, 'Pains', 'No bike racks')).tap();
    await sheet.getByRole('combobox', { name: 'Group' }).selectOption({ label: 'Getting there' });
    await sheet.getByRole('button', { name: 'Close' }).tap();

    const group = (await quadrant(ana, 'Pains')).getByRole('group', { name: 'Group: Getting there' });
    await expect(group.getByRole('listitem')).toHaveCount(2);
    await expect(group.getByRole('listitem').filter({ hasText: 'Parking is hard' })).toContainText('Observed');
    await group.getByRole('button', { name: 'Ungroup' }).click();
    await expect((await quadrant(phone, 'Pains')).getByRole('group', { name: /^Group: / })).toHaveCount(0);
    await expect((await quadrant(phone, 'Pains')).getByRole('listitem')).toHaveCount(2);
  });
});
