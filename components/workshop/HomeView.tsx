'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useCallback } from 'react';
import type { SessionReply } from '../../lib/api';
import { keepJoinedSession } from '../sync/useSessions';
import { LanguageMenu } from '../ui/LanguageMenu';
import { CreateWorkshopForm } from './CreateWorkshopForm';
import { ImportForm } from './ImportForm';
import { JoinForm } from './JoinForm';

type PrefetchKind = NonNullable<Parameters<ReturnType<typeof useRouter>['prefetch']>[1]>['kind'];
/**
 * The page's data too, not only its loading state: the participant page is rendered per request.
 * Next 16 documents a full prefetch only as `<Link prefetch={true}>`, which fires for a link in the
 * viewport, and there is no link to the board before the join. `router.prefetch` takes the same
 * `kind`, typed as an enum no public entry exports: this value is checked against that enum's
 * values, so an upgrade that renames or drops `kind` or `'full'` fails the typecheck.
 */
const FULL: `${PrefetchKind}` = 'full';
const FULL_PREFETCH = { kind: FULL as PrefetchKind };
const participantPath = (code: string) => `/w/${code}`;

/** The front door: join with a code and a name, or create a workshop (or import one). */
export function HomeView({ initialCode }: { initialCode?: string }) {
  const router = useRouter();
  const t = useTranslations('home');
  const common = useTranslations('common');
  // While the person types their name, the room's board page (payload and scripts) loads: a
  // phone from the QR code has its code at once. The join then goes straight to opening the board.
  const prefetchBoard = useCallback((code: string) => router.prefetch(participantPath(code), FULL_PREFETCH), [router]);
  function joined(session: SessionReply) {
    keepJoinedSession(session);
    router.push(participantPath(session.code));
  }
  return (
    <main className="mx-auto flex min-h-dvh max-w-4xl flex-col gap-8 px-4 py-8 sm:py-12">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-3xl font-black text-slate-950 sm:text-4xl">{common('productName')}</h1>
          <p className="mt-2 text-lg text-slate-700">{t('tagline')}</p>
        </div>
        <LanguageMenu />
      </header>
      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="join-heading" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
          <h2 id="join-heading" className="mb-4 text-2xl font-bold">
            {t('joinHeading')}
          </h2>
          <JoinForm initialCode={initialCode} onJoined={joined} onCodeReady={prefetchBoard} />
        </section>
        <section aria-labelledby="create-heading" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
          <h2 id="create-heading" className="mb-4 text-2xl font-bold">
            {t('runHeading')}
          </h2>
          <CreateWorkshopForm />
          <hr className="my-6 border-slate-200" />
          <ImportForm />
        </section>
      </div>
    </main>
  );
}
