'use client';

import { useSyncExternalStore } from 'react';
import type { BoardState } from './BoardConnection';

/** Where a view reads the live board from: `BoardConnection` (or anything with its two methods). */
export interface BoardSource {
  subscribe(listener: () => void): () => void;
  getState(): BoardState;
}

/**
 * One part of the board, re-rendering only when that part changes. `select` must return what
 * the state holds (a record, an array, a `lists` entry) or a primitive, never a fresh copy, e.g.
 * `useBoardSelector(source, (s) => s.lists.notesIn(personaId, quadrantId))`.
 */
export function useBoardSelector<T>(source: BoardSource, select: (state: BoardState) => T): T {
  const snapshot = () => select(source.getState());
  return useSyncExternalStore(source.subscribe, snapshot, snapshot);
}
