'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { isLocale, LOCALE_NAMES, LOCALES, type Locale } from '../../lib/i18n/locales';

interface Props {
  value: Locale;
  onChange(locale: Locale): void;
}

/** The facilitator's choice of the workshop language (the board's `meta.locale`), in the bar's More menu. */
export function WorkshopLanguageSelect({ value, onChange }: Props) {
  const t = useTranslations('presenter');
  const id = useId();
  const hintId = useId();
  return (
    <div className="flex flex-col gap-1 px-2 py-1">
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id} className="text-sm font-semibold">
          {t('workshopLanguage')}
        </label>
        <select
          id={id}
          value={value}
          aria-describedby={hintId}
          onChange={(event) => isLocale(event.target.value) && onChange(event.target.value)}
          className="min-h-9 rounded-md bg-white px-2 text-sm text-slate-900"
        >
          {LOCALES.map((option) => (
            <option key={option} value={option} lang={option}>
              {LOCALE_NAMES[option]}
            </option>
          ))}
        </select>
      </div>
      <p id={hintId} className="max-w-64 text-xs text-slate-300">
        {t('workshopLanguageHint')}
      </p>
    </div>
  );
}
