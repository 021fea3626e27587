'use client';

import { useSyncExternalStore } from 'react';
import { EMPTY_HISTORY, type BoardHistory, type HistoryState } from './BoardHistory';

const noop = () => () => undefined;

/** Whether this browser can undo or redo its own last board change (and why not, when refused). */
export function useBoardHistory(history: BoardHistory | null): HistoryState {
  return useSyncExternalStore(
    history?.subscribe ?? noop,
    () => history?.getState() ?? EMPTY_HISTORY,
    () => EMPTY_HISTORY,
  );
}
