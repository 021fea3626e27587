import { saveScreenshot } from './artifacts';
import { expect, leaveLobby, test } from './fixtures';

/** Set by the init script below: whether the lobby was ever on screen, from the first paint on. */
declare global {
  interface Window {
    sawLobby?: boolean;
  }
}

test('a presenter opened on a workshop past the lobby says it is opening until the state arrives, never the lobby, and retries a control plane that does not answer', async ({
  facilitator,
}) => {
  test.setTimeout(90_000);
  await leaveLobby(facilitator.page);
  // A second projector window on this device, which remembers the facilitator key.
  const page = await facilitator.page.context().newPage();
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (document.querySelector('section[aria-label="Lobby"]')) window.sawLobby = true;
    }).observe(document, { subtree: true, childList: true });
  });
  // The control plane's WebSocket opens and then hears nothing (a paused instance, a stuck
  // proxy): the presenter used to show the lobby until the state came, and forever without it.
  let isControlHeld = true;
  await page.routeWebSocket(
    (url) => url.pathname.startsWith('/socket.io'),
    (ws) => {
      if (!isControlHeld) ws.connectToServer();
    },
  );
  await page.goto(`/w/${facilitator.code}/present`);

  await expect(page.getByRole('status').filter({ hasText: 'Opening the workshop…' })).toBeVisible();
  await saveScreenshot(page, 'presenter-opening');
  const alert = page.getByRole('alert').filter({ hasText: 'Cannot reach the workshop server' });
  await expect(alert).toBeVisible({ timeout: 20_000 });
  await saveScreenshot(page, 'presenter-unreachable');

  isControlHeld = false;
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('region', { name: 'Current step' })).toContainText('Customer groups');
  await expect(alert).toHaveCount(0);
  expect(await page.evaluate(() => window.sawLobby ?? false)).toBe(false);
  await page.close();
});

test('a presenter on a workshop in the lobby shows the lobby once the state arrives', async ({ facilitator }) => {
  const page = facilitator.page;
  await page.reload();
  await expect(page.getByRole('region', { name: 'Lobby' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Opening the workshop…' })).toHaveCount(0);
});
