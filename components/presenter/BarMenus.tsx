'use client';

import { Lock, LockOpen, Plus, RotateCcw } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { Quadrant } from '../../lib/quadrants';
import type { CommandInput } from '../../lib/session/commands';
import type { SessionState } from '../../lib/session/state';
import { QuadrantSelect } from '../board/QuadrantSelect';
import { CopyButton } from '../workshop/CopyButton';
import { BarMenu } from './BarMenu';

type Run = (command: CommandInput) => unknown;

/** The panels the bar opens over the board, one at a time (by their catalog key). */
export const PANEL_NAMES = { agenda: 'panelAgenda', map: 'panelMap', export: 'panelExport', roster: 'panelRoster' } as const;
export type FacilitatorPanel = keyof typeof PANEL_NAMES;

const ITEM = 'bar-btn w-full justify-start';

export function TimerMenu({ run }: { run: Run }) {
  const t = useTranslations('presenter');
  return (
    <BarMenu label={t('timerMenu')}>
      {(close) => (
        <>
          <button type="button" className={ITEM} onClick={() => run({ type: 'timer.addMinute' })}>
            <Plus aria-hidden size={18} /> {t('oneMinute')}
          </button>
          <button type="button" className={ITEM} onClick={() => (run({ type: 'timer.reset' }), close())}>
            <RotateCcw aria-hidden size={18} /> {t('resetTimer')}
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
  const t = useTranslations('presenter');
  return (
    <BarMenu label={t('boardMenu')}>
      {() => (
        <>
          <button
            type="button"
            className={ITEM}
            aria-pressed={session.isBoardLocked}
            onClick={() => run({ type: 'board.lock', isLocked: !session.isBoardLocked })}
          >
            {session.isBoardLocked ? <Lock aria-hidden size={18} /> : <LockOpen aria-hidden size={18} />} {t('lockBoard')}
          </button>
          <button
            type="button"
            className={ITEM}
            aria-pressed={session.isLobbyLocked}
            onClick={() => run({ type: 'lobby.lock', isLocked: !session.isLobbyLocked })}
          >
            {t('closeLobby')}
          </button>
          <label className="flex items-center justify-between gap-2 px-2 py-1 text-sm font-semibold">
            {t('spotlight')}
            <QuadrantSelect
              quadrants={quadrants}
              value={session.spotlight}
              onChange={(quadrant) => run({ type: 'spotlight.set', quadrant })}
              noneLabel={t('none')}
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
            {t('severalDots')}
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
  const t = useTranslations('presenter');
  return (
    <BarMenu label={t('panelsMenu')}>
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
            {t(PANEL_NAMES[panel])}
          </button>
        ))
      }
    </BarMenu>
  );
}

/** Copying the link, a new room code, hiding the controls, and `children` (the language menu). */
export function MoreMenu({
  run,
  facilitatorLink,
  onHide,
  children,
}: {
  run: Run;
  facilitatorLink: string;
  onHide(): void;
  children?: ReactNode;
}) {
  const t = useTranslations('presenter');
  return (
    <BarMenu label={t('moreMenu')}>
      {(close) => (
        <>
          <CopyButton text={facilitatorLink} label={t('copyFacilitatorLink')} className={ITEM} />
          <button
            type="button"
            className={ITEM}
            onClick={() => {
              close();
              if (window.confirm(t('newRoomCodeConfirm'))) {
                run({ type: 'room.rotateCode' });
              }
            }}
          >
            {t('newRoomCode')}
          </button>
          <button
            type="button"
            className={ITEM}
            onClick={() => {
              close();
              onHide();
            }}
          >
            {t('hideControls')}
          </button>
          {children}
        </>
      )}
    </BarMenu>
  );
}
