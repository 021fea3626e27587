'use client';

import { Plus } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import type { Persona } from '../../lib/persona';
import { Avatar } from '../persona/Avatar';
import { EvidenceMark } from './ProjectorNote';

interface Props {
  persona: Persona;
  shape: 'band' | 'column';
  /** The screen's note type: the card's type follows it. */
  fontPx: number;
  noteCount: number;
  onCompose?(): void;
}

/**
 * The persona at the heart of the map: picture (or initials), name and quote, a key to the
 * evidence marks, and the facilitator's "Add a note" (hidden with the other controls).
 */
export function PersonaCard({ persona, shape, fontPx, noteCount, onCompose }: Props) {
  const t = useTranslations('participant');
  const locale = useLocale();
  const isBand = shape === 'band';
  const keyPx = Math.max(14, Math.round(fontPx * 0.55));
  return (
    <section
      aria-label={t('personaLabel', { name: persona.name })}
      style={{ gridArea: 'persona' }}
      className={`flex min-h-0 min-w-0 overflow-hidden rounded-xl bg-slate-900 text-white shadow-sm ${isBand ? 'items-center gap-4 px-3 py-1.5' : 'w-[clamp(11rem,15vw,18rem)] flex-col items-center gap-3 p-4 text-center'}`}
    >
      <Avatar persona={persona} size="large" className={`ring-4 ring-white/80 ${avatarSize(shape, fontPx)}`} />
      {/* In a band the name and the quote share one line, so the band stays as low as the picture. */}
      <div className={`flex min-w-0 ${isBand ? 'flex-1 items-baseline gap-4' : 'flex-col items-center'}`}>
        <p className="max-w-full shrink-0 truncate leading-tight font-black" style={{ fontSize: Math.round(fontPx * 1.15) }}>
          {persona.name}
        </p>
        {persona.quote && (
          <p
            className={`text-slate-200 italic ${isBand ? 'min-w-0 truncate' : 'line-clamp-6'}`}
            style={{ fontSize: Math.max(14, Math.round(fontPx * 0.7)) }}
          >
            “{persona.quote}”
          </p>
        )}
      </div>
      <div className={`flex shrink-0 gap-3 ${isBand ? 'items-center' : 'mt-auto flex-col items-center'}`}>
        <p
          className={`flex items-center gap-x-3 gap-y-1 text-slate-100 ${isBand ? '' : 'flex-wrap justify-center'}`}
          style={{ fontSize: keyPx }}
        >
          {/* The step strip counts the notes too: on a small screen the band leaves it to the strip. */}
          <span className={isBand ? 'hidden 2xl:inline' : ''}>{t('noteCount', { count: noteCount })}</span>
          <span className="inline-flex items-center">
            <span aria-hidden className="inline-flex">
              <EvidenceMark evidence="observed" fontPx={keyPx + 2} />
            </span>
            {t('observed').toLocaleLowerCase(locale)}
          </span>
          <span className="inline-flex items-center">
            <span aria-hidden className="inline-flex">
              <EvidenceMark evidence="assumed" fontPx={keyPx + 2} />
            </span>
            {t('assumed').toLocaleLowerCase(locale)}
          </span>
        </p>
        {onCompose && (
          <button
            type="button"
            onClick={onCompose}
            aria-keyshortcuts="N"
            className="inline-flex min-h-9 items-center gap-1 rounded-lg bg-white px-2.5 py-1 text-sm font-bold text-slate-950 hover:bg-slate-100 group-data-[controls=hidden]/presenter:hidden 2xl:min-h-10 2xl:text-base"
          >
            <Plus aria-hidden size={18} /> {t('addANote')}{' '}
            <kbd className="ms-1 rounded border border-slate-400 px-1 text-sm font-semibold">N</kbd>
          </button>
        )}
      </div>
    </section>
  );
}

/** The avatar's sizes are a phone's; the projector's band keeps it to its row's height. */
function avatarSize(shape: 'band' | 'column', fontPx: number): string {
  if (shape === 'column') return fontPx >= 28 ? '' : 'size-20! text-3xl!';
  return fontPx >= 28 ? 'size-14! text-2xl!' : 'size-10! text-lg!';
}
