'use client';

import { DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { useMemo } from 'react';
import type { Note } from '../../lib/note';
import { isMapNote } from '../../lib/board';
import { QUADRANTS, isQuadrantId, type QuadrantId } from '../../lib/quadrants';
import type { Group } from '../../lib/groups';
import { QuadrantPanel } from './QuadrantPanel';
import type { BoardActions, BoardVariant, BoardViewOptions } from './types';

interface Props {
  personaId: string;
  notes: Note[];
  groups: Group[];
  actions: BoardActions;
  view: BoardViewOptions;
  /** The spotlighted quadrant, shown large on the projector. */
  spotlight?: QuadrantId | null;
}

const LAYOUT: Record<BoardVariant, string> = {
  phone: 'grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-3',
  projector: 'grid h-full grid-cols-3 grid-rows-2 gap-4',
};

/** A persona's empathy map: six quadrants; notes move by drag or by their "Move to…" menu. */
export function EmpathyMap({ personaId, notes, groups, actions, view, spotlight = null }: Props) {
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor));
  const byQuadrant = useMemo(() => {
    const groups = new Map<QuadrantId, Note[]>(QUADRANTS.map((q) => [q.id, []]));
    for (const note of notes) if (note.personaId === personaId && isMapNote(note)) groups.get(note.quadrant)?.push(note);
    return groups;
  }, [notes, personaId]);

  // On the projector a spotlight zooms to its quadrant; phones keep the whole map below their focus box.
  const isZoomed = view.variant === 'projector' && spotlight !== null;

  function onDragEnd({ active, over }: DragEndEvent) {
    const target = over?.id;
    if (isQuadrantId(target)) actions.moveNote(String(active.id), target);
  }

  return (
    <DndContext sensors={sensors} onDragEnd={onDragEnd}>
      <div className={isZoomed ? 'h-full' : LAYOUT[view.variant]}>
        {QUADRANTS.filter((quadrant) => !isZoomed || quadrant.id === spotlight).map((quadrant) => (
          <QuadrantPanel
            key={quadrant.id}
            quadrant={quadrant}
            personaId={personaId}
            notes={byQuadrant.get(quadrant.id) ?? []}
            groups={groups.filter((group) => group.personaId === personaId && group.quadrant === quadrant.id)}
            actions={actions}
            view={view}
          />
        ))}
      </div>
    </DndContext>
  );
}
