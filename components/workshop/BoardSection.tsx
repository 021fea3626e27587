'use client';

import dynamic from 'next/dynamic';
import { useMemo } from 'react';
import { evidenceBalance } from '../../lib/evidence';
import type { Persona } from '../../lib/persona';
import type { ProfileSettings } from '../../lib/profile';
import type { QuadrantId } from '../../lib/quadrants';
import type { Person } from '../actions/ActionRow';
import type { BoardActions, BoardViewOptions } from '../board/types';
import { ParticipantMap } from '../participant/ParticipantMap';
import type { BoardSection as Section } from '../persona/usePersonaView';
import { useBoardSelector, type BoardSource } from '../sync/useBoardSelector';

// Each section's code loads when it is first shown: a phone opens on the empathy map, and its
// JavaScript budget (README, Performance) has no room for the projector, journey, plan or profile.
const ProjectorMap = dynamic(() => import('../presenter/ProjectorMap').then((m) => m.ProjectorMap));
const JourneyBoard = dynamic(() => import('../journey/JourneyBoard').then((m) => m.JourneyBoard));
const ActionPlan = dynamic(() => import('../actions/ActionPlan').then((m) => m.ActionPlan));
const ProfileCard = dynamic(() => import('../persona/ProfileCard').then((m) => m.ProfileCard));
const ProfileSummary = dynamic(() => import('../persona/ProfileSummary').then((m) => m.ProfileSummary));
const EvidenceBalanceCard = dynamic(() => import('../persona/EvidenceBalanceCard').then((m) => m.EvidenceBalanceCard));

export interface BoardSectionProps {
  section: Section;
  persona: Persona;
  /** The live board: each section subscribes to the records it shows, and re-renders only for those. */
  source: BoardSource;
  actions: BoardActions;
  view: BoardViewOptions;
  settings: ProfileSettings;
  spotlight: QuadrantId | null;
  currentQuadrant: QuadrantId | null;
  /** The profile is being edited (else its summary shows). */
  isEditing: boolean;
  isFacilitator: boolean;
  people: readonly Person[];
}

/**
 * The selected persona's section: the empathy map (projected or a participant's), journey,
 * action plan or profile. The page around it (header, tabs, menus) reads none of the records, so
 * the room's edits re-render only the section that shows them.
 */
export function BoardSection(props: BoardSectionProps) {
  const { section, persona, source, actions, view } = props;
  if (section === 'map' && view.variant === 'projector') return <LiveProjectorMap {...props} />;
  if (section === 'map')
    return <ParticipantMap personaId={persona.id} source={source} actions={actions} view={view} currentQuadrant={props.currentQuadrant} />;
  if (section === 'journey') return <LiveJourney {...props} />;
  if (section === 'plan') return <LivePlan {...props} />;
  return <LiveProfile {...props} />;
}

function LiveProjectorMap({ persona, source, actions, view, spotlight }: BoardSectionProps) {
  const notes = useBoardSelector(source, (state) => state.board.notes);
  const groups = useBoardSelector(source, (state) => state.board.groups);
  return <ProjectorMap persona={persona} notes={notes} groups={groups} actions={actions} view={view} spotlight={spotlight} />;
}

function LiveJourney({ persona, source, actions, view }: BoardSectionProps) {
  const steps = useBoardSelector(source, (state) => state.board.journeySteps);
  const notes = useBoardSelector(source, (state) => state.board.notes);
  return <JourneyBoard persona={persona} steps={steps} notes={notes} actions={actions} view={view} />;
}

function LivePlan({ persona, source, actions, view, people }: BoardSectionProps) {
  const questions = useBoardSelector(source, (state) => state.board.questions);
  const items = useBoardSelector(source, (state) => state.board.actions);
  return <ActionPlan persona={persona} questions={questions} items={items} people={people} actions={actions} view={view} />;
}

function LiveProfile({ persona, source, actions, view, settings, isEditing, isFacilitator }: BoardSectionProps) {
  const notes = useBoardSelector(source, (state) => state.board.notes);
  const balance = useMemo(() => evidenceBalance(notes, persona.id, view.quadrants), [notes, persona.id, view.quadrants]);
  const isLarge = view.variant === 'projector';
  return (
    <div className="flex flex-col gap-3">
      {isEditing ? (
        <ProfileCard
          persona={persona}
          settings={settings}
          actions={actions}
          isReadOnly={view.isReadOnly}
          isFacilitator={isFacilitator}
          isLarge={isLarge}
        />
      ) : (
        <ProfileSummary persona={persona} settings={settings} isLarge={isLarge} />
      )}
      <EvidenceBalanceCard personaName={persona.name} balance={balance} isLarge={isLarge} />
    </div>
  );
}
