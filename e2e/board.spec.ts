import { addNote, expect, leaveLobby, note, quadrant, test } from './fixtures';

test.describe('live empathy map', () => {
  test('add, edit, move, colour and delete appear on every other screen', async ({ facilitator, joinAs }) => {
    const ana = await joinAs('Ana');
    const ben = await joinAs('Ben', { phone: true });
    const presenter = facilitator.page;
    await leaveLobby(presenter);

    for (const title of ['Sees', 'Hears', 'Thinks & Feels', 'Says & Does', 'Pains', 'Gains']) {
      await expect(quadrant(ben, title)).toBeVisible();
    }
    await expect(presenter.getByRole('region', { name: 'Roster' })).toContainText('Ana');
    await expect(presenter.getByRole('region', { name: 'Roster' })).toContainText('Ben');

    await addNote(ben, 'Pains', 'Queues at lunch time');
    await expect(note(ana, 'Pains', 'Queues at lunch time')).toContainText('Ben');
    await expect(note(presenter, 'Pains', 'Queues at lunch time')).toBeVisible();
    // A note's text is its author's (and the facilitator's): Ana may sort Ben's note, not rewrite or delete it.
    await expect(note(ana, 'Pains', 'Queues at lunch time').getByRole('button', { name: 'Move or colour note' })).toBeVisible();
    await expect(note(ana, 'Pains', 'Queues at lunch time').getByRole('button', { name: 'Edit note' })).toHaveCount(0);
    await expect(note(ana, 'Pains', 'Queues at lunch time').getByRole('button', { name: 'Delete note' })).toHaveCount(0);

    // Edit on the phone, by its author.
    await note(ben, 'Pains', 'Queues at lunch time').getByRole('button', { name: 'Edit note' }).click();
    await ben.getByRole('textbox', { name: 'Note text' }).fill('Queues at lunch time, 15 minutes');
    await ben.getByRole('button', { name: 'Save' }).click();
    await expect(note(ana, 'Pains', 'Queues at lunch time, 15 minutes')).toBeVisible();
    await expect(note(presenter, 'Pains', 'Queues at lunch time, 15 minutes')).toBeVisible();

    // Move with the touch/keyboard menu on the phone.
    await note(ben, 'Pains', '15 minutes').getByRole('button', { name: 'Move or colour note' }).click();
    await note(ben, 'Pains', '15 minutes').getByRole('combobox', { name: 'Move to…' }).selectOption({ label: 'Says & Does' });
    await expect(note(ana, 'Says & Does', '15 minutes')).toBeVisible();
    await expect(quadrant(ana, 'Pains').getByRole('listitem')).toHaveCount(0);
    await expect(note(presenter, 'Says & Does', '15 minutes')).toBeVisible();

    // Colour from the desktop.
    await note(ana, 'Says & Does', '15 minutes').getByRole('button', { name: 'Move or colour note' }).click();
    await note(ana, 'Says & Does', '15 minutes').getByRole('button', { name: 'Pink' }).click();
    await expect(note(ben, 'Says & Does', '15 minutes')).toHaveClass(/bg-pink-200/);

    // Delete from the presenter view.
    await note(presenter, 'Says & Does', '15 minutes').getByRole('button', { name: 'Delete note' }).click();
    await expect(note(ana, 'Says & Does', '15 minutes')).toHaveCount(0);
    await expect(note(ben, 'Says & Does', '15 minutes')).toHaveCount(0);
  });

  test('a note can be dragged to another quadrant on desktop', async ({ facilitator, joinAs }) => {
    await leaveLobby(facilitator.page);
    const ana = await joinAs('Ana');
    await addNote(ana, 'Sees', 'Billboards for energy drinks');
    const handle = note(ana, 'Sees', 'Billboards').getByRole('button', { name: 'Drag note' });
    const target = quadrant(ana, 'Hears');
    await target.scrollIntoViewIfNeeded();
    const from = (await handle.boundingBox())!;
    const to = (await target.boundingBox())!;
    await ana.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await ana.mouse.down();
    for (let step = 1; step <= 10; step++) {
      await ana.mouse.move(from.x + ((to.x + to.width / 2 - from.x) * step) / 10, from.y + ((to.y + 40 - from.y) * step) / 10);
    }
    await ana.mouse.up();
    await expect(note(ana, 'Hears', 'Billboards')).toBeVisible();
    await expect(note(facilitator.page, 'Hears', 'Billboards')).toBeVisible();
  });

  test('a phone at 375 px can add, edit and move notes', async ({ facilitator, joinAs }) => {
    await leaveLobby(facilitator.page);
    const phone = await joinAs('Cleo', { phone: true });
    await addNote(phone, 'Gains', 'Coffee ready when I arrive');
    await expect(note(facilitator.page, 'Gains', 'Coffee ready')).toContainText('Cleo');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await note(phone, 'Gains', 'Coffee ready').getByRole('button', { name: 'Move or colour note' }).tap();
    await note(phone, 'Gains', 'Coffee ready').getByRole('combobox', { name: 'Move to…' }).selectOption({ label: 'Thinks & Feels' });
    await expect(note(facilitator.page, 'Thinks & Feels', 'Coffee ready')).toBeVisible();
  });

  test('notes are grouped, labelled as evidence and ungrouped by touch, seen on other screens', async ({ facilitator, joinAs }) => {
    await leaveLobby(facilitator.page);
    const phone = await joinAs('Cleo', { phone: true });
    const ana = await joinAs('Ana');
    await addNote(phone, 'Pains', 'Parking is hard');
    await addNote(phone, 'Pains', 'No bike racks');
    const open = async (text: string) => note(phone, 'Pains', text).getByRole('button', { name: 'Move or colour note' }).tap();

    await open('Parking is hard');
    await note(phone, 'Pains', 'Parking is hard').getByRole('combobox', { name: 'Group' }).selectOption({ label: 'New group…' });
    await note(phone, 'Pains', 'Parking is hard').getByRole('textbox', { name: 'Group name' }).fill('Getting there');
    await note(phone, 'Pains', 'Parking is hard').getByRole('button', { name: 'Create group' }).tap();
    // The note now sits in its group (a new place on the page), so its menu opens afresh.
    await expect(quadrant(phone, 'Pains').getByRole('group', { name: 'Group: Getting there' })).toBeVisible();
    await open('Parking is hard');
    await note(phone, 'Pains', 'Parking is hard').getByRole('radio', { name: 'Observed' }).tap();
    await open('No bike racks');
    await note(phone, 'Pains', 'No bike racks').getByRole('combobox', { name: 'Group' }).selectOption({ label: 'Getting there' });

    const group = quadrant(ana, 'Pains').getByRole('group', { name: 'Group: Getting there' });
    await expect(group.getByRole('listitem')).toHaveCount(2);
    await expect(group.getByRole('listitem').filter({ hasText: 'Parking is hard' })).toContainText('Observed');
    await group.getByRole('button', { name: 'Ungroup' }).click();
    await expect(quadrant(phone, 'Pains').getByRole('group')).toHaveCount(0);
    await expect(quadrant(phone, 'Pains').getByRole('listitem')).toHaveCount(2);
  });
});
