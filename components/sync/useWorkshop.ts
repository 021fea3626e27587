'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import type { SessionReply } from '../../lib/api';
import { EMPTY_BOARD as EMPTY_DOC_BOARD } from '../../lib/board';
import { BoardLists } from '../../lib/boardLists';
import type { Refusal } from '../../lib/boardNotices';
import type { RefusalHistory } from '../../lib/recovery';
import { checkSession } from './api';
import { BoardConnection, type BoardState } from './BoardConnection';
import type { BoardRecovery } from './boardRecovery';
import { ControlConnection, INITIAL_CONTROL_STATE, type ControlState } from './ControlConnection';

export interface Workshop {
  board: BoardConnection;
  control: ControlConnection;
}

const EMPTY_BOARD: BoardState = {
  board: EMPTY_DOC_BOARD,
  lists: new BoardLists(),
  status: 'connecting',
  isLoaded: false,
  notice: null,
  nearlyFull: null,
};
const noop = () => () => undefined;

/**
 * Opens the board and control connections for a session; closes them on unmount. When the
 * server refuses a board update, a fresh board connection takes over from the old one (which
 * stays on screen until the new one is ready): see `BoardConnection` and `lib/recovery.ts`.
 */
export function useWorkshopConnections(session: SessionReply | null, onEnded: () => void): Workshop | null {
  const [workshop, setWorkshop] = useState<Workshop | null>(null);
  useEffect(() => {
    if (!session) return;
    const { code, token } = session;
    let isStopped = false;
    const history: RefusalHistory = new Map();
    const control = new ControlConnection(code, token, { onEnded });
    const open = (recovery: BoardRecovery | null): BoardConnection => {
      const board: BoardConnection = new BoardConnection(
        code,
        token,
        session,
        {
          onEnded,
          isSessionValid: async () => {
            const result = await checkSession(code, token);
            return result.ok || result.status === 0 || result.status >= 500;
          },
          onRefused: (refusals) => takeOver(board, refusals),
          // Sent just as the step turned private (or typed offline): kept, as the drafts they should be.
          onPrivateDrafts: (drafts) => {
            for (const draft of drafts) control.addPrivate(draft.target, draft.text);
          },
        },
        recovery,
      );
      return board;
    };
    let current = open(null);
    let next: BoardConnection | null = null;
    const takeOver = (previous: BoardConnection, refusals: Refusal[]) => {
      const successor = open({ previousDoc: previous.doc, refusals, history });
      next = successor;
      void successor.whenReady.then(async () => {
        if (isStopped) return;
        current = successor;
        next = null;
        setWorkshop({ board: successor, control });
        // The old copy in IndexedDB holds the refused change: replace it with the fresh doc.
        await previous.forgetLocalCopy();
        previous.destroy();
        successor.keepLocalCopy();
      });
    };
    setWorkshop({ board: current, control });
    return () => {
      isStopped = true;
      current.destroy();
      next?.destroy();
      control.destroy();
      setWorkshop(null);
    };
    // onEnded is a stable callback from the view; re-running on its identity would reconnect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session]);
  return workshop;
}

export function useBoardState(workshop: Workshop | null): BoardState {
  return useBoardField(workshop, whole);
}

/**
 * One field of the board's state, re-rendering only when it changes: `select` returns what the
 * state holds (`s.status`, `s.board.meta`), never a fresh copy. A page's header, tabs and menus
 * read this way skip the room's note edits (see `useBoardSelector`).
 */
export function useBoardField<T>(workshop: Workshop | null, select: (state: BoardState) => T): T {
  return useSyncExternalStore(
    workshop?.board.subscribe ?? noop,
    () => select(workshop?.board.getState() ?? EMPTY_BOARD),
    () => select(EMPTY_BOARD),
  );
}

const whole = (state: BoardState) => state;

export function useControlState(workshop: Workshop | null): ControlState {
  return useSyncExternalStore(
    workshop?.control.subscribe ?? noop,
    () => workshop?.control.getState() ?? INITIAL_CONTROL_STATE,
    () => INITIAL_CONTROL_STATE,
  );
}
