'use client';

import { Languages } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useTransition } from 'react';
import { isLocale, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_S, LOCALE_NAMES, LOCALES, type Locale } from '../../lib/i18n/locales';

interface Props {
  /** `dark` for the facilitator bar. */
  tone?: 'light' | 'dark';
  /** In a crowded header: the label is read out but only the icon shows. */
  isCompact?: boolean;
  className?: string;
}

/**
 * This device's UI language: remembered in a cookie, then the page is re-rendered on the
 * server in the new language (the connections and what is being typed stay). Each language is
 * named in itself, so a person lost in a language they cannot read still finds their own.
 */
export function LanguageMenu({ tone = 'light', isCompact = false, className = '' }: Props) {
  const t = useTranslations('common');
  const locale = useLocale();
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const id = useId();

  function choose(next: Locale) {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE_S}; samesite=lax`;
    startTransition(() => router.refresh());
  }

  const select =
    tone === 'dark'
      ? 'min-h-9 rounded-md bg-white px-2 text-sm text-slate-900'
      : 'min-h-11 rounded-md border border-slate-300 bg-white px-2 text-slate-900';
  return (
    <div className={`flex items-center gap-2 ${className}`}>
      <label htmlFor={id} className="flex items-center gap-1 text-sm font-medium">
        <Languages aria-hidden size={18} />
        {/* The icon says it on a phone; the word too where there is room. */}
        <span className={isCompact ? 'sr-only' : ''}>{t('language')}</span>
      </label>
      <select
        id={id}
        value={locale}
        disabled={isPending}
        onChange={(event) => isLocale(event.target.value) && choose(event.target.value)}
        className={select}
      >
        {LOCALES.map((option) => (
          <option key={option} value={option} lang={option}>
            {LOCALE_NAMES[option]}
          </option>
        ))}
      </select>
    </div>
  );
}
