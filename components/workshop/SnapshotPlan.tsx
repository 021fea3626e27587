'use client';

import { useLocale, useTranslations } from 'next-intl';
import type { Board } from '../../lib/board';
import { NoteList } from './SnapshotNotes';

interface Props {
  board: Board;
  personaId: string;
  isLarge: boolean;
}

/** `YYYY-MM-DD` is a calendar date with no time zone: shown as that day wherever the screen is. */
function dueDate(date: string, locale: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(year!, month! - 1, day!));
}

/** The persona's buying scenario and journey steps with their notes, as they were. */
export function SnapshotJourney({ board, personaId, isLarge }: Props) {
  const t = useTranslations('snapshot');
  const tp = useTranslations('plan');
  const persona = board.personas.find((p) => p.id === personaId);
  const steps = board.journeySteps.filter((step) => step.personaId === personaId);
  const heading = `font-semibold text-slate-900 ${isLarge ? 'text-2xl' : 'text-lg'}`;
  return (
    <section aria-label={t('journey')} className="flex flex-col gap-3">
      <h3 className={heading}>{tp('buyingScenario')}</h3>
      <p className={`whitespace-pre-wrap text-slate-800 ${isLarge ? 'text-xl' : 'text-base'}`}>{persona?.scenario || t('noScenario')}</p>
      <h3 className={heading}>{tp('journeySteps')}</h3>
      {steps.length === 0 && <p className="text-slate-700">{t('noSteps')}</p>}
      <ol className="flex flex-col gap-3">
        {steps.map((step, index) => {
          const notes = board.notes.filter((note) => note.journeyStepId === step.id);
          return (
            <li
              key={step.id}
              aria-label={t('stepLabel', { number: index + 1, title: step.title })}
              className="flex flex-col gap-2 rounded-lg border border-slate-300 bg-white p-3"
            >
              <h4 className={`font-semibold text-slate-950 ${isLarge ? 'text-2xl' : 'text-lg'}`}>
                {index + 1}. {step.title}
              </h4>
              <NoteList notes={notes} label={tp('notesOn', { title: step.title })} isLarge={isLarge} />
              {notes.length === 0 && <p className="text-slate-600">{t('noNotesOnStep')}</p>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** What the team did not know about the persona, and the actions it planned, as they were. */
export function SnapshotPlan({ board, personaId, isLarge }: Props) {
  const t = useTranslations('snapshot');
  const locale = useLocale();
  const questions = board.questions.filter((q) => q.personaId === personaId);
  const actions = board.actions.filter((a) => a.personaId === personaId);
  const heading = `font-semibold text-slate-900 ${isLarge ? 'text-2xl' : 'text-lg'}`;
  const size = isLarge ? 'text-xl' : 'text-base';
  return (
    <section aria-label={t('actionPlan')} className="flex flex-col gap-3">
      <h3 className={heading}>{t('whatWeDontKnow')}</h3>
      {questions.length === 0 ? (
        <p className="text-slate-700">{t('noQuestions')}</p>
      ) : (
        <ol className={`list-decimal ps-6 text-slate-900 ${size}`}>
          {questions.map((question) => (
            <li key={question.id}>{question.text}</li>
          ))}
        </ol>
      )}
      <h3 className={heading}>{t('actionPlan')}</h3>
      {actions.length === 0 && <p className="text-slate-700">{t('noActions')}</p>}
      <ul className="flex flex-col gap-2">
        {actions.map((action) => {
          const question = questions.find((q) => q.id === action.questionId);
          return (
            <li key={action.id} className={`flex flex-col gap-1 rounded-lg border border-slate-300 bg-white p-3 ${size}`}>
              <span className="flex flex-wrap items-baseline gap-2">
                <span
                  className={`rounded-full px-2 text-sm font-semibold ${action.isDone ? 'bg-green-100 text-green-900' : 'bg-slate-100 text-slate-800'}`}
                >
                  {action.isDone ? t('done') : t('open')}
                </span>
                <span className="font-medium text-slate-950">{action.text}</span>
              </span>
              <span className="text-slate-700">
                {t('ownerDue', {
                  owner: action.ownerName || t('nobodyYet'),
                  due: action.dueDate ? dueDate(action.dueDate, locale) : t('noDate'),
                })}
              </span>
              {question && <span className="text-slate-700">{t('answers', { question: question.text })}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
