'use client';

import { useEffect, useMemo, useRef, useState } from 'react';

/** How long a note stays marked as just arrived. */
export const ARRIVAL_HIGHLIGHT_MS = 5000;
/**
 * Notes that show up this soon after the map opens are the board loading (the device's copy,
 * then the server's), not arrivals the room should watch.
 */
const LOAD_GRACE_MS = 2000;

/**
 * The ids of notes that appeared on this screen in the last few seconds, so the projector can
 * point them out. Every note seen is remembered (all personas'), so switching persona or a note
 * being edited or moved never counts as an arrival; neither does the first load.
 */
export function useArrivals(ids: readonly string[]): ReadonlySet<string> {
  const known = useRef<Set<string> | null>(null);
  const openedAt = useRef(0);
  const [expiries, setExpiries] = useState<ReadonlyMap<string, number>>(() => new Map());

  useEffect(() => {
    const now = performance.now();
    if (known.current === null) {
      known.current = new Set(ids);
      openedAt.current = now;
      return;
    }
    const seen = known.current;
    const arrived = ids.filter((id) => !seen.has(id));
    for (const id of arrived) seen.add(id);
    if (arrived.length === 0 || now - openedAt.current < LOAD_GRACE_MS) return;
    setExpiries((old) => new Map([...old, ...arrived.map((id) => [id, now + ARRIVAL_HIGHLIGHT_MS] as const)]));
  }, [ids]);

  useEffect(() => {
    if (expiries.size === 0) return;
    const next = Math.min(...expiries.values());
    const timer = setTimeout(
      () => {
        const now = performance.now();
        setExpiries((old) => new Map([...old].filter(([, until]) => until > now)));
      },
      Math.max(0, next - performance.now()) + 20,
    );
    return () => clearTimeout(timer);
  }, [expiries]);

  return useMemo(() => new Set(expiries.keys()), [expiries]);
}
