'use client';

import { useTranslations } from 'next-intl';
import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import type { Question } from '../../lib/actions';
import { LIMITS } from '../../lib/limits';
import type { BoardActions } from '../board/types';
import { TextEntry } from './TextEntry';
import { RefusalText } from '../ui/RefusalText';

interface Props {
  personaId: string;
  questions: Question[];
  actions: BoardActions;
  isReadOnly: boolean;
  /** A private or anonymous step: a new question is a draft until the reveal. */
  isPrivate: boolean;
  isLarge: boolean;
}

/** "What we don't know": the persona's open questions, edited in place. */
export function QuestionList({ personaId, questions, actions, isReadOnly, isPrivate, isLarge }: Props) {
  const t = useTranslations('plan');
  return (
    <section className="flex flex-col gap-2" aria-labelledby={`questions-${personaId}`}>
      <h3 id={`questions-${personaId}`} className={`font-semibold text-slate-900 ${isLarge ? 'text-2xl' : 'text-lg'}`}>
        {t('whatWeDontKnow')}
      </h3>
      {questions.length === 0 && <p className="text-slate-700">{t('noQuestions')}</p>}
      <ul className="flex flex-col gap-2">
        {questions.map((question, index) => (
          <QuestionRow key={question.id} question={question} index={index} actions={actions} isReadOnly={isReadOnly} isLarge={isLarge} />
        ))}
      </ul>
      {!isReadOnly && (
        <TextEntry
          label={t('newQuestion')}
          button={t('addQuestion')}
          maxChars={LIMITS.questionTextChars}
          placeholder={t('newQuestionPlaceholder')}
          isLarge={isLarge}
          onAdd={(text) => actions.addQuestion(personaId, text)}
          isPrivate={isPrivate}
        />
      )}
    </section>
  );
}

function QuestionRow({
  question,
  index,
  actions,
  isReadOnly,
  isLarge,
}: { question: Question; index: number } & Omit<Props, 'personaId' | 'questions' | 'isPrivate'>) {
  const t = useTranslations('plan');
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const size = isLarge ? 'text-xl' : 'text-base';
  if (isReadOnly) return <li className={`text-slate-900 ${size}`}>{question.text}</li>;
  function save() {
    if (text === null || text === question.text) return setText(null);
    const result = actions.editQuestion(question.id, text);
    setError(result.ok ? null : result.error);
    if (result.ok) setText(null);
  }
  return (
    <li className="flex flex-wrap items-center gap-2">
      <input
        aria-label={t('question', { number: index + 1 })}
        value={text ?? question.text}
        maxLength={LIMITS.questionTextChars}
        onChange={(event) => setText(event.target.value)}
        onBlur={save}
        onKeyDown={(event) => event.key === 'Enter' && save()}
        className={`min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 ${size}`}
      />
      {actions.mayDelete('questions', question.id) === true && (
        <button
          type="button"
          aria-label={t('deleteQuestion', { text: question.text })}
          onClick={() => actions.deleteQuestion(question.id)}
          className="grid size-9 place-items-center rounded-md text-slate-700 hover:bg-slate-100"
        >
          <Trash2 aria-hidden size={18} />
        </button>
      )}
      {error && (
        <p role="alert" className="basis-full text-sm font-medium text-red-700">
          <RefusalText text={error} />
        </p>
      )}
    </li>
  );
}
