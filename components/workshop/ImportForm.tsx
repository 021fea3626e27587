'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { importWorkshop } from '../sync/importApi';
import { saveFacilitatorKey } from '../sync/storage';
import { FormError } from '../ui/FormError';

/** Makes a new workshop from a JSON export and opens its presenter view, as creating one does. */
export function ImportForm() {
  const t = useTranslations('home');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const headingId = useId();
  const hintId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return setError(t('importChooseFile'));
    setIsBusy(true);
    setError(null);
    const result = await importWorkshop(file);
    if (!result.ok) {
      setIsBusy(false);
      return setError(result.error);
    }
    saveFacilitatorKey(result.value.code, result.value.facilitatorKey);
    // A full page load, not a client-side one: the projector is rendered on the server in the
    // workshop's language, which the root layout (kept across client navigations) cannot switch to.
    window.location.assign(`/w/${result.value.code}/present`);
  }

  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby={headingId} className="flex flex-col gap-3" noValidate>
      <h3 id={headingId} className="text-lg font-bold text-slate-900">
        {t('importHeading')}
      </h3>
      <p id={hintId} className="text-slate-700">
        {t.rich('importHint', { b: (chunks) => <span className="font-semibold">{chunks}</span> })}
      </p>
      <label className="flex flex-col gap-1 font-medium text-slate-800">
        {t('importFile')}
        <input
          type="file"
          accept="application/json,.json"
          aria-describedby={hintId}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setError(null);
          }}
          className="min-h-11 w-full min-w-0 rounded-lg border border-slate-400 bg-white px-2 py-2 text-base text-slate-950 file:mr-3 file:rounded-md file:border-0 file:bg-slate-200 file:px-3 file:py-1.5 file:font-semibold file:text-slate-900"
        />
      </label>
      <FormError message={error} />
      <button type="submit" disabled={isBusy} className="btn-secondary btn-large">
        {isBusy ? t('importing') : t('import')}
      </button>
    </form>
  );
}
