'use client';

import { useLocale } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { LOCALE_COOKIE, type Locale } from '../../lib/i18n/locales';

const RETRY_MS = 1_500;
const MAX_TRIES = 5;

/**
 * The projector follows the workshop language when the facilitator changes it (unless this
 * device chose its own language in the menu): the page is re-rendered on the server, which reads
 * the board's language. The server may not have the change yet when the first refresh arrives,
 * so it retries a few times while the page still shows the old language.
 */
export function useWorkshopLanguage(workshopLocale: Locale | undefined): void {
  const pageLocale = useLocale();
  const router = useRouter();
  useEffect(() => {
    if (!workshopLocale || workshopLocale === pageLocale || hasDeviceLanguage()) return;
    let tries = 0;
    const timer = window.setInterval(() => {
      tries += 1;
      router.refresh();
      if (tries >= MAX_TRIES) window.clearInterval(timer);
    }, RETRY_MS);
    router.refresh();
    return () => window.clearInterval(timer);
  }, [workshopLocale, pageLocale, router]);
}

function hasDeviceLanguage(): boolean {
  return document.cookie.split(/;\s*/).some((cookie) => cookie.startsWith(`${LOCALE_COOKIE}=`));
}
