'use client';

import { useSyncExternalStore } from 'react';

/** The projector sizes are set for a 1080 px tall screen; this is the window's height against it. */
const REFERENCE_HEIGHT_PX = 1080;

function subscribe(onChange: () => void): () => void {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
}

const current = () => Math.round((window.innerHeight / REFERENCE_HEIGHT_PX) * 100) / 100;

/** 1 on a 1080 p screen, 0.67 on 720 p: the projector's type scales with the screen, not the pixels. */
export function useViewportScale(): number {
  return useSyncExternalStore(subscribe, current, () => 1);
}
