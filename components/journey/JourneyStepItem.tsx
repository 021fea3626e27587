'use client';

import { useTranslations } from 'next-intl';
import { useDroppable } from '@dnd-kit/core';
import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react';
import { useState } from 'react';
import type { JourneyStep } from '../../lib/journey';
import type { Note } from '../../lib/note';
import { NoteComposer } from '../board/NoteComposer';
import { StickyNote } from '../board/StickyNote';
import { NoteRow } from '../participant/NoteRow';
import type { BoardActions, BoardViewOptions } from '../board/types';
import { RefusalText } from '../ui/RefusalText';

interface Props {
  step: JourneyStep;
  index: number;
  /** Every step of this persona's journey, in order (the notes' "Move to…" targets). */
  steps: readonly JourneyStep[];
  notes: Note[];
  actions: BoardActions;
  view: BoardViewOptions;
  /** Participants: opens a note's "⋯" sheet (the projector keeps its notes' own tools). */
  onOpenNote?: (noteId: string, opener: HTMLElement) => void;
}

/** One journey step: its title (renamed in place), move up/down, delete, and its notes (a drop target for notes). */
export function JourneyStepItem({ step, index, steps, notes, actions, view, onOpenNote }: Props) {
  const [title, setTitle] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { setNodeRef, isOver } = useDroppable({ id: step.id, disabled: view.isReadOnly });
  const isLarge = view.variant === 'projector';
  const t = useTranslations('plan');
  const label = t('step', { number: index + 1 });
  const count = steps.length;
  const moveTargets = steps.flatMap((other, i) => (other.id === step.id ? [] : [{ id: other.id, title: `${i + 1}. ${other.title}` }]));

  function rename() {
    if (title === null || title === step.title) return setTitle(null);
    const result = actions.renameJourneyStep(step.id, title);
    setError(result.ok ? null : result.error);
    if (result.ok) setTitle(null);
  }

  /** Shows why a change did not happen (e.g. the step holds other people's notes). */
  function run(result: { ok: boolean; error?: string }) {
    setError(result.ok ? null : (result.error ?? null));
  }

  return (
    <li
      ref={setNodeRef}
      id={journeyStepElementId(step.id)}
      tabIndex={-1}
      className={`flex flex-col gap-2 rounded-lg border-2 p-3 ${isOver ? 'border-blue-600 bg-blue-50' : 'border-slate-300 bg-white'}`}
      aria-label={`${label}: ${step.title}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className={`font-bold text-slate-600 ${isLarge ? 'text-xl' : 'text-sm'}`}>{index + 1}.</span>
        {view.isReadOnly ? (
          <h3 className={`font-semibold text-slate-950 ${isLarge ? 'text-2xl' : 'text-lg'}`}>{step.title}</h3>
        ) : (
          <input
            aria-label={t('stepTitle', { step: label })}
            value={title ?? step.title}
            onChange={(event) => setTitle(event.target.value)}
            onBlur={rename}
            onKeyDown={(event) => event.key === 'Enter' && rename()}
            className={`min-w-0 flex-1 rounded-md border border-transparent px-2 py-1 font-semibold text-slate-950 hover:border-slate-300 focus:border-slate-400 ${isLarge ? 'text-2xl' : 'text-lg'}`}
          />
        )}
        {!view.isReadOnly && (
          <span className="flex gap-1">
            <IconButton
              label={t('moveStepUp', { title: step.title })}
              disabled={index === 0}
              onClick={() => actions.moveJourneyStep(step.id, index - 1)}
            >
              <ArrowUp aria-hidden size={18} />
            </IconButton>
            <IconButton
              label={t('moveStepDown', { title: step.title })}
              disabled={index === count - 1}
              onClick={() => actions.moveJourneyStep(step.id, index + 1)}
            >
              <ArrowDown aria-hidden size={18} />
            </IconButton>
            {actions.mayDelete('journeySteps', step.id) === true && (
              <IconButton label={t('deleteStep', { title: step.title })} onClick={() => run(actions.deleteJourneyStep(step.id))}>
                <Trash2 aria-hidden size={18} />
              </IconButton>
            )}
          </span>
        )}
      </div>
      {error && (
        <p role="alert" className="text-sm font-medium text-red-700">
          <RefusalText text={error} />
        </p>
      )}
      <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3" aria-label={t('notesOn', { title: step.title })}>
        {notes.map((note) =>
          onOpenNote ? (
            <NoteRow
              key={note.id}
              note={note}
              canChange={!view.isReadOnly}
              canDrag={false}
              voteMode={null}
              voteCount={0}
              onOpen={onOpenNote}
              onVote={noVote}
            />
          ) : (
            <StickyNote
              key={note.id}
              note={note}
              actions={actions}
              view={view}
              move={{ targets: moveTargets, onMove: (stepId) => actions.moveNoteToStep(note.id, stepId) }}
            />
          ),
        )}
      </ul>
      {!view.isReadOnly && (
        <NoteComposer
          quadrantTitle={step.title}
          onAdd={(text) => actions.addJourneyNote(step.personaId, step.id, text)}
          isLarge={isLarge}
          isPrivate={view.areNotesPrivate}
        />
      )}
    </li>
  );
}

const noVote = () => undefined;

/** The step's element id, where focus goes back to when a note's sheet closes after it left. */
export const journeyStepElementId = (stepId: string) => `journey-step-${stepId}`;

function IconButton({
  label,
  onClick,
  disabled,
  children,
}: {
  label: string;
  onClick(): void;
  disabled?: boolean;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
      className="grid size-11 place-items-center rounded-md text-slate-700 hover:bg-slate-100 disabled:opacity-40"
    >
      {children}
    </button>
  );
}
