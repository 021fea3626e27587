import { saveScreenshot } from './artifacts';
import {
  addNote,
  controls,
  expect,
  goToStep,
  leaveLobby,
  moreActions,
  note,
  openBarMenu,
  quadrant,
  quadrantRegion,
  test,
  togglePanel,
} from './fixtures';
import { decodeQrDataUrl } from './qr';

test.describe('facilitating from the presenter view', () => {
  test('the lobby fills, and its QR code decodes to the join URL', async ({ facilitator, joinAs }) => {
    const presenter = facilitator.page;
    const qr = presenter.getByRole('img', { name: /QR code to join/ });
    await expect(qr).toBeVisible();
    const joinUrl = decodeQrDataUrl((await qr.getAttribute('src'))!);
    expect(joinUrl).toMatch(new RegExp(`/join/${facilitator.code}$`));
    await expect(presenter.getByText(joinUrl!, { exact: true })).toBeVisible();

    await joinAs('Ana');
    await joinAs('Ben');
    await joinAs('Cleo', { phone: true });
    const roster = presenter.getByRole('region', { name: 'Roster' });
    await expect(roster.getByRole('heading')).toHaveText('3 people connected');
    await saveScreenshot(presenter, 'presenter-lobby');
  });

  test('steps, timer and spotlight reach every phone', async ({ facilitator, joinAs }) => {
    const presenter = facilitator.page;
    const ana = await joinAs('Ana');
    const phone = await joinAs('Cleo', { phone: true });
    await expect(phone.getByRole('region', { name: 'Current step' })).toContainText('Lobby');

    await leaveLobby(presenter);
    await expect(phone.getByRole('region', { name: 'Current step' })).toContainText('Customer groups');
    // Beside the timer and "I'm done", a step title breaks between words, never inside one ("Custome|r").
    const splitWords = await phone
      .getByRole('region', { name: 'Current step' })
      .getByRole('heading')
      .evaluate((heading) => {
        const text = heading.firstChild!;
        const split: string[] = [];
        for (const match of text.textContent!.matchAll(/\S+/gu)) {
          const range = document.createRange();
          range.setStart(text, match.index);
          range.setEnd(text, match.index + match[0].length);
          if (new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1) split.push(match[0]);
        }
        return split;
      });
    expect(splitWords).toEqual([]);
    await saveScreenshot(phone, 'phone-step-title');
    await goToStep(presenter, 5);
    await expect(phone.getByRole('region', { name: 'Current step' })).toContainText('Hears');
    // The phone opens on the step's quadrant, its composer on top, without a tap.
    const hears = quadrantRegion(phone, 'Hears');
    await expect(hears.getByRole('textbox', { name: 'New note' })).toBeVisible();

    // One countdown for everyone, derived from the server's end time.
    await controls(presenter).getByRole('button', { name: 'Start timer' }).click();
    const phoneTimer = phone.getByRole('timer');
    const presenterTimer = presenter.getByRole('timer');
    await expect(phoneTimer).toHaveAccessibleName(/Time left: 7:5\d/);
    const [a, b] = await Promise.all([presenterTimer.getAttribute('aria-label'), phoneTimer.getAttribute('aria-label')]);
    const seconds = (label: string | null) => {
      const [m, s] = label!.split(': ')[1]!.split(':').map(Number);
      return m! * 60 + s!;
    };
    expect(Math.abs(seconds(a) - seconds(b))).toBeLessThanOrEqual(1);
    await controls(presenter).getByRole('button', { name: 'Pause timer' }).click();
    await expect(phoneTimer).toHaveAccessibleName(/Paused/);

    // A note being typed keeps its quadrant open when the facilitator moves on.
    await hears.getByRole('textbox', { name: 'New note' }).fill('Podcasts on the way to work');
    await openBarMenu(presenter, 'Board');
    await controls(presenter).getByRole('combobox', { name: 'Spotlight' }).selectOption({ label: 'Gains' });
    await presenter.keyboard.press('Escape');
    await expect(hears).toContainText('The facilitator moved on to Gains');
    await expect(hears.getByRole('textbox', { name: 'New note' })).toHaveValue('Podcasts on the way to work');
    await hears.getByRole('button', { name: 'Add note' }).click();
    // Hears is a private-writing step: the note waits on the phone until the reveal.
    await expect(phone.getByRole('region', { name: 'Your private notes' })).toContainText('Podcasts on the way to work');
    // Once added, the phone follows the facilitator to Gains.
    await expect(quadrantRegion(phone, 'Gains').getByRole('textbox', { name: 'New note' })).toBeVisible();
    await controls(presenter).getByRole('button', { name: 'Reveal notes (1)' }).click();
    await expect(await note(ana, 'Hears', 'Podcasts on the way to work')).toBeVisible();
    await expect(await note(ana, 'Gains', 'Podcasts')).toHaveCount(0);
    await expect(phone.getByRole('button', { name: /^Hears, 1 note\b/ })).toBeVisible();
    await expect(presenter.getByRole('region', { name: 'Gains', exact: true })).toBeVisible(); // zoomed to the spotlight
    await saveScreenshot(presenter, 'presenter-quadrant-step');
    await saveScreenshot(phone, 'phone-spotlight');

    await phone.getByRole('button', { name: "I'm done" }).click();
    await expect(presenter.getByRole('region', { name: 'Current step' }).getByText('Done').locator('..')).toContainText('1');
  });

  test('a clicker steps through the agenda with the controls hidden, and Escape shows them again', async ({ facilitator }) => {
    const presenter = facilitator.page;
    const projectedStep = presenter.getByRole('region', { name: 'Current step' });
    const refusal = presenter.getByRole('alert').filter({ hasText: 'This is the first step.' });
    await controls(presenter).getByRole('button', { name: 'Previous step' }).click();
    await expect(refusal).toBeVisible();
    await openBarMenu(presenter, 'More');
    await presenter.getByRole('button', { name: 'Hide controls' }).click();
    await expect(controls(presenter)).toHaveCount(0);
    // The bar's last message went with it.
    await expect(refusal).toHaveCount(0);
    // The clicker used to stop with the bar, exactly when the facilitator had cleaned the screen.
    await presenter.keyboard.press('PageDown');
    await expect(projectedStep).toContainText('Customer groups');
    // The key steps the agenda and nothing else (a page that scrolls is not scrolled by it too).
    const isDefaultPrevented = await presenter.evaluate(() => {
      const event = new KeyboardEvent('keydown', { key: 'ArrowRight', shiftKey: true, bubbles: true, cancelable: true });
      document.body.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(isDefaultPrevented).toBe(true);
    await expect(projectedStep).toContainText('Persona profile');
    await presenter.keyboard.press('PageUp');
    await expect(projectedStep).toContainText('Customer groups');
    await presenter.keyboard.press('Shift+ArrowLeft');
    await expect(projectedStep).toHaveCount(0);
    await expect(presenter.getByRole('img', { name: /QR code to join/ })).toBeVisible();
    // A refused step says why on the clean screen too, and the next step that goes through clears it.
    await presenter.keyboard.press('PageUp');
    await expect(refusal).toBeVisible();
    await presenter.keyboard.press('PageDown');
    await expect(projectedStep).toContainText('Customer groups');
    await expect(refusal).toHaveCount(0);
    // "Show controls" has the focus, and Escape brings the bar back from anywhere.
    await expect(presenter.getByRole('button', { name: 'Show controls' })).toBeFocused();
    await presenter.locator('body').click({ position: { x: 5, y: 5 } });
    await presenter.keyboard.press('Escape');
    await expect(controls(presenter)).toBeVisible();
    await expect(presenter.getByRole('button', { name: 'Show controls' })).toHaveCount(0);
    // The focus goes into the bar that came back, on the clicker's own action.
    await expect(controls(presenter).getByRole('button', { name: 'Next step' })).toBeFocused();

    // Keys typed into a text field stay in the field.
    await togglePanel(presenter, 'Agenda');
    const title = presenter.getByRole('textbox', { name: 'Title of step 3' });
    await title.click();
    await presenter.keyboard.press('PageDown');
    await presenter.keyboard.press('Shift+ArrowRight');
    await presenter.keyboard.press('Escape');
    await expect(title).toBeFocused();
    // Out of the field the clicker moves one step: the keys above did not.
    await title.blur();
    await presenter.keyboard.press('PageDown');
    await expect(projectedStep).toContainText('Persona profile');
    await expect(title).toHaveValue('Persona profile');
  });

  test('a locked board refuses edits until it is unlocked', async ({ facilitator, joinAs }) => {
    const presenter = facilitator.page;
    await leaveLobby(presenter);
    const ana = await joinAs('Ana');
    await addNote(ana, 'Sees', 'Before the lock');
    await openBarMenu(presenter, 'Board');
    await controls(presenter).getByRole('button', { name: 'Lock board' }).click();
    await presenter.keyboard.press('Escape');
    await expect(ana.getByText('The facilitator has locked the board')).toBeVisible();
    await expect((await quadrant(ana, 'Pains')).getByLabel('New note')).toBeDisabled();
    await expect(moreActions(await note(ana, 'Sees', 'Before the lock'))).toHaveCount(0);
    await expect(ana.getByRole('button', { name: 'Undo' })).toBeDisabled();
    await openBarMenu(presenter, 'Board');
    await controls(presenter).getByRole('button', { name: 'Lock board' }).click();
    await presenter.keyboard.press('Escape');
    await expect((await quadrant(ana, 'Pains')).getByLabel('New note')).toBeEnabled();
    await addNote(ana, 'Pains', 'After the lock');
    await expect(await note(presenter, 'Pains', 'After the lock')).toBeVisible();
  });

  test('the facilitator removes a participant, whose screen goes back to the join form', async ({ facilitator, joinAs }) => {
    const presenter = facilitator.page;
    const ben = await joinAs('Ben');
    presenter.once('dialog', (dialog) => void dialog.accept());
    await presenter.getByRole('button', { name: 'Remove Ben' }).click();
    await expect(ben.getByText('You are no longer in this workshop')).toBeVisible();
    await expect(presenter.getByRole('region', { name: 'Roster' })).not.toContainText('Ben');
  });

  test('a new room code keeps everyone in and moves every screen to it', async ({ facilitator, joinAs }) => {
    const presenter = facilitator.page;
    const ana = await joinAs('Ana', { phone: true });
    presenter.once('dialog', (dialog) => void dialog.accept());
    await openBarMenu(presenter, 'More');
    await controls(presenter).getByRole('button', { name: 'New room code' }).click();
    await presenter.waitForURL((url) => !url.pathname.includes(facilitator.code));
    const newCode = /\/w\/([0-9A-Z]{8})\//.exec(presenter.url())![1]!;
    await expect(presenter.getByText(`${newCode.slice(0, 4)}-${newCode.slice(4)}`, { exact: true })).toBeVisible();
    await ana.waitForURL(new RegExp(`/w/${newCode}$`));
    await expect(ana.getByRole('status', { name: /Connection: Live/ })).toBeVisible();
    await expect(presenter.getByRole('region', { name: 'Roster' })).toContainText('Ana');
  });
});
