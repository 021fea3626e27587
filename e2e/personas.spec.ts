import type { Page } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { addNote, expect, expectNoAxeViolations, leaveLobby, note, test } from './fixtures';

const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });
const profile = (page: Page) => page.getByRole('region', { name: /^Profile of / });
const field = (page: Page, label: string) => profile(page).getByLabel(label, { exact: true });
const showSection = (page: Page, name: 'Profile' | 'Empathy map') => page.getByRole('button', { name, exact: true }).click();
const toast = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });

/** Screenshots start at the persona tabs, so the phone shots show tabs and card together. */
async function shotFromTabs(page: Page, name: string): Promise<void> {
  await page.getByRole('tablist', { name: 'Personas' }).evaluate((tabs) => tabs.scrollIntoView({ block: 'start' }));
  await saveScreenshot(page, name);
}

async function personaOption(page: Page, name: string): Promise<void> {
  const options = page.getByRole('button', { name: 'Persona options' });
  if ((await options.getAttribute('aria-expanded')) !== 'true') await options.click();
  await page.getByRole('button', { name, exact: true }).click();
}

test.describe('personas and their profiles', () => {
  test('two participants add a persona, fill in its profile live, switch, and delete it with undo', async ({ facilitator, joinAs }) => {
    const presenter = facilitator.page;
    await leaveLobby(presenter);
    const ana = await joinAs('Ana');
    const ben = await joinAs('Ben', { phone: true });

    await ana.getByRole('button', { name: 'Add persona' }).click();
    await expect(tab(ana, 'Persona 2')).toHaveAttribute('aria-selected', 'true');
    await expect(tab(ben, 'Persona 2')).toBeVisible();
    // Ben stays on the persona the room is on until he chooses another.
    await expect(tab(ben, 'Persona 1')).toHaveAttribute('aria-selected', 'true');
    await shotFromTabs(ben, 'personas-phone-tabs');

    await ana.getByRole('button', { name: 'Persona options' }).click();
    await ana.getByLabel('Persona name').fill('Jill Smith');
    await ana.getByRole('button', { name: 'Rename' }).click();
    await expect(tab(ben, 'Jill Smith')).toBeVisible();
    await expect(tab(presenter, 'Jill Smith')).toBeVisible();

    await showSection(ana, 'Profile');
    await tab(ben, 'Jill Smith').click();
    await showSection(ben, 'Profile');
    await field(ana, 'Quote or tagline').fill('I want it to just work');
    await field(ben, 'Age').fill('34');
    await field(ben, 'Job and where they work').click();
    // Ana's quote goes out after a pause in typing, without leaving the field.
    await expect(field(ben, 'Quote or tagline')).toHaveValue('I want it to just work');
    await expect(field(ana, 'Age')).toHaveValue('34');

    for (const [label, text] of [
      ['Job and where they work', 'Nurse at the city hospital, shifts'],
      ['Family', 'Partner, two children (6 and 9)'],
      ['Goals and ambitions', 'Run a half marathon this year'],
      ['Fears', 'Being late for her shift because of a queue'],
    ] as const) {
      await field(ana, label).fill(text);
    }
    await field(ana, 'Age').focus();
    await tab(presenter, 'Jill Smith').click();
    await showSection(presenter, 'Profile');
    await expect(profile(presenter)).toContainText('“I want it to just work”');
    await expect(profile(presenter)).toContainText('34');
    await expect(profile(presenter)).toContainText('Being late for her shift because of a queue');
    await saveScreenshot(presenter, 'personas-projector-profile');
    await shotFromTabs(ben, 'personas-phone-profile');

    // Arrow keys move between the tabs; each persona has its own profile.
    await tab(ana, 'Jill Smith').focus();
    await ana.keyboard.press('ArrowLeft');
    await expect(tab(ana, 'Persona 1')).toHaveAttribute('aria-selected', 'true');
    await expect(tab(ana, 'Persona 1')).toBeFocused();
    await expect(field(ana, 'Age')).toHaveValue('');
    await ana.keyboard.press('End');
    await expect(field(ana, 'Age')).toHaveValue('34');

    await showSection(ben, 'Empathy map');
    await addNote(ben, 'Pains', 'Hidden delivery fees');
    await personaOption(ana, 'Delete');
    await expect(toast(ana, 'Deleted “Jill Smith” and its 1 note.')).toBeVisible();
    await expect(tab(ben, 'Jill Smith')).toHaveCount(0);
    await expect(tab(ben, 'Persona 1')).toHaveAttribute('aria-selected', 'true');
    await expect(tab(presenter, 'Jill Smith')).toHaveCount(0);

    await toast(ana, 'Deleted').getByRole('button', { name: 'Undo' }).click();
    await expect(tab(ana, 'Jill Smith')).toHaveAttribute('aria-selected', 'true');
    await tab(ben, 'Jill Smith').click();
    await expect(await note(ben, 'Pains', 'Hidden delivery fees')).toBeVisible();
    await showSection(ben, 'Profile');
    await expect(field(ben, 'Quote or tagline')).toHaveValue('I want it to just work');
  });

  test('duplicate copies the profile but not the notes, and personas reorder', async ({ facilitator, joinAs }) => {
    await leaveLobby(facilitator.page);
    const ana = await joinAs('Ana', { phone: true });
    const ben = await joinAs('Ben');
    await showSection(ana, 'Profile');
    await field(ana, 'Where they live').fill('Łódź, near the station');
    await field(ana, 'Where they live').blur();
    await showSection(ana, 'Empathy map');
    await addNote(ana, 'Gains', 'Gets home before six');

    await personaOption(ana, 'Duplicate');
    await expect(toast(ana, 'The empathy-map notes stay with “Persona 1”')).toBeVisible();
    await expect(tab(ana, 'Persona 1 \\(copy\\)')).toHaveAttribute('aria-selected', 'true');
    await expect(await note(ana, 'Gains', 'Gets home before six')).toHaveCount(0);
    await showSection(ana, 'Profile');
    await expect(field(ana, 'Where they live')).toHaveValue('Łódź, near the station');
    await shotFromTabs(ana, 'personas-phone-duplicate');

    await personaOption(ana, 'Move left');
    await shotFromTabs(ana, 'personas-phone-options');
    const names = ben.getByRole('tab');
    await expect(names.first()).toHaveAccessibleName('Persona 1 (copy)');
    await expect(names.nth(1)).toHaveAccessibleName('Persona 1');
    await expectNoAxeViolations(ana);
  });

  test('the facilitator hides a field and adds a custom one; the room fills it in', async ({ facilitator, joinAs }) => {
    const presenter = facilitator.page;
    await leaveLobby(presenter);
    const ana = await joinAs('Ana');
    await saveScreenshot(presenter, 'personas-projector-map');
    await showSection(presenter, 'Profile');
    await presenter.getByRole('button', { name: 'Edit profile' }).click();
    await profile(presenter).getByText('Choose profile fields (for every persona)').click();
    await profile(presenter).getByRole('checkbox', { name: 'Household income' }).uncheck();
    await profile(presenter).getByLabel('New field').fill('Favourite brands');
    await profile(presenter).getByRole('button', { name: 'Add field' }).click();
    await saveScreenshot(presenter, 'personas-projector-setup');

    await showSection(ana, 'Profile');
    await expect(field(ana, 'Favourite brands')).toBeVisible();
    await expect(field(ana, 'Household income')).toHaveCount(0);
    await expect(profile(ana).getByRole('button', { name: /Remove the field/ })).toHaveCount(0);
    await field(ana, 'Favourite brands').fill('Ikea, Lidl');
    await field(ana, 'Favourite brands').blur();

    await presenter.getByRole('button', { name: 'Done editing' }).click();
    await expect(profile(presenter)).toContainText('Favourite brands');
    await expect(profile(presenter)).toContainText('Ikea, Lidl');
    await expect(profile(presenter)).not.toContainText('Household income');
    await expectNoAxeViolations(presenter);
  });
});
