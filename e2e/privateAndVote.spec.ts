import { saveScreenshot } from './artifacts';
import { addNote, expect, goToStep, leaveLobby, note, quadrant, quadrantRegion, test } from './fixtures';

const controls = (page: import('@playwright/test').Page) => page.getByRole('region', { name: 'Facilitator controls' });

test.describe('private writing and voting', () => {
  test('private notes stay on their author’s phone until the reveal, then appear everywhere', async ({ facilitator, joinAs }) => {
    const presenter = facilitator.page;
    const ana = await joinAs('Ana', { phone: true });
    const ben = await joinAs('Ben');
    // Capture every WebSocket frame Ben's browser receives.
    const benFrames: string[] = [];
    ben.on('websocket', (ws) =>
      ws.on('framereceived', (frame) =>
        benFrames.push(typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('latin1')),
      ),
    );
    await ben.reload();
    await expect(ben.getByRole('status', { name: /Connection: Live/ })).toBeVisible();

    await goToStep(presenter, 4);
    await expect(ana.getByRole('region', { name: 'Current step' })).toContainText('Sees');
    const sees = quadrantRegion(ana, 'Sees'); // open on the step's quadrant, no tap needed
    await sees.getByRole('textbox', { name: 'New note' }).fill('Sees the competitor’s loyalty card daily');
    await sees.getByRole('button', { name: 'Add note' }).click();
    await expect(ana.getByRole('region', { name: 'Your private notes' })).toContainText('loyalty card daily');
    await expect(controls(presenter).getByRole('button', { name: 'Reveal notes (1)' })).toBeEnabled();
    await expect((await quadrant(ben, 'Sees')).getByRole('listitem')).toHaveCount(0);
    expect(benFrames.some((frame) => frame.includes('loyalty card daily'))).toBe(false);

    await controls(presenter).getByRole('button', { name: 'Reveal notes (1)' }).click();
    await expect(await note(ben, 'Sees', 'loyalty card daily')).toContainText('Ana');
    await expect(await note(presenter, 'Sees', 'loyalty card daily')).toBeVisible();
    await expect(ana.getByRole('region', { name: 'Your private notes' })).toHaveCount(0);
  });

  test('a vote round with budgets, then results sorted by votes', async ({ facilitator, joinAs }) => {
    const presenter = facilitator.page;
    await leaveLobby(presenter);
    const ana = await joinAs('Ana');
    const ben = await joinAs('Ben', { phone: true });
    for (const text of ['Parking is hard', 'Prices went up', 'Queues at noon']) await addNote(ana, 'Pains', text);
    await controls(presenter).getByRole('button', { name: 'Open vote' }).click();
    await expect(ben.getByRole('status').filter({ hasText: 'Voting: 3 dots left' })).toBeVisible();

    await (await note(ben, 'Pains', 'Queues at noon')).getByRole('button', { name: 'Vote for this note' }).click();
    await expect(ben.getByRole('status').filter({ hasText: 'Voting: 2 dots left' })).toBeVisible();
    await (await note(ben, 'Pains', 'Queues at noon')).getByRole('button', { name: 'Vote for this note' }).click();
    await expect(ben.getByRole('alert').filter({ hasText: 'One dot per note in this round.' })).toBeVisible();
    await (await note(ben, 'Pains', 'Prices went up')).getByRole('button', { name: 'Vote for this note' }).click();
    await (await note(ana, 'Pains', 'Queues at noon')).getByRole('button', { name: 'Vote for this note' }).click();
    await expect(ben.getByRole('status').filter({ hasText: 'Voting: 1 dot left' })).toBeVisible();
    await saveScreenshot(ben, 'phone-vote-open');
    // Blind: the presenter shows no totals while the round is open.
    await expect((await note(presenter, 'Pains', 'Queues at noon')).getByLabel(/votes$/)).toHaveCount(0);

    await controls(presenter).getByRole('button', { name: 'Close vote' }).click();
    await expect((await note(presenter, 'Pains', 'Queues at noon')).getByLabel('2 votes')).toBeVisible();
    await expect((await quadrant(presenter, 'Pains')).getByRole('listitem').first()).toContainText('Queues at noon');
    await expect((await note(ana, 'Pains', 'Parking is hard')).getByLabel('0 votes')).toBeVisible();
    await saveScreenshot(presenter, 'presenter-vote-results');
    await saveScreenshot(ben, 'phone-vote-results');
  });
});
