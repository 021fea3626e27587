'use client';

import { useMemo, useRef } from 'react';
import { isMapNote } from '../../lib/board';
import type { Group } from '../../lib/groups';
import type { Note } from '../../lib/note';
import { notesByQuadrant, type Quadrant } from '../../lib/quadrants';

/** One quadrant's share of the persona's map. */
export interface Panel {
  quadrant: Quadrant;
  notes: readonly Note[];
  groups: readonly Group[];
  isOffMap: boolean;
}

const sameItems = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((item, index) => item === b[index]);

/**
 * The persona's notes and groups by quadrant. A quadrant whose notes and groups are the same
 * records as before keeps the same arrays, so its memoised view skips the update: with the
 * board store keeping unchanged records' identity, a note added to Pains re-renders Pains only.
 */
export function useStablePanels(
  quadrants: readonly Quadrant[],
  notes: readonly Note[],
  groups: readonly Group[],
  personaId: string,
): Panel[] {
  const previous = useRef(new Map<string, Panel>());
  return useMemo(() => {
    const mine = notes.filter((note) => note.personaId === personaId && isMapNote(note));
    const panels = notesByQuadrant(quadrants, mine).map(({ quadrant, notes: own, isOffMap }): Panel => {
      const ownGroups = groups.filter((group) => group.personaId === personaId && group.quadrant === quadrant.id);
      const old = previous.current.get(quadrant.id);
      return {
        quadrant,
        isOffMap,
        notes: old && sameItems(old.notes, own) ? old.notes : own,
        groups: old && sameItems(old.groups, ownGroups) ? old.groups : ownGroups,
      };
    });
    previous.current = new Map(panels.map((panel) => [panel.quadrant.id, panel]));
    return panels;
  }, [quadrants, notes, groups, personaId]);
}
