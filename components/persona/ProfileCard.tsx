'use client';

import { X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { Persona } from '../../lib/persona';
import { isProfileFieldKey, profileEntries, type ProfileEntry, type ProfileSettings } from '../../lib/profile';
import { Avatar } from './Avatar';
import { PictureControls } from './PictureControls';
import { ProfileFieldInput } from './ProfileFieldInput';
import { ProfileSetup } from './ProfileSetup';
import type { PersonaActions } from './types';
import { useProfileFieldLabel } from './useProfileFieldLabel';

interface Props {
  persona: Persona;
  settings: ProfileSettings;
  actions: PersonaActions;
  isReadOnly: boolean;
  /** Shows the field setup (hide fields, add and remove custom ones). */
  isFacilitator: boolean;
  isLarge?: boolean;
}

/** A persona's profile card, edited live by the room: every visible field is a labelled box. */
export function ProfileCard({ persona, settings, actions, isReadOnly, isFacilitator, isLarge = false }: Props) {
  const t = useTranslations('profile');
  const fieldLabel = useProfileFieldLabel();
  const entries = profileEntries(persona, settings);
  const quote = entries.find((entry) => entry.key === 'quote');
  const fields = entries.filter((entry) => entry.key !== 'quote');

  function commit(entry: ProfileEntry, value: string) {
    if (entry.customFieldId !== null) return actions.setCustomFieldValue(persona.id, entry.customFieldId, value);
    if (isProfileFieldKey(entry.key)) return actions.setProfileField(persona.id, entry.key, value);
    return { ok: false as const, error: t('unknownField') };
  }

  const input = (entry: ProfileEntry, isQuote = false) => (
    <ProfileFieldInput
      key={`${persona.id}:${entry.key}`}
      label={fieldLabel(entry.key, entry.label)}
      hint={entry.key === 'dayInLife' ? t('dayInLifeHint') : entry.hint}
      value={entry.value}
      maxChars={entry.maxChars}
      isMultiline={entry.size === 'long'}
      isLarge={isQuote || isLarge}
      isDisabled={isReadOnly}
      onCommit={(value) => commit(entry, value)}
      tools={
        isFacilitator && !isReadOnly && entry.customFieldId !== null ? (
          <button
            type="button"
            className="icon-btn h-8 w-8"
            aria-label={t('removeField', { label: entry.label })}
            onClick={() => actions.removeCustomProfileField(entry.customFieldId!)}
          >
            <X aria-hidden size={16} />
          </button>
        ) : undefined
      }
    />
  );

  return (
    <section
      aria-label={t('profileOf', { name: persona.name })}
      className="flex flex-col gap-4 rounded-xl border-2 border-slate-200 bg-white p-4"
    >
      <div className="flex items-center gap-4">
        <Avatar persona={persona} size={isLarge ? 'large' : 'medium'} />
        <div className="flex min-w-0 flex-col gap-2">
          <h3 className={`min-w-0 font-bold break-words text-slate-950 ${isLarge ? 'text-4xl' : 'text-2xl'}`}>{persona.name}</h3>
          <PictureControls
            personaName={persona.name}
            hasPicture={Boolean(persona.pictureId)}
            isDisabled={isReadOnly}
            onChange={(pictureId) => actions.setPersonaPicture(persona.id, pictureId)}
          />
        </div>
      </div>
      {quote && input(quote, true)}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3">{fields.map((entry) => input(entry))}</div>
      {isFacilitator && !isReadOnly && <ProfileSetup settings={settings} actions={actions} />}
    </section>
  );
}
