import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { initBoard, readMeta, readWorkshopLocale, setWorkshopLocale } from '../../lib/board';
import { metaFieldSchema } from '../../server/yjs/boardSchema';

describe('the workshop language in the board', () => {
  it('is English for a board made before languages existed, and kept in meta once set', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Café', now: 1 });
    expect(readMeta(doc)?.locale).toBeUndefined();
    expect(readWorkshopLocale(doc)).toBe('en');
    expect(setWorkshopLocale(doc, 'pt-BR')).toEqual({ ok: true, value: 'pt-BR' });
    expect(readWorkshopLocale(doc)).toBe('pt-BR');
  });

  it('refuses a language the product does not speak, and writes nothing', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Café', now: 1, locale: 'ja' });
    let updates = 0;
    doc.on('update', () => updates++);
    for (const bad of ['xx', 'zh-TW', 'DE', '', null, 3, { locale: 'de' }]) expect(setWorkshopLocale(doc, bad).ok, String(bad)).toBe(false);
    expect(setWorkshopLocale(doc, 'ja').ok).toBe(true); // unchanged: no update either
    expect(updates).toBe(0);
    expect(readWorkshopLocale(doc)).toBe('ja');
  });

  it('a broken stored value reads as English and leaves the rest of meta intact', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Café', now: 1 });
    doc.getMap('meta').set('locale', 'klingon');
    expect(readMeta(doc)?.title).toBe('Café');
    expect(readWorkshopLocale(doc)).toBe('en');
  });

  it('the server’s update validator accepts only a supported tag in meta.locale', () => {
    const schema = metaFieldSchema('locale');
    expect(schema?.safeParse('ar').success).toBe(true);
    for (const bad of ['ar-EG', 'xx', 42, null, ['de']]) expect(schema?.safeParse(bad).success, String(bad)).toBe(false);
  });
});
