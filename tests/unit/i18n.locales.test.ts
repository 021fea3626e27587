import { describe, expect, it } from 'vitest';
import { matchLocale, negotiateLocale, parseAcceptLanguage, textDirection } from '../../lib/i18n/locales';

describe('UI language negotiation', () => {
  it('is English with no preference at all', () => {
    expect(negotiateLocale({})).toBe('en');
    expect(negotiateLocale({ cookie: null, workshop: null, acceptLanguage: '' })).toBe('en');
  });

  it('takes the remembered choice first, then the projector’s workshop language, then the browser', () => {
    expect(negotiateLocale({ cookie: 'ja', workshop: 'de', acceptLanguage: 'fr-FR' })).toBe('ja');
    expect(negotiateLocale({ workshop: 'de', acceptLanguage: 'fr-FR' })).toBe('de');
    expect(negotiateLocale({ acceptLanguage: 'fr-FR,fr;q=0.9,en;q=0.8' })).toBe('fr');
  });

  it('ignores a forged or stale cookie and header instead of failing', () => {
    expect(negotiateLocale({ cookie: 'xx', workshop: '../../etc', acceptLanguage: 'es' })).toBe('es');
    expect(negotiateLocale({ cookie: 'DE', acceptLanguage: null })).toBe('en');
  });

  it('orders Accept-Language by quality and skips what we do not speak', () => {
    expect(parseAcceptLanguage('sv;q=0.9, nl;q=0.95, *;q=0.1, de;q=0')).toEqual(['nl', 'sv']);
    expect(negotiateLocale({ acceptLanguage: 'sv, ko;q=0.9, it;q=0.5' })).toBe('it');
    expect(negotiateLocale({ acceptLanguage: 'de;q=0, en;q=0.1' })).toBe('en');
    expect(negotiateLocale({ acceptLanguage: 'garbage;;;,=,q=1' })).toBe('en');
  });

  it('maps regional and script variants onto the supported tags', () => {
    expect(matchLocale('de-AT')).toBe('de');
    expect(matchLocale('pt-PT')).toBe('pt-BR');
    expect(matchLocale('pt-br')).toBe('pt-BR');
    expect(matchLocale('zh')).toBe('zh-CN');
    expect(matchLocale('zh-Hans-SG')).toBe('zh-CN');
    expect(matchLocale('ar-EG')).toBe('ar');
    // Traditional Chinese readers are not served Simplified: the next preference wins.
    expect(matchLocale('zh-TW')).toBeNull();
    expect(matchLocale('zh-Hant-HK')).toBeNull();
    expect(negotiateLocale({ acceptLanguage: 'zh-TW, ja;q=0.8' })).toBe('ja');
  });

  it('writes Arabic right to left, the others left to right', () => {
    expect(textDirection('ar')).toBe('rtl');
    expect(textDirection('ja')).toBe('ltr');
    expect(textDirection('en')).toBe('ltr');
  });
});
