'use client';

import { useTranslations } from 'next-intl';
import type { Persona } from '../../lib/persona';
import { profileEntries, type ProfileSettings } from '../../lib/profile';
import { Avatar } from './Avatar';
import { useProfileFieldLabel } from './useProfileFieldLabel';

interface Props {
  persona: Persona;
  settings: ProfileSettings;
  /** Projector type sizes, to read from the back row. */
  isLarge: boolean;
}

/** The profile to read, not edit: the projector's view (and a locked board's). Empty fields are left out. */
export function ProfileSummary({ persona, settings, isLarge }: Props) {
  const t = useTranslations('profile');
  const fieldLabel = useProfileFieldLabel();
  const entries = profileEntries(persona, settings).filter((entry) => entry.value !== '');
  const quote = entries.find((entry) => entry.key === 'quote');
  const fields = entries.filter((entry) => entry.key !== 'quote');
  return (
    <section
      aria-label={t('profileOf', { name: persona.name })}
      className={`flex min-h-0 flex-col overflow-y-auto rounded-xl border-2 border-slate-200 bg-white ${isLarge ? 'gap-6 p-6' : 'gap-4 p-4'}`}
    >
      <div className="flex items-center gap-6">
        <Avatar persona={persona} size={isLarge ? 'large' : 'medium'} />
        <div className="min-w-0">
          <h3 className={`font-black break-words text-slate-950 ${isLarge ? 'text-5xl' : 'text-2xl'}`}>{persona.name}</h3>
          {quote && (
            <blockquote className={`mt-2 break-words text-slate-800 italic ${isLarge ? 'text-3xl' : 'text-lg'}`}>
              “{quote.value}”
            </blockquote>
          )}
        </div>
      </div>
      {fields.length > 0 ? (
        <dl className={`grid gap-x-8 ${isLarge ? 'grid-cols-3 gap-y-5' : 'grid-cols-1 gap-y-3 sm:grid-cols-2'}`}>
          {fields.map((entry) => (
            <div key={entry.key} className="min-w-0">
              <dt className={`font-semibold text-slate-600 ${isLarge ? 'text-xl' : 'text-sm'}`}>{fieldLabel(entry.key, entry.label)}</dt>
              <dd className={`break-words whitespace-pre-wrap text-slate-950 ${isLarge ? 'text-3xl leading-snug' : 'text-base'}`}>
                {entry.value}
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className={`text-slate-700 ${isLarge ? 'text-2xl' : 'text-base'}`}>{t('noFields')}</p>
      )}
    </section>
  );
}
