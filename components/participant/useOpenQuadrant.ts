'use client';

import { useState } from 'react';
import type { QuadrantId } from '../../lib/quadrants';

/** A quadrant this person opened, while the facilitator's quadrant was still `since`. */
interface Choice {
  quadrant: QuadrantId;
  since: QuadrantId | null;
}

/**
 * Which quadrant a phone shows open. It follows the facilitator (the spotlight, else the step's
 * quadrant, else the first); a quadrant the person opens holds until the facilitator moves on,
 * and one they are typing in holds even then, so the room never yanks a half-written note away.
 */
export function useOpenQuadrant(ids: readonly QuadrantId[], current: QuadrantId | null, hasText: (id: QuadrantId) => boolean) {
  const [choice, setChoice] = useState<Choice | null>(null);
  const following = current !== null && ids.includes(current) ? current : (ids[0] ?? null);
  const isChoiceLive = choice !== null && ids.includes(choice.quadrant) && (choice.since === following || hasText(choice.quadrant));
  const open = isChoiceLive ? choice.quadrant : following;
  return {
    open,
    /** Where the facilitator is, when it is not the open quadrant because of a note being typed. */
    movedOnTo: isChoiceLive && choice.since !== following ? following : null,
    choose: (id: QuadrantId | null) => setChoice(id === null ? null : { quadrant: id, since: following }),
  };
}
