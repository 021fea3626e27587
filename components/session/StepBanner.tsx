import { currentStep, type SessionState } from '../../lib/session/state';
import { DoneToggle } from './DoneToggle';
import { TimerDisplay } from './TimerDisplay';
import type { SendCommand } from './useCommand';

interface Props {
  session: SessionState;
  clockOffsetMs: number;
  participantId: string;
  send: SendCommand;
}

/** The phone's view of where the workshop is: step, prompt, timer and "I'm done". */
export function StepBanner({ session, clockOffsetMs, participantId, send }: Props) {
  const step = currentStep(session);
  return (
    <section aria-label="Current step" className="flex flex-col gap-2 rounded-xl bg-white p-3 shadow-sm">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="text-xl font-bold text-slate-950">{step.title}</h2>
          {step.prompt && <p className="text-base text-slate-700">{step.prompt}</p>}
        </div>
        <TimerDisplay timer={session.timer} clockOffsetMs={clockOffsetMs} />
      </div>
      {step.kind !== 'lobby' && (
        <div className="flex justify-end">
          <DoneToggle isDone={session.doneParticipantIds.includes(participantId)} send={send} />
        </div>
      )}
    </section>
  );
}
