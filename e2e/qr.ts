import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Decodes the QR code in a `data:image/png;base64,…` URL. */
export function decodeQrDataUrl(dataUrl: string): string | null {
  const png = PNG.sync.read(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

/** Decodes the QR code in a PNG screenshot (what a phone camera would see on the projector). */
export function decodeQrScreenshot(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}
