'use client';

import dynamic from 'next/dynamic';
import { memo, useCallback, useId, useMemo, useState } from 'react';
import type { Note } from '../../lib/note';
import type { QuadrantId, QuadrantNotes } from '../../lib/quadrants';
import type { BoardActions, BoardViewOptions } from '../board/types';
import { useBoardSelector, type BoardSource } from '../sync/useBoardSelector';
import { useMediaQuery } from '../ui/useMediaQuery';
import { MovedOnNotice } from './MovedOnNotice';
import { NoteRow } from './NoteRow';
import { QuadrantComposer } from './QuadrantComposer';
import { QuadrantPicker } from './QuadrantPicker';
import { QuadrantSection, type RowContext } from './QuadrantSection';
import { loadDragModule, useDragModule, type DragModule } from './useDragModule';
import { useOpenQuadrant } from './useOpenQuadrant';

/** The "⋯" sheet: fetched on the first tap, not with the board. */
const NoteSheet = dynamic(() => import('./NoteSheet').then((m) => m.NoteSheet));

interface Props {
  personaId: string;
  /** The live board: the persona's quadrants, their notes and groups, as the store keeps them. */
  source: BoardSource;
  actions: BoardActions;
  view: BoardViewOptions;
  /** The facilitator's quadrant: the spotlight, else the current step's. */
  currentQuadrant: QuadrantId | null;
}

/** Several quadrants side by side from a tablet's width; below it, one at a time. */
const WIDE_QUERY = '(min-width: 768px)';

// A wide screen drags notes: fetch dnd-kit's chunk while the board loads, not after.
if (typeof window !== 'undefined' && window.matchMedia(WIDE_QUERY).matches) loadDragModule().catch(() => {});

/**
 * A participant's empathy map. On a phone: the list of quadrants with counts, then the open one
 * (the facilitator's, or the one tapped) with its composer on top; the other quadrants' notes are
 * not rendered at all, so a 1,000-note board stays one quadrant's work. On a wider screen every
 * quadrant sits side by side with the same compact rows. Every note's tools are in its "⋯" sheet.
 */
export const ParticipantMap = memo(function ParticipantMap(props: Props) {
  const { actions, view } = props;
  const isWide = useMediaQuery(WIDE_QUERY);
  const drag = useDragModule(isWide);
  // What is typed outlives the map when it mounts again under the drag context (a phone turned wide).
  const [typed] = useState(() => new Map<QuadrantId, string>());
  const onDrop = useCallback(
    (noteId: string, targetId: string) => {
      const target = view.quadrants.find((quadrant) => quadrant.id === targetId);
      if (target) actions.moveNote(noteId, target.id);
    },
    [actions, view.quadrants],
  );
  // Waits for the drag module (fetched at start on a wide screen) rather than mounting twice.
  if (drag === 'loading') return null;
  const map = <LiveMap {...props} isWide={isWide} drag={drag} typed={typed} />;
  // The drag context sits above the map's subscription: the room's changes never re-render it
  // (a new context value would re-render every note row).
  return drag ? <drag.MapDragArea onDrop={onDrop}>{map}</drag.MapDragArea> : map;
});

interface LiveMapProps extends Props {
  isWide: boolean;
  drag: DragModule | null;
  typed: Map<QuadrantId, string>;
}

