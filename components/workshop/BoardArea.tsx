'use client';

import type { Board } from '../../lib/board';
import { EmpathyMap } from '../board/EmpathyMap';
import type { BoardActions, BoardVariant } from '../board/types';

interface Props {
  board: Board;
  isLoaded: boolean;
  actions: BoardActions;
  variant: BoardVariant;
}

/** The active persona's heading and empathy map (the first persona until personas can be switched). */
export function BoardArea({ board, isLoaded, actions, variant }: Props) {
  const persona = board.personas[0];
  if (!persona) {
    return <p className="p-6 text-lg text-slate-700">{isLoaded ? 'This board has no persona yet.' : 'Loading the board…'}</p>;
  }
  const isLarge = variant === 'projector';
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3">
      <h2 className={`font-semibold text-slate-800 ${isLarge ? 'text-3xl' : 'text-xl'}`}>
        Empathy map: <span className="text-slate-950">{persona.name}</span>
      </h2>
      <div className="min-h-0 flex-1">
        <EmpathyMap personaId={persona.id} notes={board.notes} actions={actions} variant={variant} />
      </div>
    </div>
  );
}
