'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { PROFILE_FIELD_KEYS, PROFILE_LIMITS, type ProfileSettings } from '../../lib/profile';
import type { PersonaActions } from './types';
import { FormError } from '../ui/FormError';

interface Props {
  settings: ProfileSettings;
  actions: Pick<PersonaActions, 'setProfileFieldHidden' | 'addCustomProfileField'>;
}

/** The facilitator's choice of profile fields for every persona: hide standard ones, add custom ones. */
export function ProfileSetup({ settings, actions }: Props) {
  const t = useTranslations('profile');
  const tf = useTranslations('profileFields');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);

  function add(event: FormEvent) {
    event.preventDefault();
    const result = actions.addCustomProfileField(label);
    setError(result.ok ? null : result.error);
    if (result.ok) setLabel('');
  }

  return (
    <details className="rounded-lg border border-slate-300 bg-slate-50 p-3">
      <summary className="cursor-pointer font-semibold text-slate-900">{t('chooseFields')}</summary>
      <fieldset className="mt-3">
        <legend className="text-sm text-slate-700">{t('shownOnCard')}</legend>
        <div className="mt-1 grid grid-cols-1 gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
          {PROFILE_FIELD_KEYS.map((key) => (
            <label key={key} className="flex min-h-9 items-center gap-2 text-slate-900">
              <input
                type="checkbox"
                className="h-5 w-5"
                checked={!settings.hidden.includes(key)}
                onChange={(event) => actions.setProfileFieldHidden(key, !event.target.checked)}
              />
              {tf(key)}
            </label>
          ))}
        </div>
      </fieldset>
      <form onSubmit={add} className="mt-3 flex flex-wrap items-end gap-2">
        <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm font-semibold text-slate-800">
          {t('newField')}
          <input
            className="input font-normal"
            value={label}
            maxLength={PROFILE_LIMITS.customFieldLabelChars}
            placeholder={t('newFieldPlaceholder')}
            onChange={(event) => setLabel(event.target.value)}
          />
        </label>
        <button type="submit" className="btn-secondary">
          {t('addField')}
        </button>
        <FormError message={error} className="w-full text-sm font-medium text-red-700" />
      </form>
    </details>
  );
}
