import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { LOCALE_COOKIE, negotiateLocale, type Locale } from '../lib/i18n/locales';
import { WORKSHOP_LOCALE_HEADER } from '../lib/i18n/header';
import type { Messages } from '../lib/i18n/messages';
import { PSEUDO_LOCALE } from './pseudoLocale.mjs';

/**
 * next-intl's per-request configuration (no locale in the URL: links and QR codes stay the same
 * in every language). The page's language is negotiated on the server from the device's cookie,
 * the projector's workshop language (a header our own server sets, see server/i18n), then
 * `Accept-Language`, so the first byte is already in the right language.
 */
export default getRequestConfig(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const cookie = cookieStore.get(LOCALE_COOKIE)?.value;
  if (cookie === PSEUDO_LOCALE && process.env.PSEUDO_LOCALE === '1') {
    // The overflow test's accented English (e2e/languagesPseudo.spec.ts): never offered, only on a server started for it.
    return { locale: PSEUDO_LOCALE as Locale, messages: await loadMessages(PSEUDO_LOCALE) };
  }
  const locale = negotiateLocale({
    cookie,
    workshop: headerList.get(WORKSHOP_LOCALE_HEADER),
    acceptLanguage: headerList.get('accept-language'),
  });
  return { locale, messages: await loadMessages(locale) };
});

async function loadMessages(locale: Locale | typeof PSEUDO_LOCALE): Promise<Messages> {
  // One file per locale: only the negotiated one is loaded (and sent on by the layout).
  return (await import(`../messages/${locale}.json`)).default as Messages;
}
