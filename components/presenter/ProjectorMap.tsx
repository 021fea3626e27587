'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Group } from '../../lib/groups';
import type { Note } from '../../lib/note';
import type { Persona } from '../../lib/persona';
import { projectorCanvas } from '../../lib/projectorCanvas';
import { MAX_NOTE_FONT_PX_AT_1080 } from '../../lib/projectorLayout';
import type { QuadrantId } from '../../lib/quadrants';
import type { BoardActions, BoardViewOptions } from '../board/types';
import { isTyping } from '../ui/isTyping';
import { MapDialogs, type OpenDialog } from './MapDialogs';
import { PersonaCard } from './PersonaCard';
import { ProjectorQuadrant, type QuadrantHandlers } from './ProjectorQuadrant';
import { useArrivals } from './useArrivals';
import { useStablePanels } from './useStablePanels';
import { useViewportScale } from './useViewportScale';

interface Props {
  persona: Persona;
  /** Every note and group of the board; this map shows the persona's. */
  notes: readonly Note[];
  groups: readonly Group[];
  actions: BoardActions;
  view: BoardViewOptions;
  /** The spotlighted quadrant: the map zooms to it. */
  spotlight: QuadrantId | null;
}

/** The spotlight's single quadrant gets bigger type than a quadrant among six. */
const ZOOMED_FONT_RATIO = 1.4;

/**
 * The projected empathy map: the persona at the centre, the quadrants around it in the classic
 * canvas, every note on screen (fitted, stacked or counted; never scrolled). Notes open an
 * editor on click; "N" or the persona card's button opens the composer.
 */
export function ProjectorMap({ persona, notes, groups, actions, view, spotlight }: Props) {
  const scale = useViewportScale();
  const { quadrants } = view;
  const zoomed = spotlight !== null && quadrants.some((q) => q.id === spotlight) ? spotlight : null;
  const panels = useStablePanels(quadrants, notes, groups, persona.id);
  const panelIds = panels.map((panel) => panel.quadrant.id).join(' ');
  const canvas = useMemo(() => projectorCanvas(panelIds.split(' '), zoomed), [panelIds, zoomed]);
  const noteIds = useMemo(() => notes.map((note) => note.id), [notes]);
  const arrivals = useArrivals(noteIds);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const maxFontPx = Math.max(16, Math.round(MAX_NOTE_FONT_PX_AT_1080 * scale * (zoomed ? ZOOMED_FONT_RATIO : 1)));
  const canCompose = !view.isReadOnly;
  const handlers: QuadrantHandlers = useMemo(
    () => ({
      onOpenNote: (noteId) => setDialog({ kind: 'note', noteId }),
      onOpenGroup: (groupId) => setDialog({ kind: 'group', groupId }),
      onOpenMore: (quadrantId, noteIds) => setDialog({ kind: 'more', quadrantId, noteIds }),
    }),
    [],
  );
  const compose = useCallback(() => setDialog({ kind: 'compose' }), []);
  useComposerShortcut(canCompose && dialog === null, compose);
  const personaNotes = panels.reduce((sum, panel) => sum + panel.notes.length, 0);

  return (
    <div
      className="grid h-full min-h-0 gap-2"
      style={{
        gridTemplateColumns: canvas.columns,
        gridTemplateRows: canvas.rows,
        gridTemplateAreas: canvas.areas.map((row) => `"${row}"`).join(' '),
      }}
    >
      <PersonaCard
        persona={persona}
        shape={canvas.persona}
        fontPx={Math.round(MAX_NOTE_FONT_PX_AT_1080 * scale)}
        noteCount={personaNotes}
        onCompose={canCompose ? compose : undefined}
      />
      {panels
        .filter((panel) => canvas.areaOf[panel.quadrant.id])
        .map((panel) => (
          <ProjectorQuadrant
            key={panel.quadrant.id}
            quadrant={panel.quadrant}
            notes={panel.notes}
            groups={panel.groups}
            voteResults={view.voting?.results ?? null}
            maxFontPx={maxFontPx}
            arrivals={arrivals}
            gridArea={canvas.areaOf[panel.quadrant.id]!}
            {...handlers}
          />
        ))}
      <MapDialogs
        dialog={dialog}
        persona={persona}
        notes={notes}
        panels={panels}
        actions={actions}
        view={view}
        defaultQuadrant={zoomed}
        onChange={setDialog}
      />
    </div>
  );
}

/** "N" opens the composer, unless someone is typing or a dialog is open. */
function useComposerShortcut(isEnabled: boolean, open: () => void) {
  useEffect(() => {
    if (!isEnabled) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key.toLowerCase() !== 'n' || event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      open();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [isEnabled, open]);
}
