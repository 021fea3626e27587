'use client';

import { useTranslations } from 'next-intl';
import { DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { useCallback, useState } from 'react';
import type { JourneyStep } from '../../lib/journey';
import { LIMITS } from '../../lib/limits';
import type { Note } from '../../lib/note';
import type { Persona } from '../../lib/persona';
import { TextEntry } from '../actions/TextEntry';
import type { BoardActions, BoardViewOptions } from '../board/types';
import { NoteSheet } from '../participant/NoteSheet';
import { JourneyStepItem, journeyStepElementId } from './JourneyStepItem';
import { ScenarioField } from './ScenarioField';

interface Props {
  persona: Persona;
  steps: JourneyStep[];
  notes: Note[];
  actions: BoardActions;
  view: BoardViewOptions;
}

/**
 * One object for the life of the page: a new one each render would give dnd-kit new sensors, new
 * context, and re-render every draggable note on every change of the board.
 */
const POINTER_OPTIONS = { activationConstraint: { distance: 6 } };

/**
 * A persona's buying scenario and its ordered journey steps, each with notes. A note moves to
 * another step by drag (pointer or keyboard) or by its "Move to…" menu, as on the empathy map.
 */
export function JourneyBoard({ persona, steps, notes, actions, view }: Props) {
  const t = useTranslations('plan');
  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS), useSensor(KeyboardSensor));
  const isLarge = view.variant === 'projector';
  const own = steps.filter((step) => step.personaId === persona.id);
  const [sheet, setSheet] = useState<{ noteId: string; opener: HTMLElement } | null>(null);
  const openNote = useCallback((noteId: string, opener: HTMLElement) => setSheet({ noteId, opener }), []);
  const sheetNote = sheet ? notes.find((note) => note.id === sheet.noteId && note.personaId === persona.id) : undefined;

  function onDragEnd({ active, over }: DragEndEvent) {
    const target = own.find((step) => step.id === over?.id);
    const note = notes.find((candidate) => candidate.id === active.id);
    if (target && note && note.journeyStepId !== target.id) actions.moveNoteToStep(note.id, target.id);
  }
  return (
    <section className="flex flex-col gap-4 p-1" aria-label={t('journeyOf', { name: persona.name })}>
      <ScenarioField
        key={persona.id}
        value={persona.scenario ?? ''}
        onSave={(text) => actions.setScenario(persona.id, text)}
        isReadOnly={view.isReadOnly}
        isLarge={isLarge}
      />
      <h3 className={`font-semibold text-slate-900 ${isLarge ? 'text-2xl' : 'text-base'}`}>{t('journeySteps')}</h3>
      {own.length === 0 && <p className="text-slate-700">{t('noSteps')}</p>}
      <DndContext sensors={sensors} onDragEnd={onDragEnd}>
        <ol className="flex flex-col gap-3">
          {own.map((step, index) => (
            <JourneyStepItem
              key={step.id}
              step={step}
              index={index}
              steps={own}
              notes={notes.filter((note) => note.journeyStepId === step.id)}
              actions={actions}
              view={view}
              onOpenNote={isLarge ? undefined : openNote}
            />
          ))}
        </ol>
      </DndContext>
      {sheet && sheetNote && !view.isReadOnly && (
        <NoteSheet
          note={sheetNote}
          actions={actions}
          moveTargets={own.flatMap((step, i) =>
            step.id === sheetNote.journeyStepId ? [] : [{ id: step.id, title: `${i + 1}. ${step.title}` }],
          )}
          onMove={(stepId) => {
            actions.moveNoteToStep(sheetNote.id, stepId);
            setSheet(null);
          }}
          groups={[]}
          promoteTargets={view.promoteTargets}
          onClose={() => setSheet(null)}
          returnFocusTo={sheet.opener}
          fallbackFocus={() => document.getElementById(journeyStepElementId(sheetNote.journeyStepId ?? ''))?.focus()}
        />
      )}
      {!view.isReadOnly && (
        <TextEntry
          label={t('newStep')}
          button={t('addStep')}
          maxChars={LIMITS.journeyStepTitleChars}
          placeholder={t('newStepPlaceholder')}
          isLarge={isLarge}
          onAdd={(title) => actions.addJourneyStep(persona.id, title)}
        />
      )}
    </section>
  );
}
