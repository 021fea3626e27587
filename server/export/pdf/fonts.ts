import { createRequire } from 'node:module';
import type { Font as FontStore } from '@react-pdf/renderer';

const require = createRequire(import.meta.url);

const expo = (pkg: string, file: string, weight: '400Regular' | '700Bold') => `@expo-google-fonts/${pkg}/${weight}/${file}_${weight}.ttf`;

interface FontFamily {
  /** Text that needs this family; null: always in the stack. */
  script: RegExp | null;
  regular: string;
  bold?: string;
}

/**
 * Noto TTFs shipped inside npm packages (OFL-1.1), so nothing is fetched at run time.
 * TrueType rather than OTF/CFF because pdfkit subsets TrueType outlines reliably. In stack
 * order: a character missing from one family is drawn by the next that has it. Noto Sans
 * covers Latin, Greek and Cyrillic; SC the CJK ideographs and kana; KR Hangul; Noto Emoji
 * (monochrome outlines) draws emoji as vector glyphs.
 */
const FAMILIES = {
  NotoSans: { script: null, regular: expo('noto-sans', 'NotoSans', '400Regular'), bold: expo('noto-sans', 'NotoSans', '700Bold') },
  NotoSansSC: {
    script: /[\u2E80-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]|[\u{20000}-\u{3FFFF}]/u,
    regular: expo('noto-sans-sc', 'NotoSansSC', '400Regular'),
    bold: expo('noto-sans-sc', 'NotoSansSC', '700Bold'),
  },
  NotoSansKR: {
    script: /[\u1100-\u11FF\u3130-\u318F\uA960-\uA97F\uAC00-\uD7FF]/u,
    regular: expo('noto-sans-kr', 'NotoSansKR', '400Regular'),
    bold: expo('noto-sans-kr', 'NotoSansKR', '700Bold'),
  },
  NotoSansArabic: {
    script: /[\u0600-\u06FF\u0750-\u077F\u0870-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u,
    regular: expo('noto-sans-arabic', 'NotoSansArabic', '400Regular'),
    bold: expo('noto-sans-arabic', 'NotoSansArabic', '700Bold'),
  },
  NotoSansHebrew: {
    script: /[\u0590-\u05FF\uFB1D-\uFB4F]/u,
    regular: expo('noto-sans-hebrew', 'NotoSansHebrew', '400Regular'),
    bold: expo('noto-sans-hebrew', 'NotoSansHebrew', '700Bold'),
  },
  NotoSansThai: {
    script: /[\u0E00-\u0E7F]/u,
    regular: expo('noto-sans-thai', 'NotoSansThai', '400Regular'),
    bold: expo('noto-sans-thai', 'NotoSansThai', '700Bold'),
  },
  NotoEmoji: {
    script: /[\u2600-\u27BF\u2B00-\u2BFF\u{1F000}-\u{1FAFF}]/u,
    regular: '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf',
  },
} as const satisfies Record<string, FontFamily>;

export type FontFamilyName = keyof typeof FAMILIES;
const FAMILY_NAMES = Object.keys(FAMILIES) as FontFamilyName[];

/**
 * The families a document needs, in stack order: Noto Sans always, each other one only when
 * some text is in its script. CJK and Hangul faces are 6–10 MB each; a worker reads and
 * parses a face only when a board first uses it, so a Latin board never pays for them.
 */
export function fontStackFor(text: string): FontFamilyName[] {
  return FAMILY_NAMES.filter((name) => {
    const { script } = FAMILIES[name] as FontFamily;
    return script === null || script.test(text);
  });
}

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

type FontSources = Record<string, { sources: { load(): Promise<void>; data: unknown }[] }>;

/**
 * Loads the faces of `families` now (not mid-render) and applies `cheapenFontComparison`.
 * A face already loaded is not read again (react-pdf keeps its promise), so a warm worker pays nothing.
 */
export async function loadFonts(store: typeof FontStore, families: readonly string[]): Promise<void> {
  const registered = store.getRegisteredFonts() as FontSources;
  // "Helvetica" is the fallback react-pdf appends to every stack (see registerFonts).
  for (const family of ['Helvetica', ...families]) {
    for (const source of registered[family]?.sources ?? []) {
      await source.load();
      cheapenFontComparison(source.data as FontkitFont);
    }
  }
}

let isRegistered = false;

/** Registers every family with react-pdf's (process-wide) font store, once; registering reads no file. */
export function registerFonts(store: typeof FontStore, breakWord: (word: string) => string[]): void {
  if (isRegistered) return;
  isRegistered = true;
  // react-pdf appends "Helvetica" to every font stack and draws a character that no font has
  // with it: in WinAnsi that prints garbage ("\m" for a Hangul syllable). Without the standard
  // fonts, "Helvetica" is Noto Sans, which draws an empty box and keeps the text extractable.
  store.clear();
  for (const family of ['Helvetica', ...FAMILY_NAMES]) {
    const name = family === 'Helvetica' ? 'NotoSans' : (family as FontFamilyName);
    const files = FAMILIES[name] as FontFamily;
    // A family without a bold face (Noto Emoji) draws its regular outlines for bold text too.
    const fonts = [{ src: require.resolve(files.regular), fontWeight: 400 }];
    if (files.bold) fonts.push({ src: require.resolve(files.bold), fontWeight: 700 });
    store.register({ family, fonts });
  }
  store.registerHyphenationCallback(breakWord);
}
