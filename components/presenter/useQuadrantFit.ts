'use client';

import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { fitQuadrant, type FitMetrics, type QuadrantFit, type QuadrantFitInput, type Size } from '../../lib/projectorLayout';

/** Each correction takes this share off the height the fit may use. */
const CORRECTION_STEP = 0.06;
const MAX_CORRECTIONS = 8;

interface Correction {
  boxKey: string;
  /** The most notes seen at this box: a deletion starts over, an addition never does. */
  notes: number;
  steps: number;
}

/**
 * The quadrant's fit, checked against the real DOM: the fit is an estimate, so after each
 * render the body is measured, and if anything overflows, the fit runs again on a slightly
 * shorter box until nothing does. The correction is kept while notes are added (so more notes
 * never mean bigger type) and dropped when the box changes or notes go away.
 */
export function useQuadrantFit(box: Size | null, input: Omit<QuadrantFitInput, 'box'>) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const boxKey = box ? `${box.width}x${box.height}` : '';
  const count = input.notes.length;
  const [correction, setCorrection] = useState<Correction>({ boxKey, notes: count, steps: 0 });
  const isCurrent = correction.boxKey === boxKey && count >= correction.notes;
  const steps = isCurrent ? correction.steps : 0;
  const { maxFontPx, questions, groups, notes } = input;

  const lastMetrics = useRef<FitMetrics | null>(null);
  const lastFit = useRef<{ key: string; notes: number; level: number } | null>(null);
  const fit: QuadrantFit | null = useMemo(() => {
    if (!box) return null;
    const height = Math.floor(box.height * (1 - steps * CORRECTION_STEP));
    // The same box and type with no fewer notes: the level shown now holds while it fits (`FitHint`).
    const key = `${box.width}x${height}@${maxFontPx}`;
    const last = lastFit.current;
    const hint = last && last.key === key && notes.length >= last.notes ? { level: last.level } : null;
    const next = fitQuadrant({ box: { width: box.width, height }, maxFontPx, questions, groups, notes }, hint);
    lastFit.current = { key, notes: notes.length, level: next.level };
    // Same sizes, same object: the memoised notes then skip a quadrant's re-fit that changed nothing for them.
    const previous = lastMetrics.current;
    if (previous && (Object.keys(previous) as (keyof FitMetrics)[]).every((key) => previous[key] === next.metrics[key])) {
      return { ...next, metrics: previous };
    }
    lastMetrics.current = next.metrics;
    return next;
  }, [box, steps, maxFontPx, questions, groups, notes]);

  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body || !fit) return;
    const overflows = body.scrollHeight > body.clientHeight + 1 || body.scrollWidth > body.clientWidth + 1;
    if (overflows && steps < MAX_CORRECTIONS) setCorrection({ boxKey, notes: count, steps: steps + 1 });
    else if (!isCurrent || count > correction.notes) setCorrection({ boxKey, notes: count, steps });
  }, [fit, boxKey, count, steps, isCurrent, correction.notes]);

  return { fit, bodyRef, corrections: steps };
}
