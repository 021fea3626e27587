import { useTranslations } from 'next-intl';
import { currentStep, type SessionState } from '../../lib/session/state';
import { DoneToggle } from './DoneToggle';
import { TimerDisplay } from './TimerDisplay';
import type { SendCommand } from './useCommand';

interface Props {
  session: SessionState;
  clockOffsetMs: number;
  participantId: string;
  send: SendCommand;
  /** The workshop language, which the step's title and prompt are written in (hyphenation, screen readers). */
  contentLang?: string;
}

/**
 * The title breaks between words: when its longest word does not fit beside the timer and the
 * toggle, those wrap under it (`min-w-min`) rather than the word splitting ("Custome|r"). A word
 * longer than a phone's line gets the whole line and may break (it could not fit anyway).
 */
function titleWidth(title: string): string {
  const longestWord = Math.max(0, ...title.split(/\s+/u).map((word) => [...word].length));
  return longestWord > 20 ? 'min-w-0 basis-full' : 'min-w-min';
}

/** The phone's view of where the workshop is: step, timer and "I'm done" on one line, then the prompt. */
export function StepBanner({ session, clockOffsetMs, participantId, send, contentLang }: Props) {
  const t = useTranslations('session');
  const step = currentStep(session);
  return (
    <section aria-label={t('currentStep')} className="flex flex-col gap-1 rounded-xl bg-white p-3 shadow-sm">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h2
          dir="auto"
          lang={contentLang}
          className={`${titleWidth(step.title)} flex-1 text-lg leading-tight font-bold break-words hyphens-auto text-slate-950`}
        >
          {step.title}
        </h2>
        <TimerDisplay timer={session.timer} clockOffsetMs={clockOffsetMs} />
        {step.kind !== 'lobby' && <DoneToggle isDone={session.doneParticipantIds.includes(participantId)} send={send} />}
      </div>
      {step.prompt && (
        <p dir="auto" lang={contentLang} className="text-sm text-slate-700">
          {step.prompt}
        </p>
      )}
    </section>
  );
}
