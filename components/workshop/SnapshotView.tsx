'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { facilitatorSession } from '../sync/api';
import { loadSnapshotBoard, type SnapshotBoard as LoadedSnapshot } from '../sync/snapshotBoard';
import { loadFacilitatorKey } from '../sync/storage';
import { takeKeyFromFragment } from '../sync/useSessions';
import { PictureAccessProvider } from '../persona/PictureAccess';
import { SnapshotBoard } from './SnapshotBoard';
import { RefusalText } from '../ui/RefusalText';

type State =
  | { phase: 'loading' }
  | { phase: 'needs-key' }
  | { phase: 'error'; message: string }
  | { phase: 'ready'; key: string; loaded: LoadedSnapshot; pictureToken: string | null };

/**
 * The door of a snapshot's read-only view: the facilitator key from the link's `#key=` or this
 * device (as for the presenter view; it goes to the server in a header only), then the snapshot.
 */
export function SnapshotView({ code, snapshotId }: { code: string; snapshotId: string }) {
  const t = useTranslations('snapshot');
  const [state, setState] = useState<State>({ phase: 'loading' });

  useEffect(() => {
    const key = takeKeyFromFragment(code) ?? loadFacilitatorKey(code);
    if (!key) {
      setState({ phase: 'needs-key' });
      return;
    }
    let isCurrent = true;
    // Pictures are served to members of the workshop only: the key buys a token for them, as the presenter view does.
    void Promise.all([loadSnapshotBoard(code, key, snapshotId), facilitatorSession(code, key)]).then(([loaded, session]) => {
      if (!isCurrent) return;
      if (!loaded.ok) setState({ phase: 'error', message: loaded.error });
      else setState({ phase: 'ready', key, loaded: loaded.value, pictureToken: session.ok ? session.value.token : null });
    });
    return () => {
      isCurrent = false;
    };
  }, [code, snapshotId]);

  if (state.phase === 'loading') return <p className="p-8 text-2xl">{t('opening')}</p>;
  if (state.phase !== 'ready') {
    return (
      <main className="mx-auto flex max-w-xl flex-col gap-4 p-6 sm:p-8">
        <h1 className="text-3xl font-bold">{t('heading')}</h1>
        <p role="alert" className="text-lg text-slate-800">
          {state.phase === 'error' ? <RefusalText text={state.message} /> : t('onlyFacilitator')}
        </p>
        <a className="btn-secondary self-start" href={`/w/${code}/present`}>
          {t('toPresenter')}
        </a>
      </main>
    );
  }
  return (
    <PictureAccessProvider code={code} token={state.pictureToken}>
      <SnapshotBoard code={code} facilitatorKey={state.key} snapshot={state.loaded.snapshot} board={state.loaded.board} />
    </PictureAccessProvider>
  );
}
