import type { Locator, Page } from '@playwright/test';
import sharp from 'sharp';
import { saveScreenshot } from './artifacts';
import { expect, leaveLobby, test } from './fixtures';

const profile = (page: Page) => page.getByRole('region', { name: /^Profile of / });

/** The colour at the centre of a shown picture, read back through a canvas. */
function centreColour(image: Locator): Promise<number[]> {
  return image.evaluate(async (img: HTMLImageElement) => {
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.drawImage(img, 0, 0);
    return Array.from(context.getImageData(canvas.width / 2, canvas.height / 2, 1, 1).data.slice(0, 3));
  });
}

test('a persona picture uploaded from disk shows on another participant’s phone; an oversized or non-image file is refused', async ({
  facilitator,
  joinAs,
}) => {
  await leaveLobby(facilitator.page);
  const ana = await joinAs('Ana');
  const ben = await joinAs('Ben', { phone: true });
  await ana.getByRole('button', { name: 'Profile', exact: true }).click();
  const upload = ana.getByLabel('Upload picture for Persona 1');
  const crimson = await sharp({ create: { width: 120, height: 90, channels: 3, background: { r: 220, g: 20, b: 60 } } })
    .png()
    .toBuffer();
  await upload.setInputFiles({ name: 'jill.png', mimeType: 'image/png', buffer: crimson });

  // Ben's phone fetches the re-encoded picture with his own token and shows it in the persona tab.
  const benPicture = ben.getByRole('tab', { name: /^Persona 1/ }).locator('img');
  await expect(benPicture).toHaveAttribute('src', /^blob:/);
  const [red, green, blue] = await centreColour(benPicture);
  expect(red).toBeGreaterThan(170);
  expect(green).toBeLessThan(70);
  expect(blue).toBeLessThan(110);
  await expect(profile(ana).locator('img')).toHaveAttribute('src', /^blob:/);
  await ben.getByRole('button', { name: 'Profile', exact: true }).click();
  await expect(profile(ben).locator('img')).toHaveAttribute('src', /^blob:/);
  await saveScreenshot(ben, 'picture-phone-profile');

  // Over 5 MB: refused before it is sent. A text file: refused by the server, which sniffs the bytes.
  await upload.setInputFiles({ name: 'huge.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 0xff) });
  await expect(profile(ana).getByRole('alert')).toHaveText('The picture is larger than 5 MB. Choose a smaller one.');
  await upload.setInputFiles({ name: 'persona.png', mimeType: 'image/png', buffer: Buffer.from('this is not a picture at all') });
  await expect(profile(ana).getByRole('alert')).toHaveText('That file is not a picture we can read. Use a JPEG, PNG, WebP or GIF image.');
  await saveScreenshot(ana, 'picture-refused');
  // The refused files changed nothing: Ben still sees the picture.
  await expect(ben.getByRole('tab', { name: /^Persona 1/ }).locator('img')).toHaveAttribute('src', /^blob:/);
});
