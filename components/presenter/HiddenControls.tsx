'use client';

import { useTranslations } from 'next-intl';
import { FormError } from '../ui/FormError';

interface Props {
  /** A clicker's step that failed while the bar was hidden: the facilitator must still learn of it. */
  error: string | null;
  onShow(): void;
}

/**
 * What stays of the controls on a clean projected screen: a small "Show controls" button in a
 * corner (focused, so Enter brings the bar back; Escape does too) and the last command's failure.
 */
export function HiddenControls({ error, onShow }: Props) {
  const t = useTranslations('presenter');
  return (
    <>
      <FormError message={error} className="fixed start-2 bottom-2 z-20 rounded-md bg-red-100 px-3 py-1 text-sm font-medium text-red-900" />
      <button
        type="button"
        // The bar's button that hid the controls is gone; focus lands here rather than on the page.
        autoFocus
        className="fixed end-2 bottom-2 z-20 rounded-md bg-slate-900/70 px-3 py-1 text-sm text-white"
        onClick={onShow}
      >
        {t('showControls')}
      </button>
    </>
  );
}
