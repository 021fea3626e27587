'use client';

import { ChevronLeft, ChevronRight, Eye, Lock, LockOpen, Pause, Play, Plus, RotateCcw } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { Quadrant } from '../../lib/quadrants';
import { QuadrantSelect } from '../board/QuadrantSelect';
import { currentStep, type SessionState } from '../../lib/session/state';
import { useCommand, type SendCommand } from './useCommand';
import { FormError } from '../ui/FormError';

interface Props {
  session: SessionState;
  /** The empathy map's quadrants, to spotlight one. */
  quadrants: readonly Quadrant[];
  /** Private notes waiting for the reveal. */
  pendingDrafts: number;
  send: SendCommand;
  /** The facilitator's panel open under the bar, if any. */
  openPanel: FacilitatorPanel | null;
  onTogglePanel(panel: FacilitatorPanel): void;
  onHide(): void;
}

/** The panels the bar opens below itself, one at a time. */
const PANEL_NAMES = { agenda: 'Agenda', map: 'Map', export: 'Export' } as const;
export type FacilitatorPanel = keyof typeof PANEL_NAMES;

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** The facilitator's controls: agenda, timer, lock, lobby, spotlight. Presenter clickers work too. */
export function FacilitatorBar({ session, quadrants, pendingDrafts, send, openPanel, onTogglePanel, onHide }: Props) {
  const { run, error } = useCommand(send);
  const [allowMultiplePerNote, setAllowMultiplePerNote] = useState(false);
  const { timer } = session;

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (isTyping(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'PageDown' || (event.key === 'ArrowRight' && event.shiftKey)) void run({ type: 'step.next' });
      if (event.key === 'PageUp' || (event.key === 'ArrowLeft' && event.shiftKey)) void run({ type: 'step.previous' });
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [run]);

  return (
    <section aria-label="Facilitator controls" className="flex flex-wrap items-center gap-2 rounded-xl bg-slate-900 p-2 text-white">
      <button type="button" className="bar-btn" onClick={() => run({ type: 'step.previous' })}>
        <ChevronLeft aria-hidden size={18} /> Previous step
      </button>
      <button type="button" className="bar-btn" onClick={() => run({ type: 'step.next' })}>
        Next step <ChevronRight aria-hidden size={18} />
      </button>
      <span className="mx-1 h-6 w-px bg-slate-600" aria-hidden />
      {timer.status === 'running' ? (
        <button type="button" className="bar-btn" onClick={() => run({ type: 'timer.pause' })}>
          <Pause aria-hidden size={18} /> Pause timer
        </button>
      ) : timer.status === 'paused' ? (
        <button type="button" className="bar-btn" onClick={() => run({ type: 'timer.resume' })}>
          <Play aria-hidden size={18} /> Resume timer
        </button>
      ) : (
        <button type="button" className="bar-btn" onClick={() => run({ type: 'timer.start' })}>
          <Play aria-hidden size={18} /> Start timer
        </button>
      )}
      <button type="button" className="bar-btn" onClick={() => run({ type: 'timer.addMinute' })}>
        <Plus aria-hidden size={18} /> 1 minute
      </button>
      <button type="button" className="bar-btn" onClick={() => run({ type: 'timer.reset' })}>
        <RotateCcw aria-hidden size={18} /> Reset timer
      </button>
      <span className="mx-1 h-6 w-px bg-slate-600" aria-hidden />
      <button
        type="button"
        className="bar-btn"
        aria-pressed={session.isBoardLocked}
        onClick={() => run({ type: 'board.lock', isLocked: !session.isBoardLocked })}
      >
        {session.isBoardLocked ? <Lock aria-hidden size={18} /> : <LockOpen aria-hidden size={18} />} Lock board
      </button>
      <button
        type="button"
        className="bar-btn"
        aria-pressed={session.isLobbyLocked}
        onClick={() => run({ type: 'lobby.lock', isLocked: !session.isLobbyLocked })}
      >
        Close lobby
      </button>
      <label className="flex items-center gap-2 text-sm font-semibold">
        Spotlight
        <QuadrantSelect
          quadrants={quadrants}
          value={session.spotlight}
          onChange={(quadrant) => run({ type: 'spotlight.set', quadrant })}
          noneLabel="None"
          className="min-h-9 rounded-md bg-white px-2 text-slate-900"
        />
      </label>
      <span className="mx-1 h-6 w-px bg-slate-600" aria-hidden />
      <button type="button" className="bar-btn" disabled={pendingDrafts === 0} onClick={() => run({ type: 'drafts.reveal' })}>
        <Eye aria-hidden size={18} /> Reveal notes ({pendingDrafts})
      </button>
      {session.vote?.status === 'open' ? (
        <button type="button" className="bar-btn" onClick={() => run({ type: 'vote.close' })}>
          Close vote
        </button>
      ) : (
        <>
          <button type="button" className="bar-btn" onClick={() => run({ type: 'vote.open', quadrant: null, allowMultiplePerNote })}>
            Open vote ({currentStep(session).voteBudget} dots)
          </button>
          <label className="flex items-center gap-1 text-sm font-semibold">
            <input
              type="checkbox"
              checked={allowMultiplePerNote}
              onChange={(event) => setAllowMultiplePerNote(event.target.checked)}
              className="h-4 w-4"
            />
            Several dots per note
          </label>
        </>
      )}
      <span className="mx-1 h-6 w-px bg-slate-600" aria-hidden />
      {(Object.keys(PANEL_NAMES) as FacilitatorPanel[]).map((panel) => (
        <button key={panel} type="button" className="bar-btn" aria-expanded={openPanel === panel} onClick={() => onTogglePanel(panel)}>
          {PANEL_NAMES[panel]}
        </button>
      ))}
      <button
        type="button"
        className="bar-btn"
        onClick={() =>
          window.confirm('Give the workshop a new room code? People already in stay in; the old code admits nobody new.') &&
          run({ type: 'room.rotateCode' })
        }
      >
        New room code
      </button>
      <button type="button" className="bar-btn ml-auto" onClick={onHide}>
        Hide controls
      </button>
      <FormError message={error} className="w-full rounded bg-red-100 px-3 py-1 text-sm font-medium text-red-900" />
    </section>
  );
}
