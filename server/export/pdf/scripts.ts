import { FULL_SHAPING } from './theme';

/**
 * Scripts the page's plain text setting (no OpenType shaping, see theme.ts) cannot draw:
 * Arabic needs its joining forms, Thai its stacked vowel and tone marks. Text in them is set
 * with the font's shaping, but Arabic without `ccmp`: Noto Sans Arabic's `ccmp` splits letters
 * into a dotless base and dot marks, which react-pdf measures wrong (a line ran past its box and
 * lost its first letter) and which `pdftotext` extracts as other letters (نفس came out نقس); the
 * precomposed letters join as well. Thai keeps `ccmp`, which places tone marks above vowels;
 * its one troublesome decomposition, SARA AM, is done beforehand (`printable`).
 */
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u0870-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;
const THAI = /[\u0E00-\u0E7F]/u;
const ARABIC_SHAPING = { ccmp: false };
const RIGHT_TO_LEFT = /[\p{Script=Hebrew}\p{Script=Arabic}]/u;
const LETTER = /\p{L}/u;

/** The style that turns shaping on for text that needs it, else nothing. */
export function shapingFor(...texts: string[]) {
  // Letter spacing (the headings') pulls joined Arabic letters apart into isolated forms: none for Arabic.
  if (texts.some((text) => ARABIC.test(text))) return { fontFeatureSettings: ARABIC_SHAPING, letterSpacing: 0 };
  return texts.some((text) => THAI.test(text)) ? { fontFeatureSettings: FULL_SHAPING } : {};
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
 * Emoji skin-tone modifiers and the emoji presentation selector: the monochrome Noto Emoji has
 * no glyphs for them, so they would print as empty boxes after the emoji they belong to.
 */
const EMOJI_MODIFIERS = /[\u{1F3FB}-\u{1F3FF}\uFE0F]/gu;

/**
 * Text as the renderer needs it: NFC, so accents are one precomposed glyph (the plain setting
 * has no mark positioning); Thai SARA AM split into NIKHAHIT + SARA AA, its compatibility
 * decomposition: left to the font's `ccmp`, react-pdf's glyph bookkeeping loses the last glyph
 * of the run ("กำลัง" printed "กำลั"). It looks the same; `pdftotext` then extracts the two.
 * Emoji modifiers the font cannot draw are dropped.
 */
export function printable(text: string): string {
  let printed = text.normalize('NFC');
  if (printed.includes('\u0E33')) printed = printed.replace(/\u0E33/g, '\u0E4D\u0E32');
  return printed.replace(EMOJI_MODIFIERS, '');
}
