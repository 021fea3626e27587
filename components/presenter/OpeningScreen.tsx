'use client';

import { useTranslations } from 'next-intl';

interface Props {
  /** The control plane did not answer (see `ControlState.isUnreachable`). */
  isUnreachable: boolean;
  onRetry(): void;
}

/**
 * What the projector shows until the session's state arrives: not the lobby, which would be the
 * wrong screen for a workshop already under way (the room reads whatever is projected). The words
 * are the participant's "opening" and the app's "cannot reach the server", in every language.
 */
export function OpeningScreen({ isUnreachable, onRetry }: Props) {
  const t = useTranslations();
  return (
    <section className="flex min-h-0 flex-1 flex-col items-center justify-center gap-6 rounded-2xl bg-white p-8 text-center shadow-sm">
      {isUnreachable ? (
        <>
          <p role="alert" className="max-w-4xl text-3xl font-bold text-slate-950 2xl:text-5xl">
            {t('refusals.cannotReachServer')}
          </p>
          <button type="button" className="btn-primary text-xl 2xl:text-2xl" onClick={onRetry}>
            {t('drafts.retry')}
          </button>
        </>
      ) : (
        <p role="status" className="text-4xl font-bold text-slate-950 2xl:text-6xl">
          {t('participant.opening')}
        </p>
      )}
    </section>
  );
}
