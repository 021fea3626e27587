'use client';

import { ChevronLeft, ChevronRight, Eye, Pause, Play } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { textDirection, type Locale } from '../../lib/i18n/locales';
import type { Quadrant } from '../../lib/quadrants';
import { currentStep, type SessionState } from '../../lib/session/state';
import { BoardMenu, MoreMenu, PanelsMenu, TimerMenu, type FacilitatorPanel } from '../presenter/BarMenus';
import type { CommandInput } from '../../lib/session/commands';
import { FormError } from '../ui/FormError';
import { LanguageMenu } from '../ui/LanguageMenu';
import { WorkshopLanguageSelect } from '../presenter/WorkshopLanguageSelect';

export type { FacilitatorPanel } from '../presenter/BarMenus';

interface Props {
  session: SessionState;
  /** The empathy map's quadrants, to spotlight one. */
  quadrants: readonly Quadrant[];
  /** Private notes waiting for the reveal. */
  pendingDrafts: number;
  /** Runs a command; the presenter's, so its clicker keys and these buttons report failures in one place. */
  run(command: CommandInput): unknown;
  /** The last command's failure, to show. */
  error: string | null;
  /** The facilitator's panel open over the board, if any. */
  openPanel: FacilitatorPanel | null;
  onTogglePanel(panel: FacilitatorPanel): void;
  /** The facilitator link (with the key), for "Copy facilitator link". */
  facilitatorLink: string;
  onHide(): void;
  /** The bar comes back after being hidden: "Next step" takes the focus (the clicker's own action). */
  takesFocus?: boolean;
  /** The workshop language (the board's), which the facilitator may change. */
  workshopLocale: Locale;
  onWorkshopLocale(locale: Locale): void;
}

/**
 * The facilitator's controls in one row at 1280 px: the step, the timer, reveal and vote (the
 * moves of a running workshop) as buttons, the rest grouped in menus. A presenter clicker's keys
 * live with the presenter (`useClickerKeys`), so they keep working with the bar hidden.
 */
export function FacilitatorBar({
  session,
  quadrants,
  pendingDrafts,
  run,
  error,
  openPanel,
  onTogglePanel,
  facilitatorLink,
  onHide,
  takesFocus = false,
  workshopLocale,
  onWorkshopLocale,
}: Props) {
  const t = useTranslations('presenter');
  // The steps run along the reading direction: right to left, "next" points left.
  const isRtl = textDirection(useLocale()) === 'rtl';
  const [Back, Forward] = isRtl ? [ChevronRight, ChevronLeft] : [ChevronLeft, ChevronRight];
  const [allowMultiplePerNote, setAllowMultiplePerNote] = useState(false);
  const { timer } = session;

  return (
    <section
      aria-label={t('facilitatorControls')}
      className="flex shrink-0 flex-wrap items-center gap-1 rounded-xl bg-slate-900 px-2 py-1 text-white"
    >
      <button
        type="button"
        className="bar-btn"
        aria-label={t('previousStep')}
        title={t('previousStep')}
        onClick={() => run({ type: 'step.previous' })}
      >
        <Back aria-hidden size={20} />
      </button>
      <button type="button" className="bar-btn" autoFocus={takesFocus} onClick={() => run({ type: 'step.next' })}>
        {t('nextStep')} <Forward aria-hidden size={18} />
      </button>
      <Divider />
      {timer.status === 'running' ? (
        <button type="button" className="bar-btn" onClick={() => run({ type: 'timer.pause' })}>
          <Pause aria-hidden size={18} /> {t('pauseTimer')}
        </button>
      ) : timer.status === 'paused' ? (
        <button type="button" className="bar-btn" onClick={() => run({ type: 'timer.resume' })}>
          <Play aria-hidden size={18} /> {t('resumeTimer')}
        </button>
      ) : (
        <button type="button" className="bar-btn" onClick={() => run({ type: 'timer.start' })}>
          <Play aria-hidden size={18} /> {t('startTimer')}
        </button>
      )}
      <TimerMenu run={run} />
      <Divider />
      <button
        type="button"
        className={`bar-btn ${pendingDrafts > 0 ? 'bg-amber-400 text-slate-950 hover:bg-amber-300' : ''}`}
        disabled={pendingDrafts === 0}
        onClick={() => run({ type: 'drafts.reveal' })}
      >
        <Eye aria-hidden size={18} /> {t('revealNotes', { count: pendingDrafts })}
      </button>
      {session.vote?.status === 'open' ? (
        <button type="button" className="bar-btn" onClick={() => run({ type: 'vote.close' })}>
          {t('closeVote')}
        </button>
      ) : (
        <button type="button" className="bar-btn" onClick={() => run({ type: 'vote.open', quadrant: null, allowMultiplePerNote })}>
          {t('openVote', { count: currentStep(session).voteBudget })}
        </button>
      )}
      <Divider />
      <BoardMenu
        session={session}
        quadrants={quadrants}
        run={run}
        allowMultiplePerNote={allowMultiplePerNote}
        onAllowMultiplePerNote={setAllowMultiplePerNote}
      />
      <PanelsMenu openPanel={openPanel} onTogglePanel={onTogglePanel} />
      <MoreMenu run={run} facilitatorLink={facilitatorLink} onHide={onHide}>
        <WorkshopLanguageSelect value={workshopLocale} onChange={onWorkshopLocale} />
        <LanguageMenu tone="dark" className="px-2 py-1" />
      </MoreMenu>
      <FormError message={error} className="w-full rounded bg-red-100 px-3 py-1 text-sm font-medium text-red-900" />
    </section>
  );
}

function Divider() {
  return <span className="mx-1 h-6 w-px bg-slate-600" aria-hidden />;
}
