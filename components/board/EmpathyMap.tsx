'use client';

import { DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import type { BoardLists } from '../../lib/boardLists';
import type { QuadrantId } from '../../lib/quadrants';
import { QuadrantPanel } from './QuadrantPanel';
import type { BoardActions, BoardVariant, BoardViewOptions } from './types';

interface Props {
  personaId: string;
  /** The board's lists: each quadrant's notes and groups, the same arrays while unchanged. */
  lists: BoardLists;
  actions: BoardActions;
  view: BoardViewOptions;
  /** The spotlighted quadrant, shown large on the projector. */
  spotlight?: QuadrantId | null;
}

/** Phones stack the quadrants; the projector lays them out to fill the screen, by how many there are. */
const PHONE_LAYOUT = 'grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-3';
const PROJECTOR_LAYOUTS: Record<number, string> = {
  1: 'grid h-full grid-cols-1 gap-4',
  2: 'grid h-full grid-cols-2 gap-4',
  3: 'grid h-full grid-cols-3 gap-4',
  4: 'grid h-full grid-cols-2 grid-rows-2 gap-4',
  5: 'grid h-full grid-cols-3 grid-rows-2 gap-4',
  6: 'grid h-full grid-cols-3 grid-rows-2 gap-4',
};
const WIDE_PROJECTOR_LAYOUT = 'grid h-full grid-cols-4 grid-rows-2 gap-4';

function layout(variant: BoardVariant, panels: number): string {
  return variant === 'phone' ? PHONE_LAYOUT : (PROJECTOR_LAYOUTS[panels] ?? WIDE_PROJECTOR_LAYOUT);
}

/**
 * One object for the life of the page: a new one each render would give dnd-kit new sensors, new
 * context, and re-render every draggable note on every change of the board.
 */
const POINTER_OPTIONS = { activationConstraint: { distance: 6 } };

/**
 * A persona's empathy map: the quadrants of the board's template; notes move by drag or by their
 * "Move to…" menu. Notes of quadrants the map lacks get a panel of their own, so none is hidden.
 */
export function EmpathyMap({ personaId, lists, actions, view, spotlight = null }: Props) {
  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS), useSensor(KeyboardSensor));
  const { quadrants } = view;
  const panels = lists.quadrantNotes(personaId);

  // On the projector a spotlight zooms to its quadrant; phones keep the whole map below their focus box.
  const isZoomed = view.variant === 'projector' && spotlight !== null && quadrants.some((q) => q.id === spotlight);

  function onDragEnd({ active, over }: DragEndEvent) {
    const target = quadrants.find((quadrant) => quadrant.id === over?.id);
    if (target) actions.moveNote(String(active.id), target.id);
  }

  return (
    <DndContext sensors={sensors} onDragEnd={onDragEnd}>
      <div className={isZoomed ? 'h-full' : layout(view.variant, panels.length)}>
        {panels
          .filter(({ quadrant }) => !isZoomed || quadrant.id === spotlight)
          .map(({ quadrant, notes: own, isOffMap }) => (
            <QuadrantPanel
              key={quadrant.id}
              quadrant={quadrant}
              personaId={personaId}
              notes={own}
              groups={lists.groupsIn(personaId, quadrant.id)}
              actions={actions}
              view={view}
              canAddNotes={!isOffMap}
            />
          ))}
      </div>
    </DndContext>
  );
}
