'use client';

import { useTranslations } from 'next-intl';
import { useId, useMemo, useState } from 'react';
import { profileSettings, promoteTargets } from '../../lib/profile';
import { quadrantsOf, type QuadrantId } from '../../lib/quadrants';
import type { StepKind } from '../../lib/session/agenda';
import type { Person } from '../actions/ActionRow';
import type { BoardActions, BoardViewOptions, ScreenView } from '../board/types';
import { PersonaOptions } from '../persona/PersonaOptions';
import { PersonaTabs } from '../persona/PersonaTabs';
import { SectionSwitch } from '../persona/SectionSwitch';
import { UndoToast, useNotice } from '../persona/UndoToast';
import { SECTION_KEYS, usePersonaView } from '../persona/usePersonaView';
import { useBoardSelector, type BoardSource } from '../sync/useBoardSelector';
import { BoardSection } from './BoardSection';

interface Props {
  /**
   * The live board. This reads only the personas and the board's settings; each section
   * subscribes to the records it shows, so a note edited in the room re-renders that section alone.
   */
  source: BoardSource;
  isLoaded: boolean;
  actions: BoardActions;
  view: ScreenView;
  /** The persona the facilitator made active; the first one until then. */
  personaId: string | null;
  spotlight?: QuadrantId | null;
  /** Participants: the facilitator's quadrant (spotlight, else the step's), which a phone opens on. */
  currentQuadrant?: QuadrantId | null;
  /** The presenter passes this: switches every screen to a persona (`persona.activate`). */
  onActivatePersona?: (personaId: string) => void;
  /** The current step's kind: a profile step opens the profile instead of the empathy map. */
  stepKind?: StepKind | null;
  /** May choose the profile fields (the server lets only the facilitator change them). Default: the presenter. */
  isFacilitator?: boolean;
  /** The roster, to pick an action's owner from (free text otherwise). */
  people?: readonly Person[];
}

const NO_PEOPLE: readonly Person[] = [];

/** The personas as tabs, and the selected one's empathy map or profile card. */
export function BoardArea({
  source,
  isLoaded,
  actions,
  view: screen,
  personaId,
  spotlight = null,
  currentQuadrant = null,
  onActivatePersona,
  stepKind = null,
  isFacilitator,
  people = NO_PEOPLE,
}: Props) {
  const personas = useBoardSelector(source, (state) => state.board.personas);
  const meta = useBoardSelector(source, (state) => state.board.meta);
  const { chosen, selected, select, section, setSection } = usePersonaView(personas, personaId, stepKind);
  const t = useTranslations('participant');
  const tp = useTranslations('profile');
  const [notice, showNotice, dismissNotice] = useNotice();
  const [isEditingOnProjector, setIsEditingOnProjector] = useState(false);
  const baseId = useId();
  const settings = useMemo(() => profileSettings(meta), [meta]);
  // Built from the screen's fields, not its object (pages pass a new one each render), so notes can skip rendering.
  const { variant, isReadOnly, voting, areNotesPrivate } = screen;
  const view: BoardViewOptions = useMemo(
    () => ({ variant, isReadOnly, voting, areNotesPrivate, quadrants: quadrantsOf(meta), promoteTargets: promoteTargets(settings) }),
    [variant, isReadOnly, voting, areNotesPrivate, meta, settings],
  );
  const isLarge = view.variant === 'projector';
  const toast = <UndoToast notice={notice} onDismiss={dismissNotice} isLarge={isLarge} />;
  if (!selected) {
    return (
      <div id="board" className="flex flex-col items-start gap-3 p-6">
        <p className="text-lg text-slate-700">{isLoaded ? t('noPersonaYet') : t('loadingBoard')}</p>
        {isLoaded && !view.isReadOnly && (
          <button type="button" className="btn-primary" onClick={() => actions.addPersona()}>
            {t('addPersona')}
          </button>
        )}
        {toast}
      </div>
    );
  }
  const tabId = (id: string) => `${baseId}-tab-${id}`;
  const isEditing = !view.isReadOnly && (!isLarge || isEditingOnProjector);
  return (
    <div id="board" className="flex min-h-0 flex-1 flex-col gap-3">
      {/* One row on the projector, to leave the height to the board; tabs above the tools on a phone.
          The presenter's "Hide controls" hides it too: its height is what lets 90 notes show two
          lines each at 1280×720 (README, The presenter view). */}
      <div className="flex flex-wrap items-center gap-2 group-data-[controls=hidden]/presenter:hidden">
        <PersonaTabs
          // Takes what the row leaves and scrolls its tabs within it (a second row would cost the
          // projector the height its notes need and push the phone's composer below the fold),
          // but never less than its "Add persona" button: the tab list alone gives way (w-0).
          className="min-w-min flex-1"
          personas={personas}
          selectedId={selected.id}
          activeId={chosen?.id ?? null}
          panelId={`${baseId}-panel`}
          tabId={tabId}
          actions={actions}
          isReadOnly={view.isReadOnly}
          isLarge={isLarge}
          onSelect={select}
        />
        {/* On a phone the switch takes its own full row, below the personas and their options. */}
        <div className={isLarge ? '' : 'order-last basis-full sm:order-none sm:basis-auto'}>
          <SectionSwitch section={section} onChange={setSection} isLarge={isLarge} />
        </div>
        {isLarge && section === 'profile' && !view.isReadOnly && (
          <button
            type="button"
            className="btn-secondary btn-small"
            aria-pressed={isEditingOnProjector}
            onClick={() => setIsEditingOnProjector(!isEditingOnProjector)}
          >
            {isEditingOnProjector ? tp('doneEditing') : tp('editProfile')}
          </button>
        )}
        <PersonaOptions
          key={selected.id}
          persona={selected}
          personas={personas}
          activeId={chosen?.id ?? null}
          actions={actions}
          isReadOnly={view.isReadOnly}
          onSelect={select}
          onActivate={onActivatePersona}
          onNotice={showNotice}
        />
      </div>
      <div role="tabpanel" id={`${baseId}-panel`} aria-labelledby={tabId(selected.id)} className="flex min-h-0 flex-1 flex-col gap-3">
        <h2 className="sr-only">
          {t(SECTION_KEYS[section])}: {selected.name}
        </h2>
        {chosen && selected.id !== chosen.id && !onActivatePersona && (
          <p className="flex flex-wrap items-center gap-2 rounded-lg bg-blue-50 p-3 text-blue-950">
            The room is working on {chosen.name}.
            <button type="button" className="font-semibold underline" onClick={() => select(chosen.id)}>
              Back to {chosen.name}
            </button>
          </p>
        )}
        {view.isReadOnly && !isLarge && (
          <p className="rounded-lg bg-amber-100 p-3 font-medium text-amber-950">
            The facilitator has locked the board: you can read, not change.
          </p>
        )}
        <div className="min-h-0 flex-1 overflow-y-auto">
          <BoardSection
            section={section}
            persona={selected}
            source={source}
            actions={actions}
            view={view}
            settings={settings}
            spotlight={spotlight}
            currentQuadrant={currentQuadrant}
            isEditing={isEditing}
            isFacilitator={isFacilitator ?? isLarge}
            people={people}
          />
        </div>
      </div>
      {toast}
    </div>
  );
}
