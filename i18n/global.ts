import type { Locale } from '../lib/i18n/locales';
import type { Messages } from '../lib/i18n/messages';

// Typed keys and locales for next-intl: a misspelt key or a missing argument fails `npm run typecheck`.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
