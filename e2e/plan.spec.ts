import type { Page } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { expect, expectNoAxeViolations, leaveLobby, test } from './fixtures';

const showSection = (page: Page, name: 'Journey' | 'Action plan') => page.getByRole('button', { name, exact: true }).click();
const step = (page: Page, index: number, title: string) => page.getByRole('listitem', { name: `Step ${index}: ${title}` });

async function addStep(page: Page, title: string): Promise<void> {
  await page.getByLabel('New step').fill(title);
  await page.getByRole('button', { name: 'Add step' }).click();
}

test.describe('journey and action plan', () => {
  test('two participants build a journey and an action plan live and see each other’s changes', async ({ facilitator, joinAs }) => {
    await leaveLobby(facilitator.page);
    const ana = await joinAs('Ana');
    const ben = await joinAs('Ben', { phone: true });
    await showSection(ana, 'Journey');
    await showSection(ben, 'Journey');

    await ana.getByLabel('Buying scenario').fill('Needs a gift for a coffee-loving friend');
    await ana.getByLabel('Buying scenario').blur();
    await expect(ben.getByLabel('Buying scenario')).toHaveValue('Needs a gift for a coffee-loving friend');

    await addStep(ana, 'Hears about us');
    await expect(ben.getByLabel('Step 1 title')).toHaveValue('Hears about us');
    await addStep(ben, 'Visits the shop');
    await expect(ana.getByLabel('Step 2 title')).toHaveValue('Visits the shop');

    const benStep = step(ben, 1, 'Hears about us');
    await benStep.getByLabel('New note').fill('A friend posts a photo of our latte');
    await benStep.getByRole('button', { name: 'Add note' }).click();
    await expect(step(ana, 1, 'Hears about us')).toContainText('A friend posts a photo of our latte');

    await ana.getByRole('button', { name: 'Move Visits the shop up' }).click();
    await expect(ben.getByLabel('Step 1 title')).toHaveValue('Visits the shop');
    await expect(step(ben, 2, 'Hears about us')).toContainText('A friend posts a photo of our latte');
    await expectNoAxeViolations(ben);
    await saveScreenshot(ben, 'journey-phone');
    await showSection(facilitator.page, 'Journey');
    await expect(facilitator.page.getByLabel('Step 2 title')).toHaveValue('Hears about us');
    await saveScreenshot(facilitator.page, 'journey-projector');

    await showSection(ana, 'Action plan');
    await showSection(ben, 'Action plan');
    await expect(ana.getByText('Pick three things to learn.')).toBeVisible();
    await ana.getByLabel('New question').fill('Who decides on the gift budget?');
    await ana.getByRole('button', { name: 'Add question' }).click();
    await expect(ben.getByLabel('Question 1')).toHaveValue('Who decides on the gift budget?');

    await ben.getByLabel('New action').fill('Interview three gift buyers');
    await ben.getByRole('button', { name: 'Add action' }).click();
    await expect(ana.getByLabel('Action 1', { exact: true })).toHaveValue('Interview three gift buyers');

    await ana.getByLabel('Owner name').fill('Ana');
    await ana.getByLabel('Due date').fill('2026-12-24');
    await expect(ben.getByLabel('Owner name')).toHaveValue('Ana');
    await expect(ben.getByLabel('Due date')).toHaveValue('2026-12-24');

    await ben.getByLabel('Action 1 done').check();
    await expect(ana.getByLabel('Action 1 done')).toBeChecked();
    await expect(ana.getByText('1 action, 1 done')).toBeVisible();
    await expectNoAxeViolations(ben);
    await saveScreenshot(ben, 'action-plan-phone');
  });
});
