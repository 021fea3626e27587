import { useTranslations } from 'next-intl';
import type { RosterEntry } from '../../lib/wire';

interface Props {
  roster: RosterEntry[];
  isLarge?: boolean;
  /** The facilitator's "Remove" per person. */
  onRemove?(participantId: string): void;
}

/** Who is in the workshop; people whose device is connected first. */
export function RosterList({ roster, isLarge = false, onRemove }: Props) {
  const t = useTranslations('presenter');
  const people = roster.filter((entry) => entry.role === 'participant');
  const online = people.filter((entry) => entry.isOnline);
  const sorted = [...online, ...people.filter((entry) => !entry.isOnline)];
  return (
    <section aria-label={t('panelRoster')} className="flex flex-col gap-2">
      <h2 className={`font-semibold text-slate-900 ${isLarge ? 'text-2xl' : 'text-lg'}`}>
        {t('connectedCount', { count: online.length })}
      </h2>
      <ul className="flex flex-wrap gap-2">
        {sorted.map((entry) => (
          <li
            key={entry.participantId}
            className={`flex items-center gap-2 rounded-full border px-3 py-1 ${isLarge ? 'text-xl' : 'text-sm'} ${entry.isOnline ? 'border-green-600 bg-green-50 text-slate-900' : 'border-slate-300 bg-slate-50 text-slate-600'}`}
          >
            <span aria-hidden className={`h-2.5 w-2.5 rounded-full ${entry.isOnline ? 'bg-green-600' : 'bg-slate-400'}`} />
            {entry.name}
            <span className="sr-only">{entry.isOnline ? t('connected') : t('away')}</span>
            {onRemove && (
              <button
                type="button"
                aria-label={t('remove', { name: entry.name })}
                onClick={() => window.confirm(t('removeConfirm', { name: entry.name })) && onRemove(entry.participantId)}
                className="ms-1 rounded-full px-1 text-slate-500 hover:bg-red-100 hover:text-red-800"
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
