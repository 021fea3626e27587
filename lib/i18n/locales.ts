import * as z from '../zod';
import { refusalText } from '../refusals';

/**
 * The languages the product speaks. Tags are BCP 47 as browsers send them: Brazilian
 * Portuguese is `pt-BR` and Simplified Chinese `zh-CN` (mainland usage and script), kept
 * exactly so in URLs, cookies, the API and `export.json`.
 */
export const LOCALES = ['en', 'de', 'fr', 'es', 'pt-BR', 'it', 'nl', 'ja', 'zh-CN', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

/** Each language named in itself, for the language menus. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  'pt-BR': 'Português (Brasil)',
  it: 'Italiano',
  nl: 'Nederlands',
  ja: '日本語',
  'zh-CN': '简体中文',
  ar: 'العربية',
};

const RTL_LOCALES: ReadonlySet<Locale> = new Set<Locale>(['ar']);

export const LocaleSchema = z.enum(LOCALES, { error: refusalText('localeChoice', { locales: LOCALES.join(', ') }) });

/** The cookie that remembers a device's chosen UI language (a year, whole site). */
export const LOCALE_COOKIE = 'NEXT_LOCALE';
export const LOCALE_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function textDirection(locale: Locale): 'rtl' | 'ltr' {
  return RTL_LOCALES.has(locale) ? 'rtl' : 'ltr';
}

/**
 * The supported locale closest to one requested tag, or null: exact (case-insensitive),
 * then the same language with another region or script (`de-AT` → `de`, `pt-PT` → `pt-BR`,
 * `zh-Hans-SG` → `zh-CN`). Traditional Chinese is not Simplified: `zh-TW`, `zh-HK` and
 * `zh-Hant` find nothing, so the next preference (or English) wins.
 */
export function matchLocale(tag: string): Locale | null {
  const lower = tag.trim().toLowerCase();
  if (!lower) return null;
  const exact = LOCALES.find((locale) => locale.toLowerCase() === lower);
  if (exact) return exact;
  const [language, ...rest] = lower.split(/[-_]/);
  if (language === 'zh' && rest.some((part) => part === 'hant' || part === 'tw' || part === 'hk' || part === 'mo')) return null;
  return LOCALES.find((locale) => locale.toLowerCase().split('-')[0] === language) ?? null;
}

/** An `Accept-Language` header's tags, best first (q=0 dropped; malformed entries ignored). */
export function parseAcceptLanguage(header: string): string[] {
  return header
    .split(',')
    .slice(0, 32)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(entry.tag) && entry.q > 0 && entry.q <= 1)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

export interface LocaleInputs {
  /** The device's remembered choice (the cookie), if any. */
  cookie?: string | null;
  /** The workshop's language, where the page is the room's shared screen (the projector). */
  workshop?: string | null;
  acceptLanguage?: string | null;
}

/**
 * The language a page is rendered in: the device's remembered choice, else the workshop's
 * language on the projector, else the browser's `Accept-Language`, else English.
 */
export function negotiateLocale({ cookie, workshop, acceptLanguage }: LocaleInputs): Locale {
  if (isLocale(cookie)) return cookie;
  if (isLocale(workshop)) return workshop;
  for (const tag of parseAcceptLanguage(acceptLanguage ?? '')) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}
