import { expect, joinInUi, openBarMenu, test } from './fixtures';

test.describe('joining by room code', () => {
  test('a wrong code gets a clear message, not a blank page', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Room code').fill('ZZZZ-ZZZZ');
    await page.getByLabel('Your name').fill('Dan');
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'No workshop has that room code' })).toBeVisible();
    await page.getByLabel('Room code').fill('ABC');
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(page.getByRole('alert').filter({ hasText: '8 letters and digits' })).toBeVisible();
  });

  test('the deep link pre-fills the code, and a reload rejoins as the same participant', async ({ browser, facilitator, app }) => {
    const context = await browser.newContext({ baseURL: app.url });
    const page = await context.newPage();
    await page.goto(`/join/${facilitator.code.toLowerCase()}`);
    await expect(page.getByLabel('Room code')).toHaveValue(`${facilitator.code.slice(0, 4)}-${facilitator.code.slice(4)}`);
    await page.getByLabel('Your name').fill('Eve');
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(page.getByText('You are Eve')).toBeVisible();

    await page.reload();
    await expect(page.getByText('You are Eve')).toBeVisible();
    await expect(page.getByRole('status', { name: /Connection: Live/ })).toBeVisible();
    const roster = facilitator.page.getByRole('region', { name: 'Roster' });
    await expect(roster.getByRole('listitem').filter({ hasText: 'Eve' })).toHaveCount(1);
    await context.close();
  });

  test('the deep link loads the board page while the name is typed, and the board opens without a second session check', async ({
    browser,
    facilitator,
    app,
  }) => {
    const context = await browser.newContext({ baseURL: app.url });
    const page = await context.newPage();
    const boardPath = `/w/${facilitator.code}`;
    const isBoardPage = (url: string) => new URL(url).pathname === boardPath;
    const prefetched = page.waitForRequest((request) => isBoardPage(request.url()));
    await page.goto(`/join/${facilitator.code}`);
    await prefetched; // before any name is typed
    await page.getByLabel('Your name').fill('Ida');
    const afterJoin: string[] = [];
    page.on('request', (request) => afterJoin.push(new URL(request.url()).pathname));
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(page.getByRole('status', { name: /Connection: Live/ })).toBeVisible();
    await expect(page.getByText('You are Ida')).toBeVisible();
    expect(page.url()).toContain(boardPath);
    // The navigation used what was fetched while the form waited, and the token the join just
    // got was not checked again: one round trip each, before the board's connections opened.
    expect(afterJoin.filter((path) => path === boardPath)).toEqual([]);
    expect(afterJoin.filter((path) => path.endsWith('/session'))).toEqual([]);

    // A reload still asks the server whether the stored session holds.
    const checked = page.waitForRequest((request) => new URL(request.url()).pathname === `/api/workshops/${facilitator.code}/session`);
    await page.reload();
    await checked;
    await expect(page.getByText('You are Ida')).toBeVisible();
    await context.close();
  });

  test('a stored session opens the board from the device when the server never answers its check', async ({ joinAs }) => {
    const page = await joinAs('Uma');
    // An instance that takes the request and never replies (paused, or behind a stuck proxy).
    await page.route('**/session', () => undefined);
    await page.reload();
    await expect(page.getByText('Opening the workshop…')).toBeVisible();
    await expect(page.getByText('You are Uma')).toBeVisible({ timeout: 15_000 });
    // Its connections check the token themselves: the board is live, the session kept.
    await expect(page.getByRole('status', { name: /Connection: Live/ })).toBeVisible();
    await page.unroute('**/session');
    await page.reload();
    await expect(page.getByText('You are Uma')).toBeVisible();
  });

  test('a participant link without a session shows the join form for that room', async ({ page, facilitator }) => {
    await page.goto(`/w/${facilitator.code}`);
    await expect(page.getByRole('heading', { name: /Join workshop/ })).toBeVisible();
    await page.getByLabel('Your name').fill('Finn');
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(page.getByText('You are Finn')).toBeVisible();
  });

  test('the presenter view shows the room code large with the join URL', async ({ facilitator }) => {
    const code = `${facilitator.code.slice(0, 4)}-${facilitator.code.slice(4)}`;
    await expect(facilitator.page.getByText(code, { exact: true })).toBeVisible();
    await expect(facilitator.page.getByText(`/join/${facilitator.code}`)).toBeVisible();
    const fontSize = await facilitator.page.getByText(code, { exact: true }).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(48);
    await openBarMenu(facilitator.page, 'More');
    await expect(facilitator.page.getByRole('button', { name: 'Copy facilitator link' })).toBeVisible();
  });

  test('the facilitator link opens the presenter view on another machine', async ({ browser, app, facilitator }) => {
    await facilitator.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await openBarMenu(facilitator.page, 'More');
    await facilitator.page.getByRole('button', { name: 'Copy facilitator link' }).click();
    const link = await facilitator.page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(new RegExp(`/w/${facilitator.code}/present#key=`));
    const other = await browser.newContext({ baseURL: app.url });
    const page = await other.newPage();
    await page.goto(link);
    await expect(page.getByRole('status', { name: /Connection: Live/ })).toBeVisible();
    expect(page.url()).not.toContain('key='); // wiped from the address bar, which a projector shows
    await other.close();
  });

  test('the presenter view without the key explains what is missing', async ({ browser, app, facilitator }) => {
    const other = await browser.newContext({ baseURL: app.url });
    const page = await other.newPage();
    await page.goto(`/w/${facilitator.code}/present`);
    await expect(page.getByRole('alert').filter({ hasText: 'facilitator link' })).toBeVisible();
    await other.close();
  });

  test('a participant can join with the code typed in any form', async ({ browser, app, facilitator }) => {
    const context = await browser.newContext({ baseURL: app.url });
    const page = await context.newPage();
    await joinInUi(page, facilitator.code, 'Gus');
    await expect(page.getByText('You are Gus')).toBeVisible();
    await context.close();
  });

  test('a room code typed on the home page fetches that room’s board page before the join', async ({ page, facilitator }) => {
    await page.goto('/');
    const prefetched = page.waitForRequest((request) => new URL(request.url()).pathname === `/w/${facilitator.code}`);
    await page.getByLabel('Room code').fill(facilitator.code.toLowerCase());
    await prefetched;
  });
});
