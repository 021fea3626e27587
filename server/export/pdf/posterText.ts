import { createContext, useContext } from 'react';
import { DEFAULT_LOCALE, textDirection, type Locale } from '../../../lib/i18n/locales';
import { exportTranslator, type ExportTranslator } from '../exportTexts';
import { shapingFor } from './scripts';

export interface PosterText {
  locale: Locale;
  t: ExportTranslator;
  isRtl: boolean;
}

/** The poster's own words and reading direction: the workshop's language, for every page. */
export const PosterTextContext = createContext<PosterText>(posterText(DEFAULT_LOCALE));

export function posterText(locale: Locale): PosterText {
  return { locale, t: exportTranslator(locale), isRtl: textDirection(locale) === 'rtl' };
}

/**
 * The poster's words and what right to left changes in its layout. react-pdf's layout has no
 * `direction` for boxes, so rows are reversed by hand (`row`: the first item sits on the right),
 * and the poster's own labels are right-aligned and shaped (`label(text)`); what people typed
 * keeps the direction of its own first letter (see `textStyle`).
 */
export function usePosterText() {
  const text = useContext(PosterTextContext);
  const row = text.isRtl ? ({ flexDirection: 'row-reverse' } as const) : {};
  const label = (...texts: string[]) =>
    text.isRtl ? { direction: 'rtl' as const, textAlign: 'right' as const, ...shapingFor(...texts) } : shapingFor(...texts);
  return { ...text, row, label };
}
