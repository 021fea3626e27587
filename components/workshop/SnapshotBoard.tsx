'use client';

import { ArrowLeft, Download } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import type { Board } from '../../lib/board';
import { profileSettings } from '../../lib/profile';
import { fail } from '../../lib/result';
import type { SnapshotSummary } from '../../lib/snapshots';
import { PersonaTabs } from '../persona/PersonaTabs';
import { ProfileSummary } from '../persona/ProfileSummary';
import { SectionSwitch } from '../persona/SectionSwitch';
import type { PersonaActions } from '../persona/types';
import { SECTION_KEYS, type BoardSection } from '../persona/usePersonaView';
import { downloadWithKey } from '../sync/download';
import { snapshotExportPath } from '../sync/facilitatorApi';
import { FormError } from '../ui/FormError';
import { SnapshotEmpathyMap } from './SnapshotNotes';
import { SnapshotJourney, SnapshotPlan } from './SnapshotPlan';
import { useWideScreen } from './useWideScreen';

interface Props {
  code: string;
  facilitatorKey: string;
  snapshot: SnapshotSummary;
  board: Board;
}

/**
 * The persona tabs take actions for their "Add persona" button, which a read-only strip never
 * shows; should anything still call one, it is refused rather than changing a frozen board.
 */
const NO_CHANGES = new Proxy({} as PersonaActions, { get: () => () => fail('A snapshot is read-only.') });

/** A snapshot of the board, read-only: the banner saying so, then each persona as it was. */
export function SnapshotBoard({ code, facilitatorKey, snapshot, board }: Props) {
  const t = useTranslations('snapshot');
  const tp = useTranslations('participant');
  const locale = useLocale();
  const isLarge = useWideScreen();
  const [selectedId, setSelectedId] = useState(board.personas[0]?.id ?? null);
  const [section, setSection] = useState<BoardSection>('map');
  const [error, setError] = useState<string | null>(null);
  const baseId = useId();
  const selected = board.personas.find((p) => p.id === selectedId) ?? board.personas[0];
  const tabId = (id: string) => `${baseId}-tab-${id}`;

  async function download() {
    setError(null);
    const result = await downloadWithKey(snapshotExportPath(code, snapshot.id), facilitatorKey, `snapshot-${snapshot.id}.json`);
    if (!result.ok) setError(result.error);
  }

  return (
    <main className={`mx-auto flex min-h-dvh flex-col gap-4 p-3 sm:p-4 ${isLarge ? 'max-w-none' : 'max-w-5xl'}`}>
      <header className="flex flex-wrap items-center gap-x-6 gap-y-3 rounded-xl border-l-8 border-amber-500 bg-amber-50 px-4 py-3 shadow-sm">
        <div className="min-w-0 flex-1 basis-72">
          <h1 className={`font-bold break-words text-slate-950 ${isLarge ? 'text-4xl' : 'text-xl sm:text-2xl'}`}>
            {t('title', {
              name: snapshot.name,
              taken: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(snapshot.createdAt),
            })}{' '}
            <span className="whitespace-nowrap">{t('readOnly')}</span>
          </h1>
          <p className={`text-slate-800 ${isLarge ? 'text-xl' : 'text-base'}`}>
            {board.meta?.title && <span className="font-semibold">{board.meta.title} · </span>}
            {t('asItWas')}
          </p>
        </div>
        <nav aria-label={t('heading')} className="flex flex-wrap gap-2">
          <a className="btn-secondary gap-2" href={`/w/${code}/present`}>
            <ArrowLeft aria-hidden size={18} className="rtl:-scale-x-100" /> {t('back')}
          </a>
          <button type="button" className="btn-secondary gap-2" onClick={() => void download()}>
            <Download aria-hidden size={18} /> {t('download')}
          </button>
        </nav>
        <FormError message={error} className="basis-full font-medium text-red-700" />
      </header>
      {!selected ? (
        <p className="text-lg text-slate-700">{t('noPersona')}</p>
      ) : (
        <>
          <div className="flex flex-wrap items-center gap-2">
            <PersonaTabs
              className={`min-w-0 ${isLarge ? 'flex-1' : 'basis-full'}`}
              personas={board.personas}
              selectedId={selected.id}
              activeId={null}
              panelId={`${baseId}-panel`}
              tabId={tabId}
              actions={NO_CHANGES}
              isReadOnly
              isLarge={isLarge}
              onSelect={setSelectedId}
            />
            <SectionSwitch section={section} onChange={setSection} isLarge={isLarge} />
          </div>
          <div role="tabpanel" id={`${baseId}-panel`} aria-labelledby={tabId(selected.id)} className="flex flex-col gap-3">
            <h2 className="sr-only">
              {tp(SECTION_KEYS[section])}: {selected.name}
            </h2>
            {section === 'map' ? (
              <SnapshotEmpathyMap board={board} personaId={selected.id} isLarge={isLarge} />
            ) : section === 'journey' ? (
              <SnapshotJourney board={board} personaId={selected.id} isLarge={isLarge} />
            ) : section === 'plan' ? (
              <SnapshotPlan board={board} personaId={selected.id} isLarge={isLarge} />
            ) : (
              <ProfileSummary persona={selected} settings={profileSettings(board.meta)} isLarge={isLarge} />
            )}
          </div>
        </>
      )}
    </main>
  );
}
