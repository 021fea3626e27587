'use client';

import type { Board } from '../../lib/board';
import type { QuadrantId } from '../../lib/quadrants';
import { EmpathyMap } from '../board/EmpathyMap';
import type { BoardActions, BoardViewOptions } from '../board/types';

interface Props {
  board: Board;
  isLoaded: boolean;
  actions: BoardActions;
  view: BoardViewOptions;
  /** The persona the facilitator made active; the first one until then. */
  personaId: string | null;
  spotlight?: QuadrantId | null;
}

/** The active persona's heading and empathy map. */
export function BoardArea({ board, isLoaded, actions, view, personaId, spotlight = null }: Props) {
  const persona = board.personas.find((p) => p.id === personaId) ?? board.personas[0];
  if (!persona) {
    return <p className="p-6 text-lg text-slate-700">{isLoaded ? 'This board has no persona yet.' : 'Loading the board…'}</p>;
  }
  const isLarge = view.variant === 'projector';
  return (
    <div id="board" className="flex min-h-0 flex-1 flex-col gap-3">
      <h2 className={`font-semibold text-slate-800 ${isLarge ? 'text-3xl' : 'text-xl'}`}>
        Empathy map: <span className="text-slate-950">{persona.name}</span>
      </h2>
      {view.isReadOnly && !isLarge && (
        <p className="rounded-lg bg-amber-100 p-3 font-medium text-amber-950">
          The facilitator has locked the board: you can read, not change.
        </p>
      )}
      <div className="min-h-0 flex-1">
        <EmpathyMap personaId={persona.id} notes={board.notes} actions={actions} view={view} spotlight={spotlight} />
      </div>
    </div>
  );
}
