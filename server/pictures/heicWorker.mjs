// Worker thread that decodes one HEIC photo with libheif-js (libheif + libde265 compiled to
// WebAssembly; the .wasm is inside the npm package, nothing is fetched). Plain JavaScript, no
// TypeScript loader: a worker is started per photo, so its start-up is kept to loading the codec.
// The message shapes are `HeicJob` and `HeicWorkerReply` in decodeHeic.ts.
import { parentPort, workerData } from 'node:worker_threads';

/** libheif-js reports every failure with console.log; keep the last line for the server's log instead. */
let lastCodecMessage = '';
console.log = (...parts) => {
  lastCodecMessage = parts
    .map((part) => (typeof part === 'string' ? part : (part?.message ?? '')))
    .join(' ')
    .trim()
    .slice(0, 300);
};

const port = parentPort;
const reply = (message, transfer = []) => port?.postMessage(message, transfer);
const unreadable = (why) => reply({ type: 'unreadable', detail: lastCodecMessage || why });

async function decode({ input, maxPixels }) {
  let libheif;
  try {
    ({ default: libheif } = await import('libheif-js/wasm-bundle.js'));
  } catch (error) {
    // Our fault (an install without the codec), not the photo's.
    return reply({ type: 'codecUnavailable', detail: error?.message ?? String(error) });
  }
  const images = new libheif.HeifDecoder().decode(input);
  // A HEIF file may hold several top-level images (bursts, collections): the primary one is the photo.
  const image = images.find((candidate) => candidate.is_primary()) ?? images[0];
  if (!image) return unreadable('no image in the file');
  // The size after irot/imir (a portrait photo reports its upright size): checked before any pixel is decoded.
  const width = image.get_width();
  const height = image.get_height();
  if (!(width > 0 && height > 0)) return unreadable('no image size');
  if (width * height > maxPixels) return reply({ type: 'tooLarge', width, height });
  const hasAlpha = image.has_alpha_channel();
  // `display` decodes, applies the irot/imir transforms (libheif's default) and converts to 8-bit RGBA.
  const pixels = new Uint8ClampedArray(width * height * 4);
  image.display({ data: pixels, width, height }, (result) => {
    if (!result) return unreadable('decoding failed');
    reply({ type: 'decoded', width, height, hasAlpha, pixels }, [pixels.buffer]);
  });
}

// An exception inside the codec's own callbacks (a wasm trap, an out-of-range copy) would reach the
// parent as a bare 'error'; reply instead, with the codec's last message for the log.
process.on('uncaughtException', (error) => unreadable(error?.message ?? String(error)));
process.on('unhandledRejection', (error) => unreadable(error?.message ?? String(error)));

decode(workerData).catch((error) => unreadable(error?.message ?? String(error)));
