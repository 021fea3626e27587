import { addNote, expect, leaveLobby, note, test } from './fixtures';

const HOSTILE = ['<img src=x onerror="alert(1)">', '<script>alert(2)</script>', 'javascript:alert(3)', '\u202Egnp.exe', 'zero\u200Bwidth'];

test.describe('hostile text and the Content-Security-Policy', () => {
  test('pages carry a CSP without inline scripts, and the app runs under it', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (message) => message.text().includes('Content Security Policy') && violations.push(message.text()));
    const response = await page.goto('/');
    const csp = response!.headers()['content-security-policy']!;
    const scriptSrc = csp.split(';').find((directive) => directive.trim().startsWith('script-src'))!;
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    await page.getByLabel('Workshop title').fill('CSP check');
    await page.getByRole('button', { name: 'Create a workshop' }).click();
    await expect(page.getByRole('status', { name: /Connection: Live/ })).toBeVisible();
    expect(violations).toEqual([]);
  });

  test('notes full of markup and control characters render as text and run nothing', async ({ facilitator, joinAs }) => {
    await leaveLobby(facilitator.page);
    const ana = await joinAs('<b onmouseover=alert(4)>Ana</b>');
    const dialogs: string[] = [];
    for (const page of [ana, facilitator.page]) {
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
    }
    for (const text of HOSTILE) await addNote(ana, 'Sees', text);
    await expect(await note(facilitator.page, 'Sees', '<script>alert(2)</script>')).toBeVisible();
    await expect(await note(facilitator.page, 'Sees', '<img src=x')).toContainText('<b onmouseover=alert(4)>Ana</b>');
    expect(await facilitator.page.locator('img[src="x"], b[onmouseover]').count()).toBe(0);
    await facilitator.page.mouse.move(5, 5);
    expect(dialogs).toEqual([]);
  });
});
