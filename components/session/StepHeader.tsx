import type { Note } from '../../lib/note';
import type { Quadrant } from '../../lib/quadrants';
import { currentStep, type SessionState } from '../../lib/session/state';
import type { RosterEntry } from '../../lib/wire';
import { TimerDisplay } from './TimerDisplay';

interface Props {
  session: SessionState;
  clockOffsetMs: number;
  roster: RosterEntry[];
  notes: Note[];
  quadrants: readonly Quadrant[];
  personaId: string | null;
}

/** The projector's strip: the step and its prompt, the timer, and how the room is doing. */
export function StepHeader({ session, clockOffsetMs, roster, notes, quadrants, personaId }: Props) {
  const step = currentStep(session);
  const index = session.agenda.findIndex((s) => s.id === step.id);
  const people = roster.filter((entry) => entry.role === 'participant');
  const online = people.filter((entry) => entry.isOnline).length;
  const personaNotes = notes.filter((note) => note.personaId === personaId);
  return (
    <section aria-label="Current step" className="flex flex-wrap items-center gap-x-8 gap-y-2 rounded-xl bg-white px-5 py-3 shadow-sm">
      <div className="min-w-0 flex-1">
        <p className="text-lg font-medium text-slate-600">
          Step {index + 1} of {session.agenda.length}
          {step.isPrivate && ' · private writing'}
          {step.isAnonymous && ' · anonymous'}
          {session.isBoardLocked && ' · board locked'}
        </p>
        <h2 className="text-4xl font-black text-slate-950">{step.title}</h2>
        {step.prompt && <p className="mt-1 max-w-5xl text-xl text-slate-800">{step.prompt}</p>}
      </div>
      <dl className="grid grid-cols-3 gap-x-6 text-center">
        <div>
          <dt className="text-base text-slate-600">Joined</dt>
          <dd className="text-4xl font-bold">{online}</dd>
        </div>
        <div>
          <dt className="text-base text-slate-600">Done</dt>
          <dd className="text-4xl font-bold">{session.doneParticipantIds.length}</dd>
        </div>
        <div>
          <dt className="text-base text-slate-600">Notes</dt>
          <dd className="text-4xl font-bold">{personaNotes.length}</dd>
        </div>
      </dl>
      <p className="sr-only">
        Notes per quadrant: {quadrants.map((q) => `${q.title} ${personaNotes.filter((n) => n.quadrant === q.id).length}`).join(', ')}
      </p>
      <TimerDisplay timer={session.timer} clockOffsetMs={clockOffsetMs} isLarge hasChime />
    </section>
  );
}
