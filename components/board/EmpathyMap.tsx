'use client';

import { DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { memo } from 'react';
import { OFF_MAP, type Quadrant, type QuadrantId } from '../../lib/quadrants';
import { useBoardSelector, type BoardSource } from '../sync/useBoardSelector';
import { QuadrantPanel } from './QuadrantPanel';
import type { BoardActions, BoardVariant, BoardViewOptions } from './types';

interface Props {
  personaId: string;
  /** The live board: each quadrant reads its own notes and groups from it. */
  source: BoardSource;
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
 *
 * Memoised, and each quadrant subscribes to its own notes: a change from the room re-renders the
 * one quadrant it touched, never this map. (Re-rendering it would re-render dnd-kit's context,
 * whose new transform object makes React walk every note of the board on every change.)
 */
export const EmpathyMap = memo(function EmpathyMap({ personaId, source, actions, view, spotlight = null }: Props) {
  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS), useSensor(KeyboardSensor));
  const { quadrants } = view;
  const hasOffMap = useBoardSelector(source, (state) => state.lists.hasOffMapNotes(personaId));
  const panels = hasOffMap ? [...quadrants, OFF_MAP] : quadrants;

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
          .filter((quadrant) => !isZoomed || quadrant.id === spotlight)
          .map((quadrant) => (
            <LiveQuadrant
              key={quadrant.id}
              source={source}
              quadrant={quadrant}
              personaId={personaId}
              actions={actions}
              view={view}
              isOffMap={quadrant === OFF_MAP}
            />
          ))}
      </div>
    </DndContext>
  );
});

interface LiveQuadrantProps {
  source: BoardSource;
  quadrant: Quadrant;
  personaId: string;
  actions: BoardActions;
  view: BoardViewOptions;
  isOffMap: boolean;
}

/** One quadrant, re-rendered when its own notes or groups change (the same arrays otherwise). */
function LiveQuadrant({ source, quadrant, personaId, actions, view, isOffMap }: LiveQuadrantProps) {
  const notes = useBoardSelector(source, (state) => state.lists.notesIn(personaId, quadrant.id));
  const groups = useBoardSelector(source, (state) => state.lists.groupsIn(personaId, quadrant.id));
  return (
    <QuadrantPanel
      quadrant={quadrant}
      personaId={personaId}
      notes={notes}
      groups={groups}
      actions={actions}
      view={view}
      canAddNotes={!isOffMap}
    />
  );
}
