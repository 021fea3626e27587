import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeRefusal, REFUSAL_REASON_NAMES, REFUSAL_REASONS, type Refusal } from '../../lib/boardNotices';
import { NOTHING_TO_REDO, NOTHING_TO_UNDO } from '../../lib/history';
import { LOCALES, type Locale } from '../../lib/i18n/locales';
import { RESCUED_NOTICE } from '../../lib/privateRescue';
import { parseRefusal, REFUSALS, refusalText, type RefusalKey } from '../../lib/refusals';
import { BOARD_ROOTS } from '../../lib/roots';
import { localizeRefusal } from '../../components/ui/useRefusalText';
import { CATALOGS, serverTranslator } from '../../server/i18n/catalogs';

const translators = (locale: Locale) => ({ notices: serverTranslator(locale, 'notices'), refusals: serverTranslator(locale, 'refusals') });
const refusal = (reason: Refusal['reason'], root: string | null): Refusal => ({ reason, root, record: null, field: null });

/** Every sentence the board's refusals and the undo history can show a person. */
function sentences(): string[] {
  const out = [RESCUED_NOTICE, NOTHING_TO_UNDO, NOTHING_TO_REDO];
  for (const reason of REFUSAL_REASON_NAMES) {
    out.push(REFUSAL_REASONS[reason].words);
    for (const root of [...Object.values(BOARD_ROOTS), null]) {
      out.push(describeRefusal(refusal(reason, root), 1), describeRefusal(refusal(reason, root), 3));
    }
  }
  return [...new Set(out)];
}

describe('refusals in the reader’s language (components/ui/useRefusalText)', () => {
  it('English reads word for word as lib/ writes it', () => {
    const t = translators('en');
    for (const text of sentences()) expect(localizeRefusal(text, t)).toBe(text);
  });

  it.each(LOCALES.filter((locale) => locale !== 'en'))('%s: no sentence is left in English', (locale) => {
    const t = translators(locale);
    for (const text of sentences()) {
      const localized = localizeRefusal(text, t);
      expect(localized, text).not.toBe(text);
      expect(localized).not.toMatch(/not saved|Your change|The board|were sent/);
    }
  });

  it('a count is formatted in the language, and unknown sentences pass through', () => {
    expect(localizeRefusal(describeRefusal(refusal('record-cap', 'notes'), 3), translators('de'))).toBe(
      '3 deiner Änderungen wurden nicht gespeichert. Auf dem Board ist kein Platz für weitere davon.',
    );
    expect(localizeRefusal('Something else.', translators('fr'))).toBe('Something else.');
  });
});

describe('lib/ refusals (lib/refusals.ts) and the catalogs’ `refusals`', () => {
  const sample = (key: RefusalKey, count = 3) =>
    refusalText(key, { max: 120, label: 'Lieblingsmarke', locales: 'en, de', count, full: count + 1, gone: count + 2 });
  const pluralKeys = (Object.keys(REFUSALS) as RefusalKey[]).filter((key) => REFUSALS[key].includes(', plural,'));

  it('the English catalog is lib’s templates word for word', () => {
    expect(CATALOGS.en.refusals).toEqual(REFUSALS);
  });

  it('every sentence reads back as its key and values, and English renders it unchanged', () => {
    const t = translators('en');
    for (const key of Object.keys(REFUSALS) as RefusalKey[]) {
      const text = sample(key);
      expect(parseRefusal(text)?.key, text).toBe(key);
      expect(localizeRefusal(text, t)).toBe(text);
    }
  });

  it('plurals: each English form reads back with its number, and the English catalog words it the same', () => {
    const t = translators('en');
    expect(pluralKeys.length).toBeGreaterThan(0);
    for (const key of pluralKeys) {
      for (const count of [0, 1, 2, 1000]) {
        const text = sample(key, count);
        expect(text, key).not.toContain('#');
        expect(parseRefusal(text), text).toMatchObject({ key, values: { count } });
        // The same words; a count shows with the locale's grouping, as every count on screen does.
        expect(localizeRefusal(text, t), key).toBe(text.replace(/\d{4,}/g, (n) => Number(n).toLocaleString('en')));
      }
    }
    expect(refusalText('dotsSpent', { count: 1 })).toBe('You have used your 1 dot.');
    expect(refusalText('draftsPerParticipant', { count: 2 })).toBe(
      'You have 2 private notes waiting, the most one person may hold before the reveal.',
    );
  });

  it.each(LOCALES.filter((locale) => locale !== 'en'))('%s: every lib refusal is translated, with its values', (locale) => {
    const t = translators(locale);
    for (const key of Object.keys(REFUSALS) as RefusalKey[]) {
      const localized = localizeRefusal(sample(key), t);
      expect(localized, key).not.toBe(sample(key));
      if (REFUSALS[key].includes('{max}')) expect(localized, key).toContain('120');
      if (REFUSALS[key].includes('{label}')) expect(localized, key).toContain('Lieblingsmarke');
      if (REFUSALS[key].includes('{count, plural')) expect(localized, key).toMatch(/3|٣/);
    }
  });

  it('lib/ refuses with no English sentence outside the table', () => {
    const files = execSync("git ls-files 'lib/*.ts' 'components/sync/*.ts' 'server/control/*.ts'", { encoding: 'utf8' }).trim().split('\n');
    const loose: string[] = [];
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\b(?:fail|refuse)(?:<[^>]*>)?\(\s*(['"`])([A-Z][^'"`]*)\1/g)) loose.push(`${file}: ${match[2]}`);
      // Sentences handed to people: a reply's error or notice, a rejected request's error.
      for (const match of source.matchAll(/\b(?:error|notice|message): (['"`])([A-Z][^'"`]*)\1/g)) loose.push(`${file}: ${match[2]}`);
      for (const match of source.matchAll(/\.(?:min|max)\([^,()]+,\s*(['"`])([A-Z][^'"`]*)\1/g)) loose.push(`${file}: ${match[2]}`);
    }
    expect(loose).toEqual([]);
  });
});
