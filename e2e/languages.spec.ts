import type { Page } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { createWorkshopInUi, expect, expectNoAxeViolations, PHONE, PROJECTOR, test } from './fixtures';

/** The page's language and direction as the browser sees them. */
async function expectDocument(page: Page, lang: string, dir: 'ltr' | 'rtl'): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.locator('html')).toHaveAttribute('dir', dir);
}

/** Picks a language in this page's language menu (its label is in the page's current language). */
async function chooseLanguage(page: Page, label: string, locale: string, expectedLang = locale): Promise<void> {
  await page.getByLabel(label, { exact: true }).selectOption(locale);
  await expect(page.locator('html')).toHaveAttribute('lang', expectedLang);
}

test.describe('languages', () => {
  test('a German workshop: German projector, a French phone with the German board, Arabic right to left, Japanese', async ({
    browser,
    app,
  }) => {
    test.setTimeout(180_000);
    // The facilitator's browser asks for English: the projector still speaks the workshop's language.
    const projector = await browser.newContext({ ...PROJECTOR, baseURL: app.url, locale: 'en-US' });
    const presenter = await projector.newPage();
    await presenter.goto('/');
    await expectDocument(presenter, 'en', 'ltr');
    await presenter.getByLabel('Workshop title').fill('Wer kauft in unserem Café?');
    await presenter.getByLabel('Workshop language').selectOption('de');
    await presenter.getByRole('button', { name: 'Create a workshop' }).click();
    await presenter.waitForURL(/\/w\/[0-9A-Z]{8}\/present$/);
    const code = /\/w\/([0-9A-Z]{8})\//.exec(presenter.url())![1]!;
    await expectDocument(presenter, 'de', 'ltr');
    await expect(presenter.getByRole('status', { name: 'Verbindung: Verbunden' }).first()).toBeVisible();
    await expect(presenter.getByRole('region', { name: 'Warteraum' })).toContainText('Scannen und mitmachen');

    // A participant whose phone is set to French.
    const phoneContext = await browser.newContext({ ...PHONE, baseURL: app.url, locale: 'fr-FR' });
    const phone = await phoneContext.newPage();
    await phone.goto(`/join/${code}`);
    await expectDocument(phone, 'fr', 'ltr');
    await phone.getByLabel('Votre prénom').fill('Amélie');
    await phone.getByRole('button', { name: 'Rejoindre', exact: true }).click();
    await phone.waitForURL(new RegExp(`/w/${code}$`));
    await expect(phone.getByRole('status', { name: 'Connexion : En direct' })).toBeVisible();
    await expect(presenter.getByRole('heading', { name: '1 Person verbunden' })).toBeVisible();

    // The room moves on: the step and the board are the workshop's (German), the phone's chrome French.
    const controls = presenter.getByRole('region', { name: 'Moderationssteuerung' });
    await controls.getByRole('button', { name: 'Nächster Schritt' }).click();
    await expect(presenter.getByRole('region', { name: 'Aktueller Schritt' })).toContainText('Kundengruppen');
    await expect(presenter.getByRole('region', { name: 'Aktueller Schritt' })).toContainText('Schritt 2 von 13:');
    const step = phone.getByRole('region', { name: 'Étape en cours' });
    await expect(step).toContainText('Kundengruppen');
    await expect(step.getByRole('button', { name: 'J’ai fini' })).toBeVisible();
    const quadrants = phone.getByRole('navigation', { name: 'Quadrants' });
    // French puts 0 in the singular ("0 note"): the plural comes from the locale's rules, not `=== 1`.
    await quadrants.getByRole('button', { name: 'Gewinne, 0 note' }).click();
    const gains = phone.getByRole('region', { name: 'Gewinne', exact: true });
    await expect(gains).toContainText('Was will sie wirklich erreichen?');
    await gains.getByRole('textbox', { name: 'Nouvelle note' }).fill('Un café prêt en deux minutes');
    await gains.getByRole('button', { name: 'Ajouter la note' }).click();
    await expect(gains.getByRole('listitem').filter({ hasText: 'Un café prêt en deux minutes' })).toBeVisible();
    await expect(presenter.getByText('Un café prêt en deux minutes')).toBeVisible();
    await expect(quadrants.getByRole('button', { name: 'Gewinne, 1 note' })).toBeVisible();
    await saveScreenshot(presenter, 'languages-projector-de');
    await saveScreenshot(phone, 'languages-phone-fr');

    // The phone switches to Arabic in its menu: right to left, the board still German; remembered on reload.
    await chooseLanguage(phone, 'Langue', 'ar');
    await expectDocument(phone, 'ar', 'rtl');
    await expect(phone.getByRole('status', { name: 'الاتصال: متصل' })).toBeVisible();
    await expect(phone.getByRole('navigation', { name: 'الأرباع' }).getByRole('button', { name: 'Gewinne، ملاحظة واحدة' })).toBeVisible();
    await phone.reload();
    await expectDocument(phone, 'ar', 'rtl');
    await expect(phone.getByRole('region', { name: 'الخطوة الحالية' })).toContainText('Kundengruppen');
    // Right to left is laid out right to left: the quadrant list starts at the right edge.
    const first = await phone.getByRole('navigation', { name: 'الأرباع' }).getByRole('button').first().boundingBox();
    expect(first!.x + first!.width).toBeGreaterThan(PHONE.viewport.width - 40);
    await saveScreenshot(phone, 'languages-phone-ar');
    await expectNoAxeViolations(phone);

    await chooseLanguage(phone, 'اللغة', 'ja');
    await expectDocument(phone, 'ja', 'ltr');
    await expect(phone.getByRole('navigation', { name: '象限' }).getByRole('button', { name: 'Gewinne、付箋 1 枚' })).toBeVisible();
    await saveScreenshot(phone, 'languages-phone-ja');
    await expectNoAxeViolations(phone);

    // The facilitator picks Arabic for this device: the projector follows the device's choice.
    await controls.getByRole('button', { name: 'Mehr', exact: true }).click();
    await chooseLanguage(presenter, 'Sprache', 'ar');
    await presenter.keyboard.press('Escape');
    await expectDocument(presenter, 'ar', 'rtl');
    // Arabic numbers may use Arabic-Indic digits (٢, ١٣), as the browser's Intl has them for `ar`.
    await expect(presenter.getByRole('region', { name: 'الخطوة الحالية' })).toContainText(/الخطوة (2|٢) من (13|١٣):/);
    await expect(presenter.getByRole('region', { name: 'الخطوة الحالية' })).toContainText('Kundengruppen');
    await saveScreenshot(presenter, 'languages-projector-ar');
    await expectNoAxeViolations(presenter);

    await projector.close();
    await phoneContext.close();
  });

  test('the facilitator changes the workshop language: the projector follows, the board keeps its words', async ({ browser, app }) => {
    const context = await browser.newContext({ ...PROJECTOR, baseURL: app.url, locale: 'en-GB' });
    const presenter = await context.newPage();
    const code = await createWorkshopInUi(presenter, 'Coffee shop');
    await expectDocument(presenter, 'en', 'ltr');
    await presenter.getByRole('button', { name: 'Next step' }).click();
    await presenter.getByRole('region', { name: 'Facilitator controls' }).getByRole('button', { name: 'More', exact: true }).click();
    await presenter.getByLabel('Workshop language').selectOption('fr');
    await expectDocument(presenter, 'fr', 'ltr');
    const step = presenter.getByRole('region', { name: 'Étape en cours' });
    // The agenda was written in English when the workshop was made: it keeps its words.
    await expect(step).toContainText('Customer groups');
    await expect(step).toContainText('Étape 2 sur 13 :');
    const info = await (await presenter.request.get(`/api/workshops/${code}`)).json();
    expect(info.locale).toBe('fr');
    await saveScreenshot(presenter, 'languages-projector-switched-fr');
    await context.close();
  });

  test('the home page: the browser’s language on the first byte, English without one', async ({ browser, app }) => {
    for (const [locale, lang, heading] of [
      ['ja-JP', 'ja', 'ワークショップに参加'],
      ['pt-BR', 'pt-BR', 'Entrar em uma oficina'],
      ['sv-SE', 'en', 'Join a workshop'],
    ] as const) {
      const context = await browser.newContext({ ...PHONE, baseURL: app.url, locale, javaScriptEnabled: false });
      const page = await context.newPage();
      // Without JavaScript, what shows is what the server sent.
      await page.goto('/');
      await expectDocument(page, lang, 'ltr');
      await expect(page.getByRole('heading', { name: heading })).toBeVisible();
      await context.close();
    }
    const context = await browser.newContext({ ...PHONE, baseURL: app.url, locale: 'ar-EG' });
    const page = await context.newPage();
    await page.goto('/');
    await expectDocument(page, 'ar', 'rtl');
    await expect(page.getByRole('heading', { name: 'الانضمام إلى ورشة عمل' })).toBeVisible();
    await saveScreenshot(page, 'languages-home-ar');
    await expectNoAxeViolations(page);
    await context.close();
  });
});
