'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import type { SessionReply } from '../../lib/api';
import { EMPTY_BOARD as EMPTY_DOC_BOARD } from '../../lib/board';
import { BoardLists } from '../../lib/boardLists';
import { checkSession } from './api';
import { BoardConnection, type BoardState } from './BoardConnection';
import { ControlConnection, INITIAL_CONTROL_STATE, type ControlState } from './ControlConnection';

export interface Workshop {
  board: BoardConnection;
  control: ControlConnection;
}

const EMPTY_BOARD: BoardState = { board: EMPTY_DOC_BOARD, lists: new BoardLists(), status: 'connecting', isLoaded: false };
const noop = () => () => undefined;

/** Opens the board and control connections for a session; closes them on unmount. */
export function useWorkshopConnections(session: SessionReply | null, onEnded: () => void): Workshop | null {
  const [workshop, setWorkshop] = useState<Workshop | null>(null);
  /** Bumped when the server dropped our board changes: start over from the server's copy. */
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!session) return;
    const { code, token } = session;
    const board = new BoardConnection(code, token, session, {
      onEnded,
      isSessionValid: async () => {
        const result = await checkSession(code, token);
        return result.ok || result.status === 0 || result.status >= 500;
      },
    });
    const control = new ControlConnection(code, token, {
      onEnded,
      onBoardRefused: () => {
        void board.discardLocalCopy().then(() => setGeneration((n) => n + 1));
      },
    });
    setWorkshop({ board, control });
    return () => {
      board.destroy();
      control.destroy();
      setWorkshop(null);
    };
    // onEnded is a stable callback from the view; re-running on its identity would reconnect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, generation]);
  return workshop;
}

export function useBoardState(workshop: Workshop | null): BoardState {
  return useSyncExternalStore(
    workshop?.board.subscribe ?? noop,
    () => workshop?.board.getState() ?? EMPTY_BOARD,
    () => EMPTY_BOARD,
  );
}

export function useControlState(workshop: Workshop | null): ControlState {
  return useSyncExternalStore(
    workshop?.control.subscribe ?? noop,
    () => workshop?.control.getState() ?? INITIAL_CONTROL_STATE,
    () => INITIAL_CONTROL_STATE,
  );
}
