'use client';

import { Lock, LockOpen, Plus, RotateCcw } from 'lucide-react';
import type { Quadrant } from '../../lib/quadrants';
import type { CommandInput } from '../../lib/session/commands';
import type { SessionState } from '../../lib/session/state';
import { QuadrantSelect } from '../board/QuadrantSelect';
import { CopyButton } from '../workshop/CopyButton';
import { BarMenu } from './BarMenu';

type Run = (command: CommandInput) => unknown;

/** The panels the bar opens over the board, one at a time. */
export const PANEL_NAMES = { agenda: 'Agenda', map: 'Map', export: 'Export', roster: 'Roster' } as const;
export type FacilitatorPanel = keyof typeof PANEL_NAMES;

const ITEM = 'bar-btn w-full justify-start';

export function TimerMenu({ run }: { run: Run }) {
  return (
    <BarMenu label="Timer">
      {(close) => (
        <>
          <button type="button" className={ITEM} onClick={() => run({ type: 'timer.addMinute' })}>
            <Plus aria-hidden size={18} /> 1 minute
          </button>
          <button type="button" className={ITEM} onClick={() => (run({ type: 'timer.reset' }), close())}>
            <RotateCcw aria-hidden size={18} /> Reset timer
          </button>
        </>
      )}
    </BarMenu>
  );
}

interface BoardMenuProps {
  session: SessionState;
  quadrants: readonly Quadrant[];
  run: Run;
  allowMultiplePerNote: boolean;
  onAllowMultiplePerNote(isAllowed: boolean): void;
}

/** Lock, lobby, spotlight and how the next vote counts. */
export function BoardMenu({ session, quadrants, run, allowMultiplePerNote, onAllowMultiplePerNote }: BoardMenuProps) {
  return (
    <BarMenu label="Board">
      {() => (
        <>
          <button
            type="button"
            className={ITEM}
            aria-pressed={session.isBoardLocked}
            onClick={() => run({ type: 'board.lock', isLocked: !session.isBoardLocked })}
          >
            {session.isBoardLocked ? <Lock aria-hidden size={18} /> : <LockOpen aria-hidden size={18} />} Lock board
          </button>
          <button
            type="button"
            className={ITEM}
            aria-pressed={session.isLobbyLocked}
            onClick={() => run({ type: 'lobby.lock', isLocked: !session.isLobbyLocked })}
          >
            Close lobby
          </button>
          <label className="flex items-center justify-between gap-2 px-2 py-1 text-sm font-semibold">
            Spotlight
            <QuadrantSelect
              quadrants={quadrants}
              value={session.spotlight}
              onChange={(quadrant) => run({ type: 'spotlight.set', quadrant })}
              noneLabel="None"
              className="min-h-9 rounded-md bg-white px-2 text-slate-900"
            />
          </label>
          <label className="flex items-center gap-2 px-2 py-1 text-sm font-semibold">
            <input
              type="checkbox"
              checked={allowMultiplePerNote}
              onChange={(event) => onAllowMultiplePerNote(event.target.checked)}
              className="h-4 w-4"
            />
            Several dots per note
          </label>
        </>
      )}
    </BarMenu>
  );
}

export function PanelsMenu({
  openPanel,
  onTogglePanel,
}: {
  openPanel: FacilitatorPanel | null;
  onTogglePanel(panel: FacilitatorPanel): void;
}) {
  return (
    <BarMenu label="Panels">
      {(close) =>
        (Object.keys(PANEL_NAMES) as FacilitatorPanel[]).map((panel) => (
          <button
            key={panel}
            type="button"
            className={ITEM}
            aria-expanded={openPanel === panel}
            onClick={() => {
              onTogglePanel(panel);
              close();
            }}
          >
            {PANEL_NAMES[panel]}
          </button>
        ))
      }
    </BarMenu>
  );
}

export function MoreMenu({ run, facilitatorLink, onHide }: { run: Run; facilitatorLink: string; onHide(): void }) {
  return (
    <BarMenu label="More">
      {(close) => (
        <>
          <CopyButton text={facilitatorLink} label="Copy facilitator link" className={ITEM} />
          <button
            type="button"
            className={ITEM}
            onClick={() => {
              close();
              if (window.confirm('Give the workshop a new room code? People already in stay in; the old code admits nobody new.')) {
                run({ type: 'room.rotateCode' });
              }
            }}
          >
            New room code
          </button>
          <button
            type="button"
            className={ITEM}
            onClick={() => {
              close();
              onHide();
            }}
          >
            Hide controls
          </button>
        </>
      )}
    </BarMenu>
  );
}
