'use client';

import { useSyncExternalStore } from 'react';

/**
 * Wide enough for the projected board: a projector (1280 or 1920 px, or an old 1024 px one) or a
 * laptop. A presenter view opened on a phone or a narrow window gets the phone's board instead,
 * which scrolls, rather than a canvas squeezed into 375 px.
 */
const PROJECTOR_QUERY = '(min-width: 900px)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(PROJECTOR_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

export function useProjectorScreen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(PROJECTOR_QUERY).matches,
    () => true,
  );
}
