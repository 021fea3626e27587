'use client';

import { useTranslations } from 'next-intl';
import { SECTION_KEYS, type BoardSection } from './usePersonaView';

const SECTIONS = (Object.keys(SECTION_KEYS) as BoardSection[]).map((id) => ({ id, label: SECTION_KEYS[id] }));

interface Props {
  section: BoardSection;
  onChange(section: BoardSection): void;
  isLarge: boolean;
}

/** Which part of the selected persona to show: empathy map, profile, journey or action plan. */
export function SectionSwitch({ section, onChange, isLarge }: Props) {
  const t = useTranslations('participant');
  return (
    <div
      role="group"
      aria-label={t('show')}
      className={`gap-1 rounded-lg bg-slate-200 p-1 ${isLarge ? 'flex flex-wrap' : 'grid w-full grid-cols-4 sm:flex sm:w-auto sm:flex-wrap'}`}
    >
      {SECTIONS.map(({ id, label }) => (
        <button
          key={id}
          type="button"
          aria-pressed={section === id}
          onClick={() => onChange(id)}
          className={`rounded-md font-semibold text-slate-800 aria-pressed:bg-white aria-pressed:text-slate-950 aria-pressed:shadow-sm ${isLarge ? 'min-h-9 px-3 text-lg' : 'min-h-11 min-w-0 px-1 text-sm leading-tight [overflow-wrap:anywhere] hyphens-auto sm:px-3'}`}
        >
          {t(label)}
        </button>
      ))}
    </div>
  );
}
