import type { Page } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { controls, expect, expectNoAxeViolations, goToStep, leaveLobby, test } from './fixtures';

const showSection = (page: Page, name: 'Journey' | 'Action plan') => page.getByRole('button', { name, exact: true }).click();
const myDrafts = (page: Page) => page.getByRole('region', { name: 'Your private notes' });

test.describe('private steps cover the journey and the action plan', () => {
  test('a question and a journey note written in a private step stay on their author’s phone until the reveal', async ({
    facilitator,
    joinAs,
  }) => {
    const presenter = facilitator.page;
    const ana = await joinAs('Ana', { phone: true });
    const ben = await joinAs('Ben', { phone: true });
    // Every WebSocket frame Ben's browser receives from here on.
    const benFrames: string[] = [];
    ben.on('websocket', (ws) =>
      ws.on('framereceived', (frame) =>
        benFrames.push(typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('latin1')),
      ),
    );
    await ben.reload();
    await expect(ben.getByRole('status', { name: /Connection: Live/ })).toBeVisible();

    await goToStep(presenter, 4); // "Sees": private writing
    await expect(ana.getByRole('region', { name: 'Current step' })).toContainText('Sees');
    await showSection(ana, 'Action plan');
    await showSection(ben, 'Action plan');

    await expect(ana.getByText('Private: only you see it until the reveal.').first()).toBeVisible();
    await ana.getByLabel('New question').fill('Who decides on the gift budget?');
    await ana.getByRole('button', { name: 'Add question' }).click();
    await expect(ana.getByRole('status').filter({ hasText: 'Added to your private notes (below the board).' })).toBeVisible();
    await expect(myDrafts(ana)).toContainText('Who decides on the gift budget?');
    await expect(myDrafts(ana)).toContainText(/Question for/i);
    await expect(ana.getByLabel('Question 1')).toHaveCount(0); // not on the board, not even on Ana's

    // Its author may still change it.
    await myDrafts(ana).getByRole('button', { name: 'Edit private note' }).click();
    await myDrafts(ana).getByRole('textbox', { name: 'Private note text' }).fill('Who decides on the gift budget, and when?');
    await myDrafts(ana).getByRole('button', { name: 'Save' }).click();
    await expect(myDrafts(ana)).toContainText('Who decides on the gift budget, and when?');
    await expectNoAxeViolations(ana);
    await saveScreenshot(ana, 'phone-private-question');

    await expect(controls(presenter).getByRole('button', { name: 'Reveal notes (1)' })).toBeEnabled();
    await expect(ben.getByText('No open questions yet.')).toBeVisible();
    await expect(myDrafts(ben)).toHaveCount(0);

    // A note on a journey step is a draft too; the step itself is the board's shared structure.
    await showSection(ana, 'Journey');
    await showSection(ben, 'Journey');
    await ana.getByLabel('New step').fill('Pays at the till');
    await ana.getByRole('button', { name: 'Add step' }).click();
    const benStep = ben.getByRole('listitem', { name: 'Step 1: Pays at the till' });
    await expect(benStep).toBeVisible();
    const anaStep = ana.getByRole('listitem', { name: 'Step 1: Pays at the till' });
    await anaStep.getByLabel('New note').fill('Fumbles for the loyalty card');
    await anaStep.getByRole('button', { name: 'Add note' }).click();
    await expect(myDrafts(ana)).toContainText('Journey: Pays at the till');
    await expect(controls(presenter).getByRole('button', { name: 'Reveal notes (2)' })).toBeEnabled();
    await saveScreenshot(ana, 'phone-private-journey-note');
    await expect(anaStep).not.toContainText('Fumbles');
    expect(benFrames.some((frame) => frame.includes('gift budget') || frame.includes('loyalty card'))).toBe(false);

    await controls(presenter).getByRole('button', { name: 'Reveal notes (2)' }).click();
    await expect(benStep).toContainText('Fumbles for the loyalty card');
    await showSection(ben, 'Action plan');
    await expect(ben.getByLabel('Question 1')).toHaveValue('Who decides on the gift budget, and when?');
    await expect(myDrafts(ana)).toHaveCount(0);
    await showSection(ana, 'Action plan');
    await expect(ana.getByLabel('Question 1')).toHaveValue('Who decides on the gift budget, and when?');
  });

  test('a question typed offline and sent once the step turned private becomes a private draft, not lost and not public', async ({
    facilitator,
    joinAs,
  }) => {
    const presenter = facilitator.page;
    await leaveLobby(presenter);
    const ana = await joinAs('Ana', { phone: true });
    const ben = await joinAs('Ben', { phone: true });
    await showSection(ana, 'Action plan');
    await showSection(ben, 'Action plan');

    await ana.context().setOffline(true);
    await ana.getByLabel('New question').fill('Do they ever order ahead?');
    await ana.getByRole('button', { name: 'Add question' }).click();
    await expect(ana.getByLabel('Question 1')).toHaveValue('Do they ever order ahead?'); // on this phone only
    await goToStep(presenter, 4); // "Sees": private writing
    await expect(ben.getByRole('region', { name: 'Current step' })).toContainText('Sees');
    await showSection(ben, 'Action plan'); // a quadrant step opens the map
    await expect(ben.getByText('No open questions yet.')).toBeVisible();
    await ana.context().setOffline(false);

    // The server refuses it on the board's socket (private-step); the phone sends it as a draft.
    await expect(ana.getByRole('alert').filter({ hasText: 'moved to your private notes' })).toBeVisible({ timeout: 20_000 });
    await expect(myDrafts(ana)).toContainText('Do they ever order ahead?');
    await showSection(ana, 'Action plan');
    await expect(ana.getByText('No open questions yet.')).toBeVisible(); // gone from the board, kept as a draft
    await saveScreenshot(ana, 'phone-private-rescued');
    await expect(controls(presenter).getByRole('button', { name: 'Reveal notes (1)' })).toBeEnabled();
    await expect(ben.getByText('No open questions yet.')).toBeVisible();

    await controls(presenter).getByRole('button', { name: 'Reveal notes (1)' }).click();
    await expect(ben.getByLabel('Question 1')).toHaveValue('Do they ever order ahead?');
    await expect(ana.getByLabel('Question 1')).toHaveValue('Do they ever order ahead?');
    await expect(ana.getByLabel('Question 2')).toHaveCount(0); // once, not twice
  });
});
