import { addNote, leaveLobby, expect, expectNoAxeViolations, test } from './fixtures';

test.describe('accessibility (axe-core)', () => {
  test('the join page has no violations', async ({ page }) => {
    await page.goto('/');
    await expectNoAxeViolations(page);
  });

  test('the participant and presenter views have no violations', async ({ facilitator, joinAs }) => {
    await leaveLobby(facilitator.page);
    const ana = await joinAs('Ana', { phone: true });
    await addNote(ana, 'Pains', 'Parking is hard');
    await expectNoAxeViolations(ana);
    await expect(facilitator.page.getByText('Parking is hard')).toBeVisible();
    await expectNoAxeViolations(facilitator.page);
  });
});
