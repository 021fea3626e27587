/** Scripts written without spaces, where a line may break between any two characters. */
const CJK = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]/u;
/** Closing punctuation that must not start a line (kinsoku): it sticks to the character before. */
const NO_BREAK_BEFORE = /^[、。，．！？：；）」』】〕〉》〙〗・ー)\]}!?,.:;]$/u;
const SHORT_WORD_CHARS = 14;
const CHUNK_GRAPHEMES = 10;

/** Thai is written without spaces between words; ICU's dictionary finds the word breaks. */
const THAI = /[\u0E00-\u0E7F]/u;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const thaiWords = new Intl.Segmenter('th', { granularity: 'word' });
const split = (text: string) => Array.from(graphemes.segment(text), (part) => part.segment);

/** Parts with an empty part between each two: a break there draws no hyphen (see below). */
const breakableBetween = (parts: string[]) => parts.flatMap((part, i) => (i === 0 ? [part] : ['', part]));

/**
 * Where react-pdf may break a "word" (a run between spaces). textkit draws a hyphen at every
 * break between two parts, but treats an empty part as a zero-width space: CJK text gets an
 * empty part between characters, so it wraps without stray hyphens. Short words stay whole;
 * long ones use the English syllables, and anything still too long (a URL, "aaaaaa…") is cut
 * into chunks so it can never run out of its box. A Thai run breaks between its words.
 */
export function breakWord(word: string, syllables: (word: string) => string[] = (w) => [w]): string[] {
  if (THAI.test(word) && word.length > 1) {
    return breakableBetween(Array.from(thaiWords.segment(word), (part) => part.segment));
  }
  if (CJK.test(word)) {
    const parts: string[] = [];
    for (const char of split(word)) {
      if (parts.length > 0 && NO_BREAK_BEFORE.test(char)) parts[parts.length - 2] += char;
      else parts.push(char, '');
    }
    parts.pop();
    return parts;
  }
  if (word.length <= SHORT_WORD_CHARS) return [word];
  return syllables(word).flatMap((piece) => {
    if (piece.length <= SHORT_WORD_CHARS) return [piece];
    const chars = split(piece);
    const chunks: string[] = [];
    for (let i = 0; i < chars.length; i += CHUNK_GRAPHEMES) chunks.push(chars.slice(i, i + CHUNK_GRAPHEMES).join(''));
    return chunks;
  });
}
