'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { deleteSnapshot, listSnapshots, snapshotExportPath, takeSnapshot, type SnapshotSummary } from '../sync/facilitatorApi';
import { FormError } from '../ui/FormError';
import { downloadWithKey } from '../sync/download';

/** The snapshot's name after a button's word, for screen readers ("View Before lunch"). */
const sr = (chunks: ReactNode) => <span className="sr-only">{chunks}</span>;

/** "Take snapshot" with a name, and the workshop's snapshots: a read-only view of each, or its JSON (facilitator only). */
export function SnapshotPanel({ code, facilitatorKey }: { code: string; facilitatorKey: string }) {
  const t = useTranslations('panels');
  const format = useFormatter();
  const [snapshots, setSnapshots] = useState<SnapshotSummary[]>([]);
  const [name, setName] = useState('');
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const result = await listSnapshots(code, facilitatorKey);
    if (result.ok) setSnapshots(result.value.snapshots);
    else setError(result.error);
  }, [code, facilitatorKey]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  async function take(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await takeSnapshot(code, facilitatorKey, name);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setName('');
    setSnapshots((current) => [...current, result.value]);
  }

  async function download(snapshot: SnapshotSummary) {
    setError(null);
    const result = await downloadWithKey(snapshotExportPath(code, snapshot.id), facilitatorKey, `snapshot-${snapshot.id}.json`);
    if (!result.ok) setError(result.error);
  }

  async function remove(snapshot: SnapshotSummary) {
    if (!window.confirm(t('deleteSnapshotConfirm', { name: snapshot.name }))) return;
    setError(null);
    const result = await deleteSnapshot(code, facilitatorKey, snapshot.id);
    if (!result.ok) return setError(result.error);
    setSnapshots((current) => current.filter((s) => s.id !== snapshot.id));
  }

  return (
    <section aria-labelledby="snapshots-heading" className="flex flex-col gap-2">
      <h3 id="snapshots-heading" className="font-semibold text-slate-900">
        {t('snapshots')}
      </h3>
      <form className="flex flex-wrap items-end gap-2" onSubmit={(event) => void take(event)}>
        <label className="flex flex-col text-sm font-medium text-slate-800">
          {t('snapshotName')}
          <input
            className="rounded-md border border-slate-400 px-2 py-1"
            value={name}
            maxLength={80}
            required
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <button type="submit" className="btn-secondary btn-small disabled:opacity-60" disabled={isBusy}>
          {t('takeSnapshot')}
        </button>
      </form>
      {snapshots.length > 0 && (
        <ul className="flex flex-col gap-1">
          {snapshots.map((snapshot) => (
            <li key={snapshot.id} className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-medium">{snapshot.name}</span>
              <span className="text-slate-700">{format.dateTime(snapshot.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</span>
              <a className="btn-secondary btn-small" href={`/w/${code}/snapshots/${snapshot.id}`}>
                {t.rich('viewSnapshot', { name: snapshot.name, sr })}
              </a>
              <button type="button" className="btn-secondary btn-small" onClick={() => void download(snapshot)}>
                {t.rich('downloadSnapshot', { name: snapshot.name, sr })}
              </button>
              <button type="button" className="btn-secondary btn-small" onClick={() => void remove(snapshot)}>
                {t.rich('deleteSnapshot', { name: snapshot.name, sr })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <FormError message={error} />
    </section>
  );
}
