'use client';

import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { memo, useCallback, type ReactNode } from 'react';
import { NoteRow, type NoteRowProps } from './NoteRow';
import { QuadrantSection, type QuadrantSectionProps } from './QuadrantSection';

/**
 * Drag and drop for the participant's map on a wide screen (a mouse moves a note by its handle).
 * Loaded on its own, only there (`useDragModule`): a phone moves notes with the sheet's "Move to",
 * so dnd-kit never reaches its JavaScript budget.
 */
export function MapDragArea({ onDrop, children }: { onDrop(noteId: string, targetId: string): void; children: ReactNode }) {
  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS), useSensor(KeyboardSensor));
  const onDragEnd = useCallback(
    ({ active, over }: DragEndEvent) => {
      if (over) onDrop(String(active.id), String(over.id));
    },
    [onDrop],
  );
  // The drag context stays out of the path of the room's changes: only the map below re-renders
  // on them (a new context value would re-render every note row).
  return (
    <DndContext sensors={sensors} onDragEnd={onDragEnd}>
      {children}
    </DndContext>
  );
}

/** One object for the life of the page, so the sensors stay the same. */
const POINTER_OPTIONS = { activationConstraint: { distance: 6 } };

/** A note row with a drag handle. */
export const DraggableNoteRow = memo(function DraggableNoteRow(props: NoteRowProps) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: props.note.id, disabled: !props.canDrag });
  return <NoteRow {...props} drag={{ setNodeRef, transform, isDragging, handle: { ...attributes, ...listeners } }} />;
});

/** A quadrant that takes dropped notes. */
export function DroppableQuadrantSection(props: QuadrantSectionProps) {
  const { setNodeRef, isOver } = useDroppable({ id: props.quadrant.id, disabled: !props.rows.canDrag || props.composer === null });
  return <QuadrantSection {...props} drop={{ setNodeRef, isOver }} />;
}
