import type { Locale } from '../../lib/i18n/locales';
import { PROFILE_FIELD_KEYS, type ProfileFieldKey } from '../../lib/profile';
import { serverTranslator } from '../i18n/catalogs';

/** The export's own words (headings, labels, counts) in the workshop's language, from the catalogs' `export` namespace. */
export function exportTranslator(locale: Locale) {
  return serverTranslator(locale, 'export');
}
export type ExportTranslator = ReturnType<typeof exportTranslator>;

/**
 * `2026-03-04T…` → `4 March 2026` (English as before: en-GB's order), `4. März 2026`,
 * `٤ مارس ٢٠٢٦`; in UTC so every server writes the same date.
 */
export function formatExportDate(ms: number, locale: Locale = 'en'): string {
  const tag = locale === 'en' ? 'en-GB' : locale;
  return new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(ms);
}

/**
 * An action's due date (`YYYY-MM-DD`, a calendar day with no time zone) in the workshop's
 * language. English keeps the ISO day the exports always printed (tools read it); anything
 * unparsable is printed as stored.
 */
export function formatDueDate(day: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (locale === 'en' || !match) return day;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(ms);
}

/** "2 people, 1 anonymous" with the language's own separator (Arabic's "، ", Japanese's "、"). */
export function formatParts(parts: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(locale, { type: 'unit', style: 'short' }).format(parts);
}

const isStandardField = (key: string): key is ProfileFieldKey => (PROFILE_FIELD_KEYS as readonly string[]).includes(key);

/** A profile field's label in the workshop's language; a custom field keeps the label people typed. */
export function profileLabel(key: string, label: string, locale: Locale): string {
  return isStandardField(key) ? serverTranslator(locale, 'profileFields')(key) : label;
}
