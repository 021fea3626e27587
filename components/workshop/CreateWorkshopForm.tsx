'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { isLocale, LOCALE_NAMES, LOCALES, type Locale } from '../../lib/i18n/locales';
import { LIMITS } from '../../lib/limits';
import { TEMPLATES } from '../../lib/quadrants';
import { createWorkshop } from '../sync/api';
import { saveFacilitatorKey } from '../sync/storage';
import { FormError } from '../ui/FormError';

const TEMPLATE_LABELS = { six: 'templateSix', classic: 'templateClassic' } as const;

/** Creates a workshop (in the language chosen, by default this page's) and opens its presenter view with the facilitator key. */
export function CreateWorkshopForm() {
  const t = useTranslations('home');
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState<keyof typeof TEMPLATES>('six');
  const [locale, setLocale] = useState<Locale>(useLocale());
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const hintId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setIsBusy(true);
    const result = await createWorkshop(title, template, locale);
    setIsBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    saveFacilitatorKey(result.value.code, result.value.facilitatorKey);
    // A full page load, not a client-side one: the projector is rendered on the server in the
    // workshop's language, which the root layout (kept across client navigations) cannot switch to.
    window.location.assign(`/w/${result.value.code}/present`);
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <label className="flex flex-col gap-1 font-medium text-slate-800">
        {t('workshopTitle')}
        <input
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          maxLength={LIMITS.titleChars}
          placeholder={t('titlePlaceholder')}
          className="input text-lg"
        />
      </label>
      <div className="flex flex-col gap-1">
        <label className="flex flex-col gap-1 font-medium text-slate-800">
          {t('workshopLanguage')}
          <select
            value={locale}
            aria-describedby={hintId}
            onChange={(event) => isLocale(event.target.value) && setLocale(event.target.value)}
            className="input text-lg"
          >
            {LOCALES.map((option) => (
              <option key={option} value={option} lang={option}>
                {LOCALE_NAMES[option]}
              </option>
            ))}
          </select>
        </label>
        <p id={hintId} className="text-sm text-slate-600">
          {t('workshopLanguageHint')}
        </p>
      </div>
      <fieldset className="flex flex-col gap-1">
        <legend className="font-medium text-slate-800">{t('empathyMap')}</legend>
        {(Object.keys(TEMPLATES) as (keyof typeof TEMPLATES)[]).map((id) => (
          <label key={id} className="flex min-h-11 items-center gap-3 text-slate-800">
            <input type="radio" name="template" value={id} checked={template === id} onChange={() => setTemplate(id)} className="h-5 w-5" />
            {t(TEMPLATE_LABELS[id])}
          </label>
        ))}
        <p className="text-sm text-slate-600">{t('mapHint')}</p>
      </fieldset>
      <FormError message={error} />
      <button type="submit" disabled={isBusy} className="btn-primary btn-large">
        {isBusy ? t('creating') : t('create')}
      </button>
    </form>
  );
}
