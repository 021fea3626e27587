import { createRequire } from 'node:module';
import type { Font as FontStore } from '@react-pdf/renderer';

const require = createRequire(import.meta.url);

/**
 * Noto TTFs shipped inside npm packages (OFL-1.1), so nothing is fetched at run time.
 * Noto Sans covers Latin, Greek and Cyrillic; Noto Sans SC the CJK ideographs and kana;
 * Noto Emoji (monochrome outlines) draws emoji as vector glyphs. TrueType rather than OTF/CFF
 * because pdfkit subsets TrueType outlines reliably.
 */
const FONT_FILES = {
  sans400: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  sans700: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  cjk400: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  cjk700: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
  emoji: '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf',
} as const;

/** The font stack every text uses: a glyph missing from one family is taken from the next. */
export const FONT_STACK = ['NotoSans', 'NotoSansSC', 'NotoEmoji'];

export function fontPath(key: keyof typeof FONT_FILES): string {
  return require.resolve(FONT_FILES[key]);
}

let isRegistered = false;

/** The parts of a fontkit font that pdfkit's font comparison reads. */
interface FontkitFont {
  postscriptName?: string;
  name?: { records?: unknown };
}

/**
 * pdfkit compares fonts by `JSON.stringify` of their whole name table on every text run
 * (`isEqualFont`), a tenth of the render time with Noto's large name tables. The records
 * stringify to the PostScript name instead, which identifies the font as well.
 */
function cheapenFontComparison(font: FontkitFont | null | undefined): void {
  const records = font?.name?.records;
  if (!records || typeof records !== 'object' || Object.hasOwn(records, 'toJSON')) return;
  const id = `${font.postscriptName ?? ''}`;
  Object.defineProperty(records, 'toJSON', { value: () => id });
}

/** Loads every registered face now (not mid-render) and applies `cheapenFontComparison`. */
export async function loadFonts(store: typeof FontStore): Promise<void> {
  const families = store.getRegisteredFonts() as Record<string, { sources: { load(): Promise<void>; data: unknown }[] }>;
  for (const family of Object.values(families)) {
    for (const source of family.sources) {
      await source.load();
      cheapenFontComparison(source.data as FontkitFont);
    }
  }
}

/** Registers the fonts with react-pdf's (process-wide) font store, once. */
export function registerFonts(store: typeof FontStore, breakWord: (word: string) => string[]): void {
  if (isRegistered) return;
  isRegistered = true;
  const sans = [
    { src: fontPath('sans400'), fontWeight: 400 },
    { src: fontPath('sans700'), fontWeight: 700 },
  ];
  // react-pdf appends "Helvetica" to every font stack and draws a character that no font has
  // with it: in WinAnsi that prints garbage ("\m" for a Hangul syllable). Without the standard
  // fonts, "Helvetica" is Noto Sans, which draws an empty box and keeps the text extractable.
  store.clear();
  store.register({ family: 'Helvetica', fonts: sans });
  store.register({ family: 'NotoSans', fonts: sans });
  store.register({
    family: 'NotoSansSC',
    fonts: [
      { src: fontPath('cjk400'), fontWeight: 400 },
      { src: fontPath('cjk700'), fontWeight: 700 },
    ],
  });
  store.register({ family: 'NotoEmoji', src: fontPath('emoji'), fontWeight: 400 });
  store.registerHyphenationCallback(breakWord);
}
