'use client';

import { useEffect, useState } from 'react';

export type DragModule = typeof import('./MapDragArea');

let loaded: DragModule | null = null;
let loading: Promise<DragModule> | null = null;

/** Fetches the drag-and-drop chunk (dnd-kit) once; a failed fetch may be retried. */
export function loadDragModule(): Promise<DragModule> {
  loading ??= import('./MapDragArea').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * Drag and drop once it is wanted (a wide screen): `'loading'` until the module is there, then
 * the module (kept when the screen narrows again, so the map never mounts twice more); `null`
 * where it was never wanted or could not be loaded (the sheet's "Move to" still works).
 */
export function useDragModule(isWanted: boolean): DragModule | 'loading' | null {
  const [module, setModule] = useState(loaded);
  const [hasFailed, setHasFailed] = useState(false);
  useEffect(() => {
    if (!isWanted || module) return;
    let isLive = true;
    loadDragModule().then(
      (arrived) => isLive && setModule(arrived),
      () => isLive && setHasFailed(true),
    );
    return () => {
      isLive = false;
    };
  }, [isWanted, module]);
  if (module) return module;
  return isWanted && !hasFailed ? 'loading' : null;
}
