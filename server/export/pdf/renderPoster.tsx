import { Font, renderToBuffer } from '@react-pdf/renderer';
import type { ExportModel } from '../exportModel';
import { breakWord } from './breakWord';
import { fontStackFor, loadFonts, registerFonts } from './fonts';
import { PosterDocument } from './PosterDocument';
import { printable } from './scripts';
import { FontStackContext } from './theme';

/** Every string of the model as the renderer needs it (see `printable`); picture bytes untouched. */
function printableModel<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map(printableModel) as T;
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, printableModel(field)])) as T;
  }
  return value;
}

/** All the text the document prints, to choose its fonts (the picture's bytes are not text). */
const allText = (model: ExportModel) => JSON.stringify(model, (key, value: unknown) => (key === 'picture' ? null : value));

/** Renders the poster PDF in this thread (the server calls it from a worker, see PdfWorkerPool). */
export async function renderPosterPdf(input: ExportModel): Promise<Buffer> {
  registerFonts(Font, breakWord);
  const model = printableModel(input);
  const fontStack = fontStackFor(allText(model));
  await loadFonts(Font, fontStack);
  return renderToBuffer(
    <FontStackContext.Provider value={fontStack}>
      <PosterDocument model={model} />
    </FontStackContext.Provider>,
  );
}
