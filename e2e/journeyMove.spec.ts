import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, leaveLobby, moreActions, noteSheet, test } from './fixtures';

const step = (page: Page, index: number, title: string) => page.getByRole('listitem', { name: `Step ${index}: ${title}` });

async function addStep(page: Page, title: string): Promise<void> {
  await page.getByLabel('New step').fill(title);
  await page.getByRole('button', { name: 'Add step' }).click();
}

test('a note on a journey step moves to another step of the persona with “Move to…”, seen on another phone', async ({
  facilitator,
  joinAs,
}) => {
  await leaveLobby(facilitator.page);
  const ana = await joinAs('Ana', { phone: true });
  const ben = await joinAs('Ben');
  for (const page of [ana, ben]) await page.getByRole('button', { name: 'Journey', exact: true }).click();
  await addStep(ana, 'Hears about us');
  await addStep(ana, 'Compares prices');
  const first = step(ana, 1, 'Hears about us');
  await first.getByLabel('New note').fill('Checks three shops online');
  await first.getByRole('button', { name: 'Add note' }).click();

  const note = first.getByRole('listitem').filter({ hasText: 'Checks three shops online' });
  await moreActions(note).tap();
  const sheet = noteSheet(ana);
  const moveTo = sheet.getByRole('group', { name: 'Move to' });
  // The other steps of this persona, not the empathy map's quadrants; and no quadrant groups.
  await expect(moveTo.getByRole('button')).toHaveText(['2. Compares prices']);
  await expect(sheet.getByRole('combobox', { name: 'Group' })).toHaveCount(0);
  await expectNoAxeViolations(ana);
  await moveTo.getByRole('button', { name: '2. Compares prices' }).tap();
  await expect(sheet).toHaveCount(0);

  await expect(step(ben, 2, 'Compares prices')).toContainText('Checks three shops online');
  await expect(step(ben, 1, 'Hears about us')).not.toContainText('Checks three shops online');
  await expect(step(ana, 2, 'Compares prices')).toContainText('Checks three shops online');
});
