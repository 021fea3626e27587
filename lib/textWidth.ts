/**
 * How wide text draws, in em, without a browser: the advance widths of DejaVu Sans (the face
 * Chromium falls back to on Debian, and a wide one: most venue laptops' faces draw narrower, so
 * an estimate from it errs towards text fitting). Used by the projector's fit to wrap notes.
 */

/** Printable ASCII (32–126), hundredths of an em. */
const ASCII_HUNDREDTHS = [
  32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 53, 100, 68,
  69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86, 75, 79, 60, 79, 69, 63, 61, 73, 68, 99, 69, 61, 69, 39, 34, 39, 84, 50, 50, 61, 63, 55,
  63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
];

/** The width of a space, where lines wrap. */
export const SPACE_EM = 0.32;

/** CJK ideographs, kana, Hangul, full-width forms and emoji take a full em each. */
function isFullWidth(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

/** One character's advance, in em. Other scripts (accented Latin, Greek, Cyrillic, Arabic…) count as 0.65. */
export function charEm(code: number): number {
  if (code >= 32 && code <= 126) return ASCII_HUNDREDTHS[code - 32]! / 100;
  if (isFullWidth(code)) return 1.05;
  // Combining marks and joiners draw no width of their own.
  if ((code >= 0x300 && code <= 0x36f) || code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f)) return 0;
  return 0.65;
}

/** The width of a text (no line breaks), in em. */
export function textEm(text: string): number {
  let width = 0;
  for (const char of text) width += charEm(char.codePointAt(0)!);
  return width;
}
