import type { Page } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { controls, expect, expectNoAxeViolations, goToStep, test } from './fixtures';

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
});
