import { Font, renderToBuffer } from '@react-pdf/renderer';
import type { ExportModel } from '../exportModel';
import { breakWord } from './breakWord';
import { loadFonts, registerFonts } from './fonts';
import { PosterDocument } from './PosterDocument';

let fontsLoaded: Promise<void> | null = null;

/**
 * Every string in NFC: small text is set without OpenType mark positioning (see theme.ts), so
 * "e" + combining diaeresis must arrive as the single glyph "ë".
 */
function composed(model: ExportModel): ExportModel {
  const nfc = (text: string) => text.normalize('NFC');
  return {
    ...model,
    title: nfc(model.title),
    participants: model.participants.map(nfc),
    personas: model.personas.map((persona) => ({
      ...persona,
      name: nfc(persona.name),
      quadrants: persona.quadrants.map((quadrant) => ({
        ...quadrant,
        notes: quadrant.notes.map((note) => ({ ...note, text: nfc(note.text), authorName: nfc(note.authorName) })),
      })),
    })),
  };
}

/** Renders the poster PDF in this thread (the server calls it from a worker, see PdfWorkerPool). */
export async function renderPosterPdf(model: ExportModel): Promise<Buffer> {
  registerFonts(Font, breakWord);
  fontsLoaded ??= loadFonts(Font);
  await fontsLoaded;
  return renderToBuffer(<PosterDocument model={composed(model)} />);
}
