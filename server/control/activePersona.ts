import { readPersonas } from '../../lib/board';
import type { SessionState } from '../../lib/session/state';
import type { RoomRegistry } from '../yjs/RoomRegistry';

/**
 * The persona new notes and votes go to: the one the facilitator activated, or, when none is
 * or it was deleted since, the first live persona.
 */
export async function activePersonaId(rooms: RoomRegistry, workshopId: string, session: SessionState): Promise<string | null> {
  const live = await rooms.readWarm(workshopId, (doc) => readPersonas(doc).map((persona) => persona.id));
  return live.find((id) => id === session.activePersonaId) ?? live[0] ?? null;
}
