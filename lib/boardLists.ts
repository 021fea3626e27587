import type { Board } from './board';
import { shareArray } from './boardRecords';
import type { Group } from './groups';
import type { Note } from './note';
import { notesByQuadrant, quadrantsOf, type Quadrant, type QuadrantNotes } from './quadrants';

const NO_GROUPS: readonly Group[] = [];
const NO_NOTES: readonly Note[] = [];

interface PersonaPanels {
  notes: readonly Note[];
  quadrants: readonly Quadrant[];
  panels: readonly QuadrantNotes<Note>[];
}

/**
 * The per-persona, per-quadrant lists views render, derived from a board and kept stable: a
 * list whose items did not change is the same array as before, so a view of one quadrant (a
 * memoised panel) re-renders only when that quadrant changed. Computed lazily, per persona.
 */
export class BoardLists {
  private board: Board | null = null;
  /** Each persona's map notes (not on a journey step), board order. */
  private mapNotes = new Map<string, readonly Note[]>();
  private panels = new Map<string, PersonaPanels>();
  private groups = new Map<string, readonly Group[]>();

  /** Follows a new board; lists whose items are unchanged keep their identity. */
  update(board: Board): void {
    const previous = this.board;
    this.board = board;
    if (board.notes !== previous?.notes)
      this.mapNotes = bucket(board.notes, (note) => (note.journeyStepId == null ? note.personaId : null), this.mapNotes);
    if (board.groups !== previous?.groups)
      this.groups = bucket(board.groups, (group) => groupKey(group.personaId, group.quadrant), this.groups);
  }

  /**
   * A persona's empathy-map notes by quadrant (the board's map, then "Not on this map" when
   * needed; see `notesByQuadrant`). Each entry, and the array, keep identity while unchanged.
   */
  quadrantNotes(personaId: string): readonly QuadrantNotes<Note>[] {
    const notes = this.mapNotes.get(personaId) ?? NO_NOTES;
    const quadrants = quadrantsOf(this.board?.meta);
    const cached = this.panels.get(personaId);
    if (cached && cached.notes === notes && cached.quadrants === quadrants) return cached.panels;
    const previous = new Map(cached?.panels.map((panel) => [panel.quadrant.id, panel]));
    const fresh = notesByQuadrant(quadrants, notes).map((panel) => {
      const old = previous.get(panel.quadrant.id);
      const same =
        old && old.quadrant === panel.quadrant && old.isOffMap === panel.isOffMap && shareArray(old.notes, panel.notes) === old.notes;
      return same ? old : panel;
    });
    const panels = cached ? (shareArray(cached.panels, fresh) as QuadrantNotes<Note>[]) : fresh;
    this.panels.set(personaId, { notes, quadrants, panels });
    return panels;
  }

  /** A persona's map notes in one quadrant (or in "Not on this map"); the same array while unchanged. */
  notesIn(personaId: string, quadrantId: string): readonly Note[] {
    return this.quadrantNotes(personaId).find((panel) => panel.quadrant.id === quadrantId)?.notes ?? NO_NOTES;
  }

  /** The persona has notes in quadrants the map lacks (shown under "Not on this map"). */
  hasOffMapNotes(personaId: string): boolean {
    return this.quadrantNotes(personaId).some((panel) => panel.isOffMap);
  }

  /** A persona's groups in one quadrant, oldest first; the same array while they are unchanged. */
  groupsIn(personaId: string, quadrantId: string): readonly Group[] {
    return this.groups.get(groupKey(personaId, quadrantId)) ?? NO_GROUPS;
  }
}

const groupKey = (personaId: string, quadrantId: string) => `${personaId}\u0000${quadrantId}`;

/** Items by key (null: left out), each bucket the previous array when its items are the same. */
function bucket<T>(
  items: readonly T[],
  keyOf: (item: T) => string | null,
  previous: ReadonlyMap<string, readonly T[]>,
): Map<string, readonly T[]> {
  const next = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const list = next.get(key);
    if (list) list.push(item);
    else next.set(key, [item]);
  }
  const shared = new Map<string, readonly T[]>();
  for (const [key, list] of next) shared.set(key, shareArray(previous.get(key) ?? [], list));
  return shared;
}
