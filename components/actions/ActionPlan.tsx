'use client';

import { useTranslations } from 'next-intl';
import { SUGGESTED_ACTION_COUNT, type ActionItem, type Question } from '../../lib/actions';
import { LIMITS } from '../../lib/limits';
import type { Persona } from '../../lib/persona';
import type { BoardActions, BoardViewOptions } from '../board/types';
import { ActionRow, type Person } from './ActionRow';
import { QuestionList } from './QuestionList';
import { TextEntry } from './TextEntry';

interface Props {
  persona: Persona;
  questions: Question[];
  items: ActionItem[];
  /** The workshop's roster, to pick an action's owner from. */
  people: readonly Person[];
  actions: BoardActions;
  view: BoardViewOptions;
}

/** What we don't know about a persona, and the plan to find out. */
export function ActionPlan({ persona, questions, items, people, actions, view }: Props) {
  const t = useTranslations('plan');
  const isLarge = view.variant === 'projector';
  const own = items.filter((item) => item.personaId === persona.id);
  const done = own.filter((item) => item.isDone).length;
  return (
    <div className="flex flex-col gap-6 p-1">
      <QuestionList
        personaId={persona.id}
        questions={questions.filter((q) => q.personaId === persona.id)}
        actions={actions}
        isReadOnly={view.isReadOnly}
        isPrivate={view.areNotesPrivate ?? false}
        isLarge={isLarge}
      />
      <section className="flex flex-col gap-2" aria-labelledby={`plan-${persona.id}`}>
        <h3 id={`plan-${persona.id}`} className={`font-semibold text-slate-900 ${isLarge ? 'text-2xl' : 'text-lg'}`}>
          {t('actionPlan')}
        </h3>
        <p className={`text-slate-700 ${isLarge ? 'text-xl' : 'text-sm'}`}>
          {t('pickThree')} <span aria-live="polite">{t('actionCount', { count: own.length, done })}</span>
          {own.length > SUGGESTED_ACTION_COUNT && t('moreThanThree')}
        </p>
        <ul className="flex flex-col gap-2">
          {own.map((item, index) => (
            <ActionRow
              key={item.id}
              item={item}
              index={index}
              people={people}
              actions={actions}
              isReadOnly={view.isReadOnly}
              isLarge={isLarge}
            />
          ))}
        </ul>
        {!view.isReadOnly && (
          <TextEntry
            label={t('newAction')}
            button={t('addAction')}
            maxChars={LIMITS.actionTextChars}
            placeholder={t('newActionPlaceholder')}
            isLarge={isLarge}
            onAdd={(text) => actions.addAction(persona.id, text)}
            isPrivate={view.areNotesPrivate}
          />
        )}
      </section>
    </div>
  );
}
