import type { Board } from '../../lib/board';
import { NoteList } from './SnapshotNotes';

interface Props {
  board: Board;
  personaId: string;
  isLarge: boolean;
}

const dueFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** `YYYY-MM-DD` is a calendar date with no time zone: shown as that day wherever the screen is. */
function dueDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return dueFormat.format(new Date(year!, month! - 1, day!));
}

/** The persona's buying scenario and journey steps with their notes, as they were. */
export function SnapshotJourney({ board, personaId, isLarge }: Props) {
  const persona = board.personas.find((p) => p.id === personaId);
  const steps = board.journeySteps.filter((step) => step.personaId === personaId);
  const heading = `font-semibold text-slate-900 ${isLarge ? 'text-2xl' : 'text-lg'}`;
  return (
    <section aria-label="Journey" className="flex flex-col gap-3">
      <h3 className={heading}>Buying scenario</h3>
      <p className={`whitespace-pre-wrap text-slate-800 ${isLarge ? 'text-xl' : 'text-base'}`}>{persona?.scenario || 'No scenario.'}</p>
      <h3 className={heading}>Journey steps</h3>
      {steps.length === 0 && <p className="text-slate-700">No journey steps.</p>}
      <ol className="flex flex-col gap-3">
        {steps.map((step, index) => {
          const notes = board.notes.filter((note) => note.journeyStepId === step.id);
          return (
            <li
              key={step.id}
              aria-label={`Step ${index + 1}: ${step.title}`}
              className="flex flex-col gap-2 rounded-lg border border-slate-300 bg-white p-3"
            >
              <h4 className={`font-semibold text-slate-950 ${isLarge ? 'text-2xl' : 'text-lg'}`}>
                {index + 1}. {step.title}
              </h4>
              <NoteList notes={notes} label={`Notes on ${step.title}`} isLarge={isLarge} />
              {notes.length === 0 && <p className="text-slate-600">No notes on this step.</p>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** What the team did not know about the persona, and the actions it planned, as they were. */
export function SnapshotPlan({ board, personaId, isLarge }: Props) {
  const questions = board.questions.filter((q) => q.personaId === personaId);
  const actions = board.actions.filter((a) => a.personaId === personaId);
  const heading = `font-semibold text-slate-900 ${isLarge ? 'text-2xl' : 'text-lg'}`;
  const size = isLarge ? 'text-xl' : 'text-base';
  return (
    <section aria-label="Action plan" className="flex flex-col gap-3">
      <h3 className={heading}>What we don’t know</h3>
      {questions.length === 0 ? (
        <p className="text-slate-700">No open questions.</p>
      ) : (
        <ol className={`list-decimal pl-6 text-slate-900 ${size}`}>
          {questions.map((question) => (
            <li key={question.id}>{question.text}</li>
          ))}
        </ol>
      )}
      <h3 className={heading}>Action plan</h3>
      {actions.length === 0 && <p className="text-slate-700">No actions.</p>}
      <ul className="flex flex-col gap-2">
        {actions.map((action) => {
          const question = questions.find((q) => q.id === action.questionId);
          return (
            <li key={action.id} className={`flex flex-col gap-1 rounded-lg border border-slate-300 bg-white p-3 ${size}`}>
              <span className="flex flex-wrap items-baseline gap-2">
                <span
                  className={`rounded-full px-2 text-sm font-semibold ${action.isDone ? 'bg-green-100 text-green-900' : 'bg-slate-100 text-slate-800'}`}
                >
                  {action.isDone ? 'Done' : 'Open'}
                </span>
                <span className="font-medium text-slate-950">{action.text}</span>
              </span>
              <span className="text-slate-700">
                Owner: {action.ownerName || 'nobody yet'} · Due: {action.dueDate ? dueDate(action.dueDate) : 'no date'}
              </span>
              {question && <span className="text-slate-700">Answers: {question.text}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
