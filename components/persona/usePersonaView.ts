'use client';

import { useState } from 'react';
import type { Persona } from '../../lib/persona';
import type { StepKind } from '../../lib/session/agenda';

export type BoardSection = 'map' | 'profile' | 'journey' | 'plan';

/** The sections in their order on screen, each with its name's key in the `participant` catalog. */
export const SECTION_KEYS = {
  map: 'sectionMap',
  profile: 'sectionProfile',
  journey: 'sectionJourney',
  plan: 'sectionPlan',
} as const satisfies Record<BoardSection, string>;

/** A local choice that holds only while `since` stays what it was when the choice was made. */
interface Choice<T> {
  value: T;
  since: string | null;
}

/**
 * Which persona and which part of it (empathy map or profile) this screen shows. By default
 * the persona the facilitator made active, and the profile during a profile step; a person may
 * look elsewhere, until the facilitator switches persona or step, which brings them along.
 */
export function usePersonaView(personas: readonly Persona[], activeId: string | null, stepKind: StepKind | null) {
  const chosen = personas.find((p) => p.id === activeId);
  const active = chosen ?? personas[0];
  const activeKey = active?.id ?? null;
  const [browse, setBrowse] = useState<Choice<string> | null>(null);
  const browsed = browse?.since === activeKey ? personas.find((p) => p.id === browse.value) : undefined;

  const stepKey = stepKind ?? null;
  const [sectionChoice, setSectionChoice] = useState<Choice<BoardSection> | null>(null);
  const section: BoardSection = sectionChoice?.since === stepKey ? sectionChoice.value : stepKind === 'profile' ? 'profile' : 'map';

  return {
    /** What the room is on by default: the facilitator's choice, else the first persona. */
    active,
    /** The persona the facilitator switched everyone to, if any (and still on the board). */
    chosen,
    selected: browsed ?? active,
    select: (id: string) => setBrowse({ value: id, since: activeKey }),
    section,
    setSection: (value: BoardSection) => setSectionChoice({ value, since: stepKey }),
  };
}
