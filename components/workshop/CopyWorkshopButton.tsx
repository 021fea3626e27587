'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { copyWorkshop } from '../sync/facilitatorApi';
import { FormError } from '../ui/FormError';

/**
 * "Copy as new workshop": the same personas and profiles, empty empathy maps, for a follow-up
 * session. Opens the copy's presenter view in a new tab (the link carries its key in the `#`).
 */
export function CopyWorkshopButton({ code, facilitatorKey }: { code: string; facilitatorKey: string }) {
  const t = useTranslations('panels');
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [presenterUrl, setPresenterUrl] = useState<string | null>(null);

  async function copy() {
    // Opened now, during the click: a window opened after the request would be blocked as a pop-up.
    const tab = window.open('', '_blank');
    setBusy(true);
    setError(null);
    const result = await copyWorkshop(code, facilitatorKey);
    setBusy(false);
    if (!result.ok) {
      tab?.close();
      return setError(result.error);
    }
    setPresenterUrl(result.value.presenterUrl);
    if (tab) {
      tab.opener = null;
      tab.location.href = result.value.presenterUrl;
    }
  }

  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className="btn-secondary btn-small disabled:opacity-60" disabled={isBusy} onClick={() => void copy()}>
          {t('copyWorkshop')}
        </button>
        {presenterUrl && (
          <a className="text-sm font-medium text-blue-800 underline" href={presenterUrl} target="_blank" rel="noopener noreferrer">
            {t('openCopy')}
          </a>
        )}
      </div>
      <p role="status" className="text-sm text-slate-700">
        {isBusy ? t('copying') : ''}
      </p>
      <FormError message={error} />
    </div>
  );
}
