'use client';

import { useState } from 'react';
import { FormError } from '../ui/FormError';

type ExportFormat = 'pdf' | 'md' | 'csv' | 'json';

const EXPORTS: readonly { format: ExportFormat; label: string; progress: string }[] = [
  { format: 'pdf', label: 'Export PDF', progress: 'Preparing PDF…' },
  { format: 'md', label: 'Export Markdown', progress: 'Preparing Markdown…' },
  { format: 'csv', label: 'Export CSV', progress: 'Preparing CSV…' },
  { format: 'json', label: 'Export JSON', progress: 'Preparing JSON…' },
];

/** The server stops a PDF after 20 s; past this the request itself is abandoned. */
const EXPORT_TIMEOUT_MS = 60_000;

type DownloadResult = { ok: true } | { ok: false; error: string };

/** `attachment; filename="workshop-ABCD-2345.pdf"` → `workshop-ABCD-2345.pdf`. */
function fileNameOf(disposition: string | null): string | null {
  const name = /filename="([^"]+)"/.exec(disposition ?? '')?.[1];
  return name && /^[\w.-]+$/.test(name) ? name : null;
}

async function failureOf(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: string } | null;
  const reason = body?.error ?? `The server answered ${res.status}.`;
  const retryAfter = Number(res.headers.get('retry-after'));
  return res.status === 503 && retryAfter > 0 ? `${reason} (Try again in ${retryAfter} s.)` : reason;
}

/** Fetches an export with the key in a header (never in a URL) and saves it under the server's file name. */
async function downloadExport(code: string, facilitatorKey: string, format: ExportFormat): Promise<DownloadResult> {
  let res: Response;
  try {
    res = await fetch(`/api/workshops/${encodeURIComponent(code)}/export.${format}`, {
      headers: { authorization: `Bearer ${facilitatorKey}` },
      cache: 'no-store',
      signal: AbortSignal.timeout(EXPORT_TIMEOUT_MS),
    });
  } catch {
    return { ok: false, error: 'Cannot reach the workshop server. Check your connection and try again.' };
  }
  if (!res.ok) return { ok: false, error: await failureOf(res) };
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(res.headers.get('content-disposition')) ?? `workshop-${code}.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return { ok: true };
}

/** Buttons that download the board as PDF posters, Markdown, CSV or JSON (facilitator only). */
export function ExportMenu({ code, facilitatorKey }: { code: string; facilitatorKey: string }) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
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
        Export
      </h2>
      <div className="flex flex-wrap gap-2">
        {EXPORTS.map(({ format, label }) => (
          <button
            key={format}
            type="button"
            className="btn-secondary btn-small disabled:opacity-60"
            disabled={busy !== null}
            aria-busy={busy === format}
            onClick={() => void exportAs(format)}
          >
            {label}
          </button>
        ))}
      </div>
      <p role="status" className="min-h-6 text-sm text-slate-700">
        {EXPORTS.find((entry) => entry.format === busy)?.progress ?? ''}
      </p>
      <FormError message={error} />
    </section>
  );
}
