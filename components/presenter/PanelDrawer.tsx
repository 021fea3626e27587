'use client';

import { X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { Board } from '../../lib/board';
import type { Quadrant } from '../../lib/quadrants';
import type { SessionState } from '../../lib/session/state';
import type { RosterEntry } from '../../lib/wire';
import { AgendaPanel } from '../session/AgendaPanel';
import { MapTemplatePanel } from '../session/MapTemplatePanel';
import type { SendCommand } from '../session/useCommand';
import { ExportMenu } from '../workshop/ExportMenu';
import { RosterList } from '../workshop/RosterList';
import { PANEL_NAMES, type FacilitatorPanel } from './BarMenus';

interface Props {
  panel: FacilitatorPanel;
  session: SessionState;
  board: Board;
  quadrants: readonly Quadrant[];
  roster: RosterEntry[];
  code: string;
  facilitatorKey: string;
  send: SendCommand;
  onRemove?(participantId: string): void;
  onClose(): void;
}

/**
 * A facilitator panel over the right of the board: opening the agenda or the roster never
 * reflows the projected map. It stays open while the facilitator works in it.
 */
export function PanelDrawer({ panel, session, board, quadrants, roster, code, facilitatorKey, send, onRemove, onClose }: Props) {
  const t = useTranslations('presenter');
  return (
    <div className="fixed top-16 end-3 z-30 flex max-h-[calc(100dvh-5rem)] w-[min(44rem,calc(100vw-1.5rem))] flex-col overflow-hidden rounded-xl border border-slate-300 bg-white shadow-2xl">
      <div className="flex shrink-0 items-center justify-end border-b border-slate-200 px-2 py-1">
        <button type="button" className="btn-secondary btn-small gap-1" onClick={onClose}>
          <X aria-hidden size={16} /> {t('closePanel', { panel: t(PANEL_NAMES[panel]) })}
        </button>
      </div>
      <div className="min-h-0 overflow-y-auto p-3">
        {panel === 'agenda' && <AgendaPanel session={session} send={send} quadrants={quadrants} />}
        {panel === 'map' && <MapTemplatePanel map={board.meta ?? {}} quadrants={quadrants} send={send} />}
        {panel === 'export' && <ExportMenu code={code} facilitatorKey={facilitatorKey} />}
        {panel === 'roster' && <RosterList roster={roster} isLarge onRemove={onRemove} />}
      </div>
    </div>
  );
}
