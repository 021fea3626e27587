'use client';

import type { JourneyStep } from '../../lib/journey';
import { LIMITS } from '../../lib/limits';
import type { Note } from '../../lib/note';
import type { Persona } from '../../lib/persona';
import { TextEntry } from '../actions/TextEntry';
import type { BoardActions, BoardViewOptions } from '../board/types';
import { JourneyStepItem } from './JourneyStepItem';
import { ScenarioField } from './ScenarioField';

interface Props {
  persona: Persona;
  steps: JourneyStep[];
  notes: Note[];
  actions: BoardActions;
  view: BoardViewOptions;
}

/** A persona's buying scenario and its ordered journey steps, each with notes. */
export function JourneyBoard({ persona, steps, notes, actions, view }: Props) {
  const isLarge = view.variant === 'projector';
  const own = steps.filter((step) => step.personaId === persona.id);
  return (
    <section className="flex flex-col gap-4 p-1" aria-label={`Journey of ${persona.name}`}>
      <ScenarioField
        key={persona.id}
        value={persona.scenario ?? ''}
        onSave={(text) => actions.setScenario(persona.id, text)}
        isReadOnly={view.isReadOnly}
        isLarge={isLarge}
      />
      <h3 className={`font-semibold text-slate-900 ${isLarge ? 'text-2xl' : 'text-base'}`}>Journey steps</h3>
      {own.length === 0 && <p className="text-slate-700">No steps yet: from first hearing of the product to buying it again.</p>}
      <ol className="flex flex-col gap-3">
        {own.map((step, index) => (
          <JourneyStepItem
            key={step.id}
            step={step}
            index={index}
            count={own.length}
            notes={notes.filter((note) => note.journeyStepId === step.id)}
            actions={actions}
            view={view}
          />
        ))}
      </ol>
      {!view.isReadOnly && (
        <TextEntry
          label="New step"
          button="Add step"
          maxChars={LIMITS.journeyStepTitleChars}
          placeholder="e.g. Compares prices online"
          isLarge={isLarge}
          onAdd={(title) => actions.addJourneyStep(persona.id, title)}
        />
      )}
    </section>
  );
}
