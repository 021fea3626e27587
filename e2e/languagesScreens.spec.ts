import type { Browser, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTranslator } from 'use-intl/core';
import type { Messages } from '../lib/i18n/messages';
import { saveScreenshot } from './artifacts';
import { expect, expectNoAxeViolations, PHONE, PROJECTOR, test } from './fixtures';

/** The catalogs' words, formatted as the pages do: controls are found by their names in that language. */
const catalog = (locale: string) =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../messages/${locale}.json`), 'utf8')) as Messages;
const ar = catalog('ar');
const ja = catalog('ja');
const inGerman = createTranslator({ locale: 'de', messages: catalog('de') });
const inArabic = createTranslator({ locale: 'ar', messages: ar });
const inJapanese = createTranslator({ locale: 'ja', messages: ja });

async function deviceIn(browser: Browser, url: string, locale: string, use: object): Promise<Page> {
  const context = await browser.newContext({ ...use, baseURL: url });
  await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url }]);
  return context.newPage();
}

type Words<K extends string> = (key: K) => string;

/** A new workshop, its projector in `locale` past the lobby. */
async function startedWorkshop(
  browser: Browser,
  url: string,
  locale: string,
  t: Words<'presenter.facilitatorControls' | 'presenter.nextStep'>,
) {
  const created = (await (
    await fetch(`${url}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Coffee shop' }),
    })
  ).json()) as { code: string; presenterUrl: string };
  const presenter = await deviceIn(browser, url, locale, PROJECTOR);
  await presenter.goto(created.presenterUrl);
  const controls = presenter.getByRole('region', { name: t('presenter.facilitatorControls') });
  await controls.getByRole('button', { name: t('presenter.nextStep') }).click();
  return { code: created.code, presenter };
}

/** A phone in `locale` that joined workshop `code` as `name`. */
async function joinedPhone(
  browser: Browser,
  url: string,
  code: string,
  locale: string,
  t: Words<'home.yourName' | 'home.join'>,
  name: string,
) {
  const phone = await deviceIn(browser, url, locale, PHONE);
  await phone.goto(`/join/${code}`);
  await phone.getByLabel(t('home.yourName')).fill(name);
  await phone.getByRole('button', { name: t('home.join'), exact: true }).click();
  await phone.waitForURL(new RegExp(`/w/${code}$`));
  return phone;
}

test.describe('the note sheet, the projector’s note dialog and the profile card in Arabic and Japanese', () => {
  test('Arabic phone: the note sheet right to left; Japanese projector: the note dialog and the profile; axe finds nothing', async ({
    browser,
    app,
  }) => {
    test.setTimeout(300_000);
    const { code, presenter } = await startedWorkshop(browser, app.url, 'ja', inJapanese);
    const phone = await joinedPhone(browser, app.url, code, 'ar', inArabic, 'ليلى');
    await expect(phone.locator('html')).toHaveAttribute('dir', 'rtl');
    await phone
      .getByRole('textbox', { name: inArabic('participant.newNote') })
      .first()
      .fill('طوابير عند الظهر');
    await phone
      .getByRole('button', { name: inArabic('participant.addNote') })
      .first()
      .click();
    await phone.getByRole('button', { name: inArabic('participant.moreActions', { excerpt: 'طوابير عند الظهر' }) }).click();
    const sheet = phone.getByRole('dialog');
    await expect(sheet.getByRole('group', { name: inArabic('note.colour') })).toBeVisible();
    await expect(sheet.getByRole('button', { name: inArabic('note.colours.green') })).toBeVisible();
    await expect(sheet.getByRole('radio', { name: inArabic('note.observed') })).toBeVisible();
    await sheet.getByRole('combobox', { name: inArabic('note.group') }).selectOption({ label: inArabic('note.newGroup') });
    await expect(sheet.getByRole('textbox', { name: inArabic('note.groupName') })).toBeVisible();
    await expect(sheet.getByRole('button', { name: inArabic('note.close') })).toBeVisible();
    await saveScreenshot(phone, 'languages-note-sheet-ar');
    await expectNoAxeViolations(phone);

    // The projector, in Japanese: the note opens its dialog; every control in it is Japanese.
    await presenter.getByRole('button', { name: /طوابير عند الظهر/ }).click();
    const dialog = presenter.getByRole('dialog', { name: inJapanese('note.noteIn', { quadrant: 'Sees' }) });
    await expect(dialog.getByRole('textbox', { name: inJapanese('note.noteText') })).toHaveValue('طوابير عند الظهر');
    await expect(dialog.getByRole('combobox', { name: inJapanese('note.moveToMenu') })).toBeVisible();
    await expect(dialog.getByRole('button', { name: inJapanese('note.deleteNote') })).toBeVisible();
    await expect(dialog).toContainText(inJapanese('note.by', { author: 'ليلى' }));
    await saveScreenshot(presenter, 'languages-note-dialog-ja');
    await expectNoAxeViolations(presenter);
    await dialog.getByRole('button', { name: inJapanese('note.close') }).click();

    // The profile card, edited on the projector: Japanese labels, standard fields included.
    await presenter.getByRole('button', { name: inJapanese('participant.sectionProfile'), exact: true }).click();
    await presenter.getByRole('button', { name: inJapanese('profile.editProfile') }).click();
    const profile = presenter.getByRole('region', {
      // The persona's name is board content, in the workshop's language (English here).
      name: inJapanese('profile.profileOf', { name: 'Persona 1' }),
    });
    await expect(profile.getByRole('textbox', { name: inJapanese('profileFields.age') })).toBeVisible();
    await expect(profile.getByText(inJapanese('profile.chooseFields'))).toBeVisible();
    await saveScreenshot(presenter, 'languages-profile-ja');
    await expectNoAxeViolations(presenter);
    await presenter.context().close();
    await phone.context().close();
  });
});

test.describe('why undo is not offered, in the reader’s language', () => {
  test('German phone: the undo button’s tooltip and its message say why, in German', async ({ browser, app }) => {
    test.setTimeout(180_000);
    const { code, presenter } = await startedWorkshop(browser, app.url, 'de', inGerman);
    const phone = await joinedPhone(browser, app.url, code, 'de', inGerman, 'Lena');
    await phone.getByRole('button', { name: inGerman('participant.addPersona') }).tap();
    const undo = phone
      .getByRole('group', { name: inGerman('participant.yourChanges') })
      .getByRole('button', { name: inGerman('participant.undo') });
    await expect(undo).toHaveAttribute('aria-disabled', 'true');
    const reason = inGerman('refusals.undoAddedPersona');
    expect(reason).not.toContain('persona can’t');
    await expect(undo).toHaveAttribute('title', reason);
    await undo.tap({ force: true });
    await expect(phone.getByRole('status').filter({ hasText: reason })).toBeVisible();
    await presenter.context().close();
    await phone.context().close();
  });
});
