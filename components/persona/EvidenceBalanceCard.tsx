'use client';

import { useTranslations } from 'next-intl';
import type { EvidenceBalance } from '../../lib/evidence';

interface Props {
  personaName: string;
  balance: readonly EvidenceBalance[];
  isLarge: boolean;
}

const PARTS = [
  { key: 'observed', className: 'bg-green-700' },
  { key: 'assumed', className: 'bg-amber-500' },
  { key: 'unlabelled', className: 'bg-slate-300' },
] as const;

/**
 * The persona card's evidence balance: per quadrant, how many notes a customer really said or
 * did (observed) against our assumptions, so the team sees what to go and verify.
 */
export function EvidenceBalanceCard({ personaName, balance, isLarge }: Props) {
  const t = useTranslations('profile');
  return (
    <section
      aria-label={t('evidenceFor', { name: personaName })}
      className={`rounded-xl border-2 border-slate-200 bg-white ${isLarge ? 'p-6' : 'p-4'}`}
    >
      <h3 className={`font-bold text-slate-950 ${isLarge ? 'text-3xl' : 'text-lg'}`}>{t('evidencePerQuadrant')}</h3>
      <ul className={`mt-2 grid gap-x-8 ${isLarge ? 'grid-cols-3 gap-y-4' : 'grid-cols-1 gap-y-2 sm:grid-cols-2'}`}>
        {balance.map((quadrant) => {
          const total = quadrant.observed + quadrant.assumed + quadrant.unlabelled;
          return (
            <li
              key={quadrant.quadrantId}
              aria-label={t('balanceSummary', {
                title: quadrant.title,
                observed: quadrant.observed,
                assumed: quadrant.assumed,
                unlabelled: quadrant.unlabelled,
              })}
            >
              <div className={`flex items-baseline justify-between gap-2 ${isLarge ? 'text-2xl' : 'text-base'}`}>
                <span className="font-semibold text-slate-900">{quadrant.title}</span>
                <span className="text-slate-700" aria-hidden>
                  {t('balanceShort', { observed: quadrant.observed, assumed: quadrant.assumed })}
                </span>
              </div>
              <div className={`mt-1 flex overflow-hidden rounded-full bg-slate-100 ${isLarge ? 'h-4' : 'h-2.5'}`} aria-hidden>
                {total > 0 &&
                  PARTS.map((part) => (
                    <span key={part.key} className={part.className} style={{ width: `${(quadrant[part.key] / total) * 100}%` }} />
                  ))}
              </div>
            </li>
          );
        })}
      </ul>
      <p className={`mt-3 flex flex-wrap gap-x-4 text-slate-700 ${isLarge ? 'text-lg' : 'text-sm'}`}>
        {PARTS.map((part) => (
          <span key={part.key} className="flex items-center gap-1.5">
            <span className={`inline-block h-3 w-3 rounded-full ${part.className}`} aria-hidden /> {t(`legend.${part.key}`)}
          </span>
        ))}
      </p>
    </section>
  );
}
