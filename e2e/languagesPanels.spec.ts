import type { Page } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { expect, PROJECTOR, test } from './fixtures';

/** Creates a workshop in `locale` from the home page (an English browser); returns its room code. */
async function createIn(presenter: Page, title: string, locale: string): Promise<string> {
  await presenter.goto('/');
  await presenter.getByLabel('Workshop title').fill(title);
  await presenter.getByLabel('Workshop language').selectOption(locale);
  await presenter.getByRole('button', { name: 'Create a workshop' }).click();
  await presenter.waitForURL(/\/w\/[0-9A-Z]{8}\/present$/);
  return /\/w\/([0-9A-Z]{8})\//.exec(presenter.url())![1]!;
}

/** Opens a facilitator panel with the bar's menus as they are named in this page's language. */
async function openPanel(presenter: Page, names: { controls: string; panels: string; panel: string }) {
  const controls = presenter.getByRole('region', { name: names.controls });
  await controls.getByRole('button', { name: names.panels, exact: true }).click();
  await controls.getByRole('button', { name: names.panel, exact: true }).click();
}

test.describe('facilitator panels in the workshop language', () => {
  test('German: the map editor offers the German maps and switching writes them; the export menu speaks German', async ({
    browser,
    app,
  }) => {
    const context = await browser.newContext({ ...PROJECTOR, baseURL: app.url, locale: 'en-US' });
    const presenter = await context.newPage();
    // Created through the API, which hands over the facilitator key (the page drops it from the address).
    const created = await (
      await presenter.request.post('/api/workshops', { data: { title: 'Wer kauft in unserem Café?', locale: 'de' } })
    ).json();
    const { code, facilitatorKey } = created as { code: string; facilitatorKey: string; presenterUrl: string };
    await presenter.goto((created as { presenterUrl: string }).presenterUrl);
    const names = { controls: 'Moderationssteuerung', panels: 'Bereiche' };
    await openPanel(presenter, { ...names, panel: 'Karte' });
    const panel = presenter.getByRole('region', { name: 'Vorlage der Empathy Map' });
    await expect(panel).toContainText('Aktuell: Sechs Quadranten');
    await panel.getByRole('button', { name: /Klassisch, vier Quadranten .* verwenden/ }).click();
    await expect(panel.getByRole('textbox', { name: 'Titel von Quadrant 1' })).toHaveValue('Sagt');
    await saveScreenshot(presenter, 'languages-map-panel-de');
    await panel.getByRole('button', { name: 'Auf das Board anwenden' }).click();
    await expect(panel.getByRole('status')).toHaveText('Die Karte ist auf allen Bildschirmen aktualisiert.');
    await expect(panel).toContainText('Aktuell: Klassisch, vier Quadranten');

    // The board now holds the German classic map, as if the workshop had been created with it.
    const exported = await (
      await presenter.request.get(`/api/workshops/${code}/export.json`, { headers: { authorization: `Bearer ${facilitatorKey}` } })
    ).json();
    expect(exported.template).toBe('classic');
    expect((exported.quadrants as { title: string }[]).map((q) => q.title)).toEqual(['Sagt', 'Denkt', 'Tut', 'Fühlt']);

    await openPanel(presenter, { ...names, panel: 'Exportieren' });
    const exports = presenter.getByRole('region', { name: 'Export' });
    await expect(exports.getByRole('button', { name: 'PDF exportieren' })).toBeVisible();
    await expect(exports.getByRole('button', { name: 'Schnappschuss erstellen' })).toBeVisible();
    await saveScreenshot(presenter, 'languages-export-panel-de');
    await context.close();
  });

  test('Arabic: the map editor and the export menu right to left', async ({ browser, app }) => {
    const context = await browser.newContext({ ...PROJECTOR, baseURL: app.url, locale: 'en-US' });
    const presenter = await context.newPage();
    await createIn(presenter, 'من يشتري من مقهانا؟', 'ar');
    await expect(presenter.locator('html')).toHaveAttribute('dir', 'rtl');
    const names = { controls: 'أدوات تحكم الميسّر', panels: 'اللوحات الجانبية' };
    await openPanel(presenter, { ...names, panel: 'الخريطة' });
    const panel = presenter.getByRole('region', { name: 'قالب خريطة التعاطف' });
    await expect(panel.getByRole('textbox', { name: 'عنوان الربع 1' })).toHaveValue('يرى');
    await saveScreenshot(presenter, 'languages-map-panel-ar');
    await openPanel(presenter, { ...names, panel: 'التصدير' });
    const exports = presenter.getByRole('region', { name: 'التصدير' });
    await expect(exports.getByRole('button', { name: 'صدّر PDF' })).toBeVisible();
    await saveScreenshot(presenter, 'languages-export-panel-ar');
    await context.close();
  });
});
