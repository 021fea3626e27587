'use client';

import { ArrowLeft, ArrowRight, Copy, Megaphone, Settings2, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { LIMITS } from '../../lib/limits';
import type { Persona } from '../../lib/persona';
import type { Result } from '../../lib/result';
import type { Notice } from './UndoToast';
import type { PersonaActions } from './types';
import { FormError } from '../ui/FormError';

interface Props {
  persona: Persona;
  personas: readonly Persona[];
  activeId: string | null;
  actions: PersonaActions;
  isReadOnly: boolean;
  onSelect(id: string): void;
  onActivate?: (id: string) => void;
  onNotice(notice: Notice): void;
}

/** The selected persona's options: switch everyone to it (facilitator), rename, move, duplicate, delete. */
export function PersonaOptions({ persona, personas, activeId, actions, isReadOnly, onSelect, onActivate, onNotice }: Props) {
  const t = useTranslations('participant');
  const tp = useTranslations('profile');
  const [isOpen, setIsOpen] = useState(false);
  const [name, setName] = useState(persona.name);
  const [error, setError] = useState<string | null>(null);
  const panelId = useId();
  const index = personas.findIndex((p) => p.id === persona.id);

  const report = (result: Result<unknown>) => {
    setError(result.ok ? null : result.error);
    return result.ok;
  };

  function rename(event: FormEvent) {
    event.preventDefault();
    if (report(actions.renamePersona(persona.id, name))) onNotice({ message: tp('renamed', { name: name.trim() }) });
  }

  function duplicate() {
    const result = actions.duplicatePersona(persona.id);
    if (!report(result) || !result.ok) return;
    onSelect(result.value.id);
    onNotice({
      message: tp('duplicated', { copy: result.value.name, original: persona.name }),
    });
  }

  function remove() {
    const result = actions.deletePersona(persona.id);
    if (!report(result) || !result.ok) return;
    const { id, noteCount } = result.value;
    onNotice({
      message: tp('deleted', { name: persona.name, count: noteCount }),
      undo: () => {
        if (actions.restorePersona(id).ok) onSelect(id);
      },
    });
  }

  return (
    <>
      {onActivate && persona.id !== activeId && (
        <button type="button" className="btn-primary gap-2" onClick={() => onActivate(persona.id)}>
          <Megaphone aria-hidden size={18} />
          {t('switchEveryone', { name: persona.name })}
        </button>
      )}
      {!isReadOnly && (
        <button
          type="button"
          className="btn-secondary btn-small ms-auto gap-1"
          aria-label={t('personaOptions')}
          aria-expanded={isOpen}
          aria-controls={panelId}
          onClick={() => setIsOpen(!isOpen)}
        >
          <Settings2 aria-hidden size={16} />
          <span className="sm:hidden">{t('options')}</span>
          <span className="hidden sm:inline">{t('personaOptions')}</span>
        </button>
      )}
      {isOpen && !isReadOnly && (
        <div id={panelId} className="flex w-full flex-col gap-3 rounded-lg border border-slate-300 bg-white p-3">
          <form onSubmit={rename} className="flex flex-wrap items-end gap-2">
            <label className="flex min-w-0 flex-1 basis-48 flex-col gap-1 text-sm font-semibold text-slate-800">
              {tp('personaName')}
              <input
                className="input font-normal"
                value={name}
                maxLength={LIMITS.personaNameChars}
                onChange={(e) => setName(e.target.value)}
              />
            </label>
            <button type="submit" className="btn-secondary">
              {tp('rename')}
            </button>
          </form>
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className="btn-secondary btn-small gap-1"
              disabled={index <= 0}
              onClick={() => report(actions.reorderPersona(persona.id, index - 1))}
            >
              <ArrowLeft aria-hidden size={16} className="rtl:-scale-x-100" /> {tp('moveLeft')}
            </button>
            <button
              type="button"
              className="btn-secondary btn-small gap-1"
              disabled={index < 0 || index >= personas.length - 1}
              onClick={() => report(actions.reorderPersona(persona.id, index + 1))}
            >
              {tp('moveRight')} <ArrowRight aria-hidden size={16} className="rtl:-scale-x-100" />
            </button>
            <button type="button" className="btn-secondary btn-small gap-1" aria-describedby={`${panelId}-copy`} onClick={duplicate}>
              <Copy aria-hidden size={16} /> {tp('duplicate')}
            </button>
            <button type="button" className="btn-secondary btn-small gap-1 text-red-800" onClick={remove}>
              <Trash2 aria-hidden size={16} /> {tp('delete')}
            </button>
          </div>
          <p id={`${panelId}-copy`} className="text-sm text-slate-700">
            {tp('optionsHint', { name: persona.name })}
          </p>
          <FormError message={error} className="text-sm font-medium text-red-700" />
        </div>
      )}
    </>
  );
}
