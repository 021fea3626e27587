'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useEffect } from 'react';
import type { Timer } from '../../lib/session/state';
import { playChime } from './chime';
import { formatCountdown, useCountdown, useTimeUp } from './useCountdown';

interface Props {
  timer: Timer;
  clockOffsetMs: number;
  isLarge?: boolean;
  /** The presenter chimes; phones only show it. */
  hasChime?: boolean;
}

/** The shared countdown, with a gentle end signal. */
export function TimerDisplay({ timer, clockOffsetMs, isLarge = false, hasChime = false }: Props) {
  const t = useTranslations('session');
  const locale = useLocale();
  const remaining = useCountdown(timer, clockOffsetMs);
  const isUp = useTimeUp(timer, remaining);
  useEffect(() => {
    if (isUp && hasChime) playChime();
  }, [isUp, hasChime]);
  if (timer.status === 'idle' && timer.durationMs === 0) return null;
  const label = t(isUp ? 'timeUp' : timer.status === 'paused' ? 'paused' : timer.status === 'idle' ? 'notStarted' : 'timeLeft');
  const time = formatCountdown(remaining, locale);
  return (
    <p
      role="timer"
      aria-label={t('timer', { label, time })}
      className={`flex leading-none ${isLarge ? 'flex-row items-baseline gap-2' : 'flex-col items-center'}`}
    >
      <span className={`font-medium text-slate-600 ${isLarge ? 'text-sm 2xl:text-lg' : 'text-xs'}`}>{label}</span>
      <span
        className={`font-mono font-black tabular-nums ${isLarge ? 'text-4xl 2xl:text-5xl' : 'text-2xl'} ${isUp ? 'animate-pulse text-red-700' : timer.status === 'paused' ? 'text-slate-500' : 'text-slate-950'}`}
      >
        {time}
      </span>
    </p>
  );
}