/** The map itself, subscribed to the persona's quadrants in the live board. */
function LiveMap({ personaId, source, actions, view, currentQuadrant, isWide, drag, typed }: LiveMapProps) {
  const baseId = useId();
  const headingId = (id: QuadrantId) => `${baseId}-${id}`;
  // The store keeps each quadrant's list (and the array of them) the same while unchanged.
  const panels = useBoardSelector(source, (state) => state.lists.quadrantNotes(personaId));
  const groups = useBoardSelector(source, (state) => state.board.groups);
  const [texts, setTexts] = useState<Record<QuadrantId, string>>(() => Object.fromEntries(typed));
  const ids = useMemo(() => panels.map((panel) => panel.quadrant.id), [panels]);
  const { open, movedOnTo, choose } = useOpenQuadrant(ids, currentQuadrant, (id) => Boolean(texts[id]?.trim()));
  const [sheet, setSheet] = useState<{ noteId: string; opener: HTMLElement } | null>(null);

  const { voting } = view;
  const onOpen = useCallback((noteId: string, opener: HTMLElement) => setSheet({ noteId, opener }), []);
  const onVote = useCallback((noteId: string, delta: 1 | -1) => voting?.cast(noteId, delta), [voting]);
  const rows: RowContext = {
    canChange: !view.isReadOnly,
    canDrag: isWide && !view.isReadOnly,
    voting,
    onOpen,
    onVote,
    Row: drag?.DraggableNoteRow ?? NoteRow,
  };
  const Section = drag?.DroppableQuadrantSection ?? QuadrantSection;
  const sheetNote = sheet ? findNote(panels, sheet.noteId) : undefined;

  function onText(id: QuadrantId, text: string) {
    // A note started here holds this quadrant open, even when the facilitator moves on.
    if (text.trim() && !texts[id]?.trim()) choose(id);
    typed.set(id, text);
    setTexts((all) => ({ ...all, [id]: text }));
  }

  function openQuadrant(id: QuadrantId) {
    choose(id);
    // The tapped quadrant replaces the open one: take focus (and the screen) to its title.
    requestAnimationFrame(() => document.getElementById(headingId(id))?.focus());
  }

  const section = ({ quadrant, notes: own, isOffMap }: QuadrantNotes<Note>) => (
    <Section
      key={quadrant.id}
      quadrant={quadrant}
      notes={own as Note[]}
      groups={groups.filter((group) => group.personaId === personaId && group.quadrant === quadrant.id)}
      actions={actions}
      rows={rows}
      isReadOnly={view.isReadOnly}
      isCurrent={quadrant.id === currentQuadrant}
      headingId={headingId(quadrant.id)}
      isCompact={!isWide}
      notice={
        !isWide && movedOnTo !== null && <MovedOnNotice to={movedOnTo} quadrants={view.quadrants} onGo={() => openQuadrant(movedOnTo)} />
      }
      composer={
        isOffMap ? null : (
          <QuadrantComposer
            quadrantTitle={quadrant.title}
            text={texts[quadrant.id] ?? ''}
            onText={(text) => onText(quadrant.id, text)}
            onAdd={(text) => actions.addNote(personaId, quadrant.id, text)}
            isDisabled={view.isReadOnly}
            isPrivate={Boolean(view.areNotesPrivate)}
            isPhone={!isWide}
          />
        )
      }
    />
  );

  return (
    <>
      {isWide ? (
        <div className="grid grid-cols-2 items-start gap-3 xl:grid-cols-3">{panels.map(section)}</div>
      ) : (
        <div className="flex flex-col gap-3">
          <QuadrantPicker panels={panels} open={open} current={currentQuadrant} onOpen={openQuadrant} />
          {panels.filter((panel) => panel.quadrant.id === open).map(section)}
        </div>
      )}
      {/* A lock closes the sheet: its changes would be refused. */}
      {sheet && sheetNote && !view.isReadOnly && (
        <NoteSheet
          note={sheetNote}
          actions={actions}
          moveTargets={view.quadrants.filter((q) => q.id !== sheetNote.quadrant)}
          onMove={(target) => {
            actions.moveNote(sheetNote.id, target);
            setSheet(null);
          }}
          groups={groups.filter((group) => group.personaId === personaId && group.quadrant === sheetNote.quadrant)}
          promoteTargets={view.promoteTargets}
          onClose={() => setSheet(null)}
          returnFocusTo={sheet.opener}
          fallbackFocus={() => document.getElementById(headingId(sheetNote.quadrant))?.focus()}
        />
      )}
    </>
  );
}

function findNote(panels: readonly QuadrantNotes<Note>[], noteId: string): Note | undefined {
  for (const panel of panels) {
    const note = panel.notes.find((candidate) => candidate.id === noteId);
    if (note) return note;
  }
  return undefined;
}
