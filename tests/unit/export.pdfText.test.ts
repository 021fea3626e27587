import { describe, expect, it } from 'vitest';
import { breakWord } from '../../server/export/pdf/breakWord';
import { fontStackFor } from '../../server/export/pdf/fonts';
import { chipRows, type PersonaLayout } from '../../server/export/pdf/posterLayout';
import { directionOf, printable, shapingFor } from '../../server/export/pdf/scripts';
import type { NoteExport } from '../../server/export/exportModel';

describe('PDF fonts per script', () => {
  it('loads only the families a document’s text needs, Noto Sans always first', () => {
    expect(fontStackFor('Zoë, Łódź, Москва, Αθήνα')).toEqual(['NotoSans']);
    expect(fontStackFor('東京')).toEqual(['NotoSans', 'NotoSansSC']);
    expect(fontStackFor('서울')).toEqual(['NotoSans', 'NotoSansKR']);
    expect(fontStackFor('القاهرة ירושלים กรุงเทพ ☕')).toEqual([
      'NotoSans',
      'NotoSansArabic',
      'NotoSansHebrew',
      'NotoSansThai',
      'NotoEmoji',
    ]);
  });
});

describe('PDF text by script', () => {
  it('sets right-to-left paragraphs by their first letter', () => {
    expect(directionOf('ירושלים: coffee')).toBe('rtl');
    expect(directionOf('«القاهرة»')).toBe('rtl');
    expect(directionOf('Cairo: القاهرة')).toBe('ltr');
    expect(directionOf('123 …')).toBe('ltr');
  });

  it('turns shaping on for Arabic (without ccmp) and Thai only', () => {
    expect(shapingFor('القاهرة')).toEqual({ fontFeatureSettings: { ccmp: false }, letterSpacing: 0 });
    expect(shapingFor('Zoë', 'กรุงเทพ')).toEqual({ fontFeatureSettings: {} });
    expect(shapingFor('Zoë', 'ירושלים', '東京')).toEqual({});
  });

  it('composes accents and splits Thai SARA AM, which react-pdf would otherwise cut short', () => {
    expect(printable('Zoe\u0308')).toBe('Zoë');
    expect(printable('น้ำ')).toBe('น้\u0E4D\u0E32');
    expect(printable('น้ำ').normalize('NFKD')).toBe('น้ำ'.normalize('NFKD'));
    // The monochrome emoji font has no skin tones: the thumb prints without a stray box.
    expect(printable('👍🏽 ☕️ 👍🏽')).toBe('👍 ☕ 👍');
  });

  it('breaks Thai between words, with no hyphen (an empty part between them)', () => {
    expect(breakWord('ซื้อกาแฟทุกเช้า')).toEqual(['ซื้อ', '', 'กาแฟ', '', 'ทุก', '', 'เช้า']);
  });
});

describe('poster note rows', () => {
  const note = (id: string, length: number) => ({ id, text: 'x'.repeat(length) }) as NoteExport;

  it('fills a row with short notes and gives a long note a row of its own, keeping their order', () => {
    const notes = [note('a', 10), note('b', 10), note('c', 200), note('d', 10), note('e', 10), note('f', 10), note('g', 10)];
    const ids = (layout: PersonaLayout, isFullRow = false) =>
      chipRows(notes, layout, isFullRow).map((row) => row.map((n) => n.id).join(''));
    expect(ids('poster')).toEqual(['ab', 'c', 'de', 'fg']);
    expect(ids('flow')).toEqual(['ab', 'c', 'def', 'g']);
    expect(ids('poster', true)).toEqual(['ab', 'c', 'def', 'g']);
  });
});
