import type { Page } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import {
  PROJECTOR,
  addNote,
  collapsedQuadrant,
  createWorkshopInUi,
  expect,
  leaveLobby,
  note,
  openNoteSheet,
  quadrant,
  quadrantRegion,
  test,
  togglePanel,
} from './fixtures';

const CLASSIC = ['Says', 'Thinks', 'Does', 'Feels'];

async function openMapPanel(presenter: Page) {
  await togglePanel(presenter, 'Map');
  return presenter.getByRole('region', { name: 'Empathy map template' });
}

test('the facilitator switches to the classic four and renames a quadrant; notes are kept and moved, the agenda follows', async ({
  facilitator,
  joinAs,
}) => {
  const presenter = facilitator.page;
  const phone = await joinAs('Ana', { phone: true });
  await leaveLobby(presenter);
  await addNote(phone, 'Hears', 'Listens to cycling podcasts');

  const panel = await openMapPanel(presenter);
  await panel.getByRole('button', { name: /Use Classic four/ }).click();
  await panel.getByRole('textbox', { name: 'Title of quadrant 1' }).fill('Says out loud');
  await panel.getByRole('textbox', { name: 'Guiding questions (one per line)' }).first().fill('What do they say to friends?');
  await saveScreenshot(presenter, 'presenter-map-template-panel');
  await panel.getByRole('button', { name: 'Apply to the board' }).click();
  await expect(panel.getByRole('status')).toHaveText('The map is updated on every screen.');

  // Every screen shows the new map; the note waits under "Not on this map", nothing is lost.
  for (const title of ['Says out loud', ...CLASSIC.slice(1)]) await expect(await quadrant(phone, title)).toBeVisible();
  await expect(quadrantRegion(phone, 'Hears')).toHaveCount(0);
  await expect(collapsedQuadrant(phone, 'Hears')).toHaveCount(0);
  await expect(await quadrant(phone, 'Says out loud')).toContainText('What do they say to friends?');
  await expect(await note(phone, 'Not on this map', 'Listens to cycling podcasts')).toBeVisible();
  await expect(await quadrant(presenter, 'Not on this map')).toContainText('Listens to cycling podcasts');

  // Moved by its menu (touch and keyboard path) into a quadrant of the new map.
  const waiting = await openNoteSheet(phone, 'Not on this map', 'Listens to cycling podcasts');
  await waiting.getByRole('group', { name: 'Move to' }).getByRole('button', { name: 'Feels' }).click();
  await expect(await note(presenter, 'Feels', 'Listens to cycling podcasts')).toBeVisible();
  await expect(quadrantRegion(presenter, 'Not on this map')).toHaveCount(0);

  // The agenda's quadrant steps follow the map.
  await togglePanel(presenter, 'Agenda');
  const agenda = presenter.getByRole('region', { name: 'Agenda' });
  await expect(agenda.getByRole('textbox', { name: 'Title of step 4' })).toHaveValue('Says out loud');
  await expect(agenda.getByRole('textbox', { name: 'Title of step 7' })).toHaveValue('Feels');
  await expect(agenda.getByRole('textbox', { name: 'Title of step 8' })).toHaveValue('Scenario & journey');
  await togglePanel(presenter, 'Agenda');
  await saveScreenshot(presenter, 'presenter-classic-map');
  await saveScreenshot(phone, 'phone-classic-map');
});

test('a note is promoted into the quote, and the persona card shows the evidence balance per quadrant', async ({ facilitator, joinAs }) => {
  const presenter = facilitator.page;
  const phone = await joinAs('Ben', { phone: true });
  await leaveLobby(presenter);
  await addNote(phone, 'Says & Does', 'I never have time to compare prices');
  await addNote(phone, 'Pains', 'Queues at the till');

  const quote = await openNoteSheet(phone, 'Says & Does', 'I never have time to compare prices');
  await quote.getByRole('radio', { name: 'Observed' }).check();
  await quote.getByRole('combobox', { name: 'Promote to profile…' }).selectOption({ label: 'Quote' });
  await expect(quote.getByRole('status')).toHaveText('Added to the profile: Quote or tagline.');
  await saveScreenshot(phone, 'phone-note-menu-promote');
  // The sheet (long field names in its selects) fits a 375 px phone.
  const box = (await quote.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(375);
  await quote.getByRole('button', { name: 'Close' }).click();
  const pain = await openNoteSheet(phone, 'Pains', 'Queues at the till');
  await pain.getByRole('radio', { name: 'Assumed' }).check();

  await presenter.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Profile' }).click();
  await expect(presenter.getByRole('region', { name: 'Profile of Persona 1' })).toContainText('“I never have time to compare prices”');
  const evidence = presenter.getByRole('region', { name: 'Evidence for Persona 1' });
  await expect(evidence.getByRole('listitem', { name: 'Says & Does: 1 observed, 0 assumed, 0 not labelled' })).toBeVisible();
  await expect(evidence.getByRole('listitem', { name: 'Pains: 0 observed, 1 assumed, 0 not labelled' })).toBeVisible();
  await saveScreenshot(presenter, 'presenter-profile-evidence');
});

test('a workshop created with the classic four opens on that map', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ ...PROJECTOR, baseURL });
  const page = await context.newPage();
  await createWorkshopInUi(page, 'Classic map workshop', { template: /Classic four/ });
  await page.getByRole('button', { name: 'Next step' }).click();
  for (const title of CLASSIC) await expect(await quadrant(page, title)).toBeVisible();
  await expect(quadrantRegion(page, 'Sees')).toHaveCount(0);
  await context.close();
});
