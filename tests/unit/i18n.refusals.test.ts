import { describe, expect, it } from 'vitest';
import { describeRefusal, REFUSAL_REASON_NAMES, REFUSAL_REASONS, type Refusal } from '../../lib/boardNotices';
import { NOTHING_TO_REDO, NOTHING_TO_UNDO } from '../../lib/history';
import { LOCALES } from '../../lib/i18n/locales';
import { RESCUED_NOTICE } from '../../lib/privateRescue';
import { BOARD_ROOTS } from '../../lib/roots';
import { localizeRefusal } from '../../components/ui/useRefusalText';
import { serverTranslator } from '../../server/i18n/catalogs';

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
    const t = serverTranslator('en', 'notices');
    for (const text of sentences()) expect(localizeRefusal(text, t)).toBe(text);
  });

  it.each(LOCALES.filter((locale) => locale !== 'en'))('%s: no sentence is left in English', (locale) => {
    const t = serverTranslator(locale, 'notices');
    for (const text of sentences()) {
      const localized = localizeRefusal(text, t);
      expect(localized, text).not.toBe(text);
      expect(localized).not.toMatch(/not saved|Your change|The board|were sent/);
    }
  });

  it('a count is formatted in the language, and unknown sentences pass through', () => {
    expect(localizeRefusal(describeRefusal(refusal('record-cap', 'notes'), 3), serverTranslator('de', 'notices'))).toBe(
      '3 deiner Änderungen wurden nicht gespeichert. Auf dem Board ist kein Platz für weitere davon.',
    );
    expect(localizeRefusal('Something else.', serverTranslator('fr', 'notices'))).toBe('Something else.');
  });
});
