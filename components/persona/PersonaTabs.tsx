'use client';

import { Plus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Persona } from '../../lib/persona';
import { Avatar } from './Avatar';
import type { PersonaActions } from './types';
import { FormError } from '../ui/FormError';

interface Props {
  personas: readonly Persona[];
  selectedId: string;
  /** The persona the facilitator switched everyone to. */
  activeId: string | null;
  /** Ids tying each tab to the panel below (ARIA tabs). */
  panelId: string;
  tabId(personaId: string): string;
  actions: PersonaActions;
  isReadOnly: boolean;
  isLarge: boolean;
  onSelect(id: string): void;
  className?: string;
}

const NEXT_KEY: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_i, n) => n - 1,
};

/** The personas as tabs (arrow keys move between them) and "Add persona". */
export function PersonaTabs(props: Props) {
  const { personas, selectedId, activeId, panelId, tabId, actions, isReadOnly, isLarge, onSelect, className = '' } = props;
  const [error, setError] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const order = personas.map((p) => p.id).join();

  // Keep the selected tab in view inside the strip (sideways only: never scroll the page).
  useEffect(() => {
    const list = listRef.current;
    const tab = list?.querySelector<HTMLElement>('[aria-selected="true"]');
    if (!list || !tab) return;
    if (tab.offsetLeft < list.scrollLeft || tab.offsetLeft + tab.offsetWidth > list.scrollLeft + list.clientWidth) {
      list.scrollLeft = tab.offsetLeft - 8;
    }
  }, [selectedId, order]);

  function onKeyDown(event: KeyboardEvent) {
    const next = NEXT_KEY[event.key];
    const index = personas.findIndex((p) => p.id === selectedId);
    if (!next || index < 0) return;
    event.preventDefault();
    const target = personas[next(index, personas.length)];
    if (!target) return;
    onSelect(target.id);
    document.getElementById(tabId(target.id))?.focus();
  }

  const t = useTranslations('participant');
  function add() {
    const result = actions.addPersona();
    setError(result.ok ? null : result.error);
    if (result.ok) onSelect(result.value.id);
  }

  return (
    <div className={`flex flex-col gap-2 ${className}`}>
      <div className="flex items-center gap-2">
        <div
          ref={listRef}
          role="tablist"
          aria-label={t('personas')}
          onKeyDown={onKeyDown}
          className="relative flex w-0 min-w-0 flex-1 gap-2 overflow-x-auto p-1"
        >
          {personas.map((persona) => {
            const isSelected = persona.id === selectedId;
            return (
              <button
                key={persona.id}
                type="button"
                role="tab"
                id={tabId(persona.id)}
                aria-selected={isSelected}
                aria-controls={panelId}
                tabIndex={isSelected ? 0 : -1}
                onClick={() => onSelect(persona.id)}
                className={`flex shrink-0 items-center gap-2 rounded-full border-2 py-1 ps-1 pe-4 font-semibold ${isLarge ? 'text-2xl' : 'text-base'} ${isSelected ? 'border-blue-700 bg-blue-700 text-white' : 'border-slate-300 bg-white text-slate-900 hover:bg-slate-100'}`}
              >
                <Avatar persona={persona} size="small" className={isSelected ? 'ring-2 ring-white' : ''} />
                <span className="max-w-48 truncate">{persona.name}</span>
                {persona.id === activeId && (
                  <span className={`rounded-full bg-amber-300 px-2 text-slate-950 ${isLarge ? 'text-base' : 'text-xs'}`}>
                    {t('active')}
                  </span>
                )}
              </button>
            );
          })}
        </div>
        {!isReadOnly && (
          <button
            type="button"
            aria-label={t('addPersona')}
            onClick={add}
            className={`btn-secondary shrink-0 gap-1 px-3 ${isLarge ? 'btn-large' : ''}`}
          >
            <Plus aria-hidden size={20} />
            <span className="hidden sm:inline">{t('addPersona')}</span>
          </button>
        )}
      </div>
      <FormError message={error} className="text-sm font-medium text-red-700" />
    </div>
  );
}
