'use client';

import { useEffect, useRef, useState } from 'react';
import { timerRemainingMs, type Timer } from '../../lib/session/state';

/**
 * Milliseconds left on the shared timer, on this device's clock corrected by the server's:
 * every screen counts down from the same end time instead of running its own interval.
 */
export function useCountdown(timer: Timer | null, clockOffsetMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (timer?.status !== 'running') return;
    const interval = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(interval);
  }, [timer?.status]);
  if (!timer) return 0;
  return timerRemainingMs(timer, now + clockOffsetMs);
}

/** True once, at the moment a running timer reaches zero. */
export function useTimeUp(timer: Timer | null, remainingMs: number): boolean {
  const wasRunning = useRef(false);
  const [isUp, setIsUp] = useState(false);
  const isRunning = timer?.status === 'running';
  useEffect(() => {
    if (isRunning && remainingMs > 0) wasRunning.current = true;
    if (isRunning && remainingMs === 0 && wasRunning.current) {
      wasRunning.current = false;
      setIsUp(true);
    }
    if (!isRunning && remainingMs > 0) setIsUp(false);
  }, [isRunning, remainingMs]);
  return isUp;
}

const digitFormats = new Map<string, { minutes: Intl.NumberFormat; seconds: Intl.NumberFormat }>();

/** `m:ss`, with the locale's digits (Arabic shows Arabic-Indic ones); built once per locale, as this runs every second. */
export function formatCountdown(ms: number, locale = 'en'): string {
  let formats = digitFormats.get(locale);
  if (!formats) {
    formats = {
      minutes: new Intl.NumberFormat(locale, { useGrouping: false }),
      seconds: new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false }),
    };
    digitFormats.set(locale, formats);
  }
  const totalSeconds = Math.ceil(ms / 1000);
  return `${formats.minutes.format(Math.floor(totalSeconds / 60))}:${formats.seconds.format(totalSeconds % 60)}`;
}
