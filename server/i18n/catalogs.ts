import { createTranslator } from 'use-intl/core';
import ar from '../../messages/ar.json';
import de from '../../messages/de.json';
import en from '../../messages/en.json';
import es from '../../messages/es.json';
import fr from '../../messages/fr.json';
import it from '../../messages/it.json';
import ja from '../../messages/ja.json';
import nl from '../../messages/nl.json';
import ptBR from '../../messages/pt-BR.json';
import zhCN from '../../messages/zh-CN.json';
import type { Locale } from '../../lib/i18n/locales';
import type { Messages } from '../../lib/i18n/messages';

/** Every catalog, for the server's own words (default agenda and maps); the pages load theirs per request. */
export const CATALOGS: Record<Locale, Messages> = { en, de, fr, es, 'pt-BR': ptBR, it, nl, ja, 'zh-CN': zhCN, ar };

/** A translator for one namespace of one locale, formatting ICU messages as the pages do. */
export function serverTranslator<N extends keyof Messages>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: CATALOGS[locale], namespace });
}
