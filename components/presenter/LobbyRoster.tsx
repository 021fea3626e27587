'use client';

import { useTranslations } from 'next-intl';
import { useLayoutEffect, useMemo, useState, type RefObject } from 'react';
import { fitRoster } from '../../lib/lobbyLayout';
import type { RosterEntry } from '../../lib/wire';
import { Dialog } from './Dialog';
import { useElementSize } from './useElementSize';

interface Props {
  roster: RosterEntry[];
  /** Type for the names when there is room (scaled with the screen). */
  maxFontPx: number;
  onRemove?(participantId: string): void;
}

const MAX_CORRECTIONS = 6;

/**
 * Who is in, as name chips that fill the space they have: every name on screen at the largest
 * type that fits, or the first ones and a "+N more" chip that lists everyone. People whose
 * device is connected come first.
 */
export function LobbyRoster({ roster, maxFontPx, onRemove }: Props) {
  const t = useTranslations('presenter');
  const people = useMemo(() => {
    const participants = roster.filter((entry) => entry.role === 'participant');
    return [...participants.filter((p) => p.isOnline), ...participants.filter((p) => !p.isOnline)];
  }, [roster]);
  const online = people.filter((entry) => entry.isOnline).length;
  const [boxRef, box] = useElementSize<HTMLUListElement>();
  const [isListOpen, setIsListOpen] = useState(false);
  const steps = useOverflowCorrection(boxRef, `${box?.width}x${box?.height}:${people.length}:${maxFontPx}`);
  const fit = useMemo(
    () =>
      box &&
      fitRoster({
        names: people.map((p) => p.name),
        box: { width: box.width, height: Math.floor(box.height * (1 - 0.08 * steps)) },
        maxFontPx,
        hasRemove: false,
      }),
    [box, people, maxFontPx, steps],
  );
  const shown = fit ? people.slice(0, fit.shown) : [];
  const more = people.length - shown.length;
  const m = fit?.metrics;

  return (
    <section aria-label={t('panelRoster')} className="flex min-h-0 flex-1 flex-col gap-2">
      <h2 className="shrink-0 text-xl font-semibold text-slate-900 2xl:text-3xl">{t('connectedCount', { count: online })}</h2>
      <ul
        ref={boxRef}
        className="flex min-h-[50dvh] flex-1 flex-wrap content-start overflow-hidden min-[900px]:min-h-0"
        style={{ gap: m?.gapPx }}
      >
        {m &&
          shown.map((entry) => (
            <li
              key={entry.participantId}
              className={`group relative flex max-w-full items-center rounded-full border ${entry.isOnline ? 'border-green-600 bg-green-50 text-slate-950' : 'border-slate-300 bg-slate-50 text-slate-600'}`}
              style={{
                fontSize: m.fontPx,
                lineHeight: 1.3,
                padding: `${Math.round(m.fontPx * 0.25)}px ${m.padXPx}px`,
                gap: Math.round(m.fontPx * 0.35),
              }}
            >
              <span
                aria-hidden
                className={`shrink-0 rounded-full ${entry.isOnline ? 'bg-green-600' : 'bg-slate-400'}`}
                style={{ width: m.fontPx / 2, height: m.fontPx / 2 }}
              />
              <span className="max-w-[18ch] truncate">{entry.name}</span>
              <span className="sr-only">{t(entry.isOnline ? 'connected' : 'away')}</span>
              {onRemove && <RemoveButton name={entry.name} onRemove={() => onRemove(entry.participantId)} />}
            </li>
          ))}
        {more > 0 && (
          <li>
            <button
              type="button"
              onClick={() => setIsListOpen(true)}
              className="rounded-full border border-slate-500 bg-slate-800 px-3 font-bold text-white"
              style={{ fontSize: m?.fontPx, lineHeight: 1.6 }}
            >
              {t('more', { count: more })}
            </button>
          </li>
        )}
      </ul>
      {isListOpen && (
        <Dialog title={t('everyone', { count: people.length })} onClose={() => setIsListOpen(false)} isWide>
          <ul className="columns-2 gap-6 text-lg sm:columns-3">
            {people.map((entry) => (
              <li key={entry.participantId} className="flex items-center gap-2 break-inside-avoid">
                <span className="min-w-0 truncate">{entry.name}</span>
                <span className="text-sm text-slate-600">{entry.isOnline ? 'connected' : 'away'}</span>
                {onRemove && <RemoveButton name={entry.name} onRemove={() => onRemove(entry.participantId)} isVisible />}
              </li>
            ))}
          </ul>
        </Dialog>
      )}
    </section>
  );
}

/** Over the chip's end, shown on hover or keyboard focus: the chips keep the width of a name. */
function RemoveButton({ name, onRemove, isVisible = false }: { name: string; onRemove(): void; isVisible?: boolean }) {
  const t = useTranslations('presenter');
  return (
    <button
      type="button"
      aria-label={t('remove', { name })}
      onClick={() => window.confirm(t('removeConfirm', { name })) && onRemove()}
      className={`rounded-full bg-white px-1.5 leading-tight font-bold text-red-800 hover:bg-red-100 ${isVisible ? '' : 'absolute end-1 opacity-0 group-hover:opacity-100 focus:opacity-100'}`}
    >
      ×
    </button>
  );
}

/** Steps taken off the fitted height while the real list still overflows; starts over when `key` changes. */
function useOverflowCorrection(ref: RefObject<HTMLElement | null>, key: string): number {
  const [state, setState] = useState({ key, steps: 0 });
  const steps = state.key === key ? state.steps : 0;
  useLayoutEffect(() => {
    const element = ref.current;
    if (element && element.scrollHeight > element.clientHeight + 1 && steps < MAX_CORRECTIONS) setState({ key, steps: steps + 1 });
  }, [ref, key, steps]);
  return steps;
}
