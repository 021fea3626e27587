import { FULL_SHAPING } from './theme';

/**
 * Scripts the page's plain text setting (no OpenType shaping, see theme.ts) cannot draw:
 * Arabic needs its joining forms and mark-positioned dots, Thai its stacked vowel and tone
 * marks. Text in them is set with the font's full shaping.
 */
const NEEDS_SHAPING = /[\u0600-\u06FF\u0750-\u077F\u0870-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF\u0E00-\u0E7F]/u;
const RIGHT_TO_LEFT = /[\p{Script=Hebrew}\p{Script=Arabic}]/u;
const LETTER = /\p{L}/u;

/** The style that turns full shaping on for text that needs it, else nothing. */
export function shapingFor(...texts: string[]) {
  return texts.some((text) => NEEDS_SHAPING.test(text)) ? { fontFeatureSettings: FULL_SHAPING } : {};
}

/**
 * A paragraph's direction from its first letter (the Unicode bidi rule), so a Hebrew or Arabic
 * note is right-aligned with its words in reading order; mixed text is reordered by react-pdf.
 */
export function directionOf(text: string): 'rtl' | 'ltr' {
  for (const char of text) {
    if (LETTER.test(char)) return RIGHT_TO_LEFT.test(char) ? 'rtl' : 'ltr';
  }
  return 'ltr';
}

/** Direction and shaping for one piece of user text; nothing for the common case (left to right, plain). */
export function textStyle(text: string, ...alsoInRun: string[]) {
  return directionOf(text) === 'rtl' ? { direction: 'rtl' as const, ...shapingFor(text, ...alsoInRun) } : shapingFor(text, ...alsoInRun);
}

/**
 * Text as the renderer needs it: NFC, so accents are one precomposed glyph (the plain setting
 * has no mark positioning), and Thai SARA AM split into NIKHAHIT + SARA AA, its compatibility
 * decomposition: left to the font's `ccmp`, react-pdf's glyph bookkeeping loses the last glyph
 * of the run ("กำลัง" printed "กำลั"). It looks the same; `pdftotext` then extracts the two.
 */
export function printable(text: string): string {
  const nfc = text.normalize('NFC');
  return nfc.includes('\u0E33') ? nfc.replace(/\u0E33/g, '\u0E4D\u0E32') : nfc;
}
