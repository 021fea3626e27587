import { Font, renderToBuffer } from '@react-pdf/renderer';
import type { ExportModel } from '../exportModel';
import { CATALOGS } from '../../i18n/catalogs';
import { breakWord } from './breakWord';
import { fontStackFor, loadFonts, registerFonts } from './fonts';
import { PosterDocument } from './PosterDocument';
import { printable } from './scripts';
import { posterText, PosterTextContext } from './posterText';
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

/**
 * All the text the document prints, to choose its fonts (the picture's bytes are not text):
 * what people typed, and the poster's own words in the workshop's language (an Arabic or
 * Japanese poster of a board typed in English still needs those fonts).
 */
const allText = (model: ExportModel) =>
  JSON.stringify(model, (key, value: unknown) => (key === 'picture' ? null : value)) + JSON.stringify(CATALOGS[model.locale].export);

/** Renders the poster PDF in this thread (the server calls it from a worker, see PdfWorkerPool). */
export async function renderPosterPdf(input: ExportModel): Promise<Buffer> {
  registerFonts(Font, breakWord);
  const model = printableModel(input);
  const fontStack = fontStackFor(allText(model));
  await loadFonts(Font, fontStack);
  return renderToBuffer(
    <FontStackContext.Provider value={fontStack}>
      <PosterTextContext.Provider value={posterText(input.locale)}>
        <PosterDocument model={model} />
      </PosterTextContext.Provider>
    </FontStackContext.Provider>,
  );
}
