'use client';

import { useSyncExternalStore } from 'react';

/** Wide enough to be the projector (or a big monitor): views switch to their large type there. */
const WIDE_QUERY = '(min-width: 1280px)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(WIDE_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Follows the window's width, so one page reads well on a 375 px phone and on a projector. */
export function useWideScreen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(WIDE_QUERY).matches,
    () => false,
  );
}
