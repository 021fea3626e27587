'use client';

import { useLayoutEffect, useRef, useState } from 'react';
import { useElementSize } from './useElementSize';

interface Props {
  text: string;
  maxPx: number;
  className?: string;
}

/**
 * Text on one line, as large as its container's width allows (up to `maxPx`): a room code or a
 * join URL that must never wrap or break mid-word, whatever its length and the screen's width.
 * Text width grows in proportion to font size, so one measurement sets the size.
 */
export function FitText({ text, maxPx, className = '' }: Props) {
  const [boxRef, box] = useElementSize<HTMLDivElement>();
  const textRef = useRef<HTMLSpanElement>(null);
  const [fontPx, setFontPx] = useState(maxPx);

  useLayoutEffect(() => {
    const fit = () => {
      const width = textRef.current?.getBoundingClientRect().width;
      if (!box || !width) return;
      setFontPx((current) => {
        const next = Math.max(8, Math.min(maxPx, Math.floor(((current * box.width) / width) * 0.98)));
        return Math.abs(next - current) >= 1 ? next : current;
      });
    };
    fit();
    // Web fonts may land after the first layout and change the width.
    void document.fonts?.ready.then(fit);
  }, [text, box, maxPx, fontPx, className]);

  return (
    <div ref={boxRef} className="w-full min-w-0 overflow-hidden">
      <span ref={textRef} className={`inline-block whitespace-nowrap ${className}`} style={{ fontSize: fontPx, lineHeight: 1.1 }}>
        {text}
      </span>
    </div>
  );
}
