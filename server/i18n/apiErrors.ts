import type { IncomingMessage } from 'node:http';
import { LOCALE_COOKIE, negotiateLocale, type Locale } from '../../lib/i18n/locales';
import type { Messages } from '../../lib/i18n/messages';
import { serverTranslator } from './catalogs';

export type ApiErrorKey = keyof Messages['errors'];
export type ApiErrorValues = Record<string, string | number>;

/** An API error's sentence for a person, in `locale` (English for the logs and for tools). */
export function apiErrorText(locale: Locale, key: ApiErrorKey, values: ApiErrorValues = {}): string {
  return serverTranslator(locale, 'errors')(key, values);
}

/** The `NEXT_LOCALE` cookie's value in a Cookie header, if any. */
function localeCookie(header: string | undefined): string | null {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === LOCALE_COOKIE) return value.join('=');
  }
  return null;
}

/**
 * The language of the person who made the request: the one their screens show (the device's
 * remembered choice, else `Accept-Language`). Not the workshop's: the error is read by whoever
 * sent the request, in the middle of a UI in their language. A tool that sends neither gets
 * English, as before.
 */
export function requestLocale(req: Pick<IncomingMessage, 'headers'>): Locale {
  return negotiateLocale({ cookie: localeCookie(req.headers.cookie), acceptLanguage: req.headers['accept-language'] ?? null });
}
