'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { saveFacilitatorKey } from '../sync/storage';
import { useCodeRotation } from '../sync/useCodeRotation';
import { workshopInfo } from '../sync/api';
import { useFacilitatorSession } from '../sync/useSessions';
import { useBoardState, useControlState, useWorkshopConnections } from '../sync/useWorkshop';
import { PictureAccessProvider } from '../persona/PictureAccess';
import { LanguageMenu } from '../ui/LanguageMenu';
import { PresenterScreen } from './PresenterScreen';
import { RefusalText } from '../ui/RefusalText';

/** The presenter view's door: the facilitator key from the link or this device, or why not. */
export function PresenterView({ code }: { code: string }) {
  const t = useTranslations('presenter');
  const { state, key, ended } = useFacilitatorSession(code);
  const session = state.phase === 'ready' ? state.session : null;
  const workshop = useWorkshopConnections(session, ended);
  const boardState = useBoardState(workshop);
  const controlState = useControlState(workshop);
  const [joinUrl, setJoinUrl] = useState<string | null>(null);
  const rememberKey = useCallback((newCode: string) => key && saveFacilitatorKey(newCode, key), [key]);
  useCodeRotation(controlState.newCode, code, presenterPath, rememberKey);

  useEffect(() => {
    void workshopInfo(code).then((result) => setJoinUrl(result.ok ? result.value.joinUrl : `${window.location.origin}/join/${code}`));
  }, [code]);

  if (state.phase === 'loading') return <p className="p-8 text-2xl">{t('opening')}</p>;
  if (state.phase === 'needs-key' || state.phase === 'error' || !workshop || !key) {
    return (
      <main className="mx-auto flex max-w-xl flex-col gap-4 p-8">
        <LanguageMenu className="self-end" />
        <h1 className="text-3xl font-bold">{t('presenterView')}</h1>
        <p role="alert" className="text-lg text-slate-800">
          {state.phase === 'error' ? <RefusalText text={state.message} /> : t('needsKey')}
        </p>
        <a className="btn-secondary self-start" href={`/join/${code}`}>
          {t('joinInstead')}
        </a>
      </main>
    );
  }
  return (
    <PictureAccessProvider code={code} token={session?.token ?? null}>
      <PresenterScreen
        code={code}
        facilitatorKey={key}
        title={boardState.board.meta?.title ?? session?.title ?? ''}
        joinUrl={joinUrl ?? `${window.location.origin}/join/${code}`}
        workshop={workshop}
        boardState={boardState}
        controlState={controlState}
      />
    </PictureAccessProvider>
  );
}

const presenterPath = (code: string) => `/w/${code}/present`;
