'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { downloadWithKey } from '../sync/download';
import { FormError } from '../ui/FormError';
import { CopyWorkshopButton } from './CopyWorkshopButton';
import { SnapshotPanel } from './SnapshotPanel';

type ExportFormat = 'pdf' | 'md' | 'csv' | 'json';

/** Each format with its name in the buttons ("Export PDF", "Preparing PDF…"). */
const EXPORTS: readonly { format: ExportFormat; name: string }[] = [
  { format: 'pdf', name: 'PDF' },
  { format: 'md', name: 'Markdown' },
  { format: 'csv', name: 'CSV' },
  { format: 'json', name: 'JSON' },
];

const downloadExport = (code: string, facilitatorKey: string, format: ExportFormat) =>
  downloadWithKey(`/api/workshops/${encodeURIComponent(code)}/export.${format}`, facilitatorKey, `workshop-${code}.${format}`);

/** Buttons that download the board as PDF posters, Markdown, CSV or JSON (facilitator only). */
export function ExportMenu({ code, facilitatorKey }: { code: string; facilitatorKey: string }) {
  const t = useTranslations('panels');
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const busyName = EXPORTS.find((entry) => entry.format === busy)?.name;
  const [error, setError] = useState<string | null>(null);

  async function exportAs(format: ExportFormat) {
    setBusy(format);
    setError(null);
    const result = await downloadExport(code, facilitatorKey, format);
    setBusy(null);
    if (!result.ok) setError(result.error);
  }

  return (
    <section aria-labelledby="export-menu-heading" className="flex flex-col gap-2">
      <h2 id="export-menu-heading" className="text-lg font-semibold text-slate-900">
        {t('exportHeading')}
      </h2>
      <div className="flex flex-wrap gap-2">
        {EXPORTS.map(({ format, name }) => (
          <button
            key={format}
            type="button"
            className="btn-secondary btn-small disabled:opacity-60"
            disabled={busy !== null}
            aria-busy={busy === format}
            onClick={() => void exportAs(format)}
          >
            {t('exportAs', { format: name })}
          </button>
        ))}
      </div>
      <p role="status" className="min-h-6 text-sm text-slate-700">
        {busyName ? t('preparing', { format: busyName }) : ''}
      </p>
      <FormError message={error} />
      <CopyWorkshopButton code={code} facilitatorKey={facilitatorKey} />
      <SnapshotPanel code={code} facilitatorKey={facilitatorKey} />
    </section>
  );
}
