'use client';

import { useLayoutEffect, useRef, useState } from 'react';
import type { Size } from '../../lib/projectorLayout';

/**
 * The content box of an element (inside its padding), kept current with a ResizeObserver, in
 * whole CSS pixels. Null until the first measurement, so nothing is laid out for a guessed size.
 */
export function useElementSize<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [size, setSize] = useState<Size | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = (width: number, height: number) =>
      setSize((old) => {
        const next = { width: Math.floor(width), height: Math.floor(height) };
        return old && old.width === next.width && old.height === next.height ? old : next;
      });
    // Measured once now, so the first paint is laid out; the observer follows every change after.
    const style = getComputedStyle(element);
    update(
      element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
      element.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom),
    );
    const observer = new ResizeObserver(([entry]) => entry && update(entry.contentRect.width, entry.contentRect.height));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, size] as const;
}
