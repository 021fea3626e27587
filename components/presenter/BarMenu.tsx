'use client';

import { ChevronDown } from 'lucide-react';
import { useId, useRef, type ReactNode, type ToggleEvent } from 'react';

interface Props {
  label: string;
  icon?: ReactNode;
  /** Menu content; call `close` after an action that is done with the menu. */
  children(close: () => void): ReactNode;
}

/**
 * A button in the facilitator bar that opens a panel of controls under it: a native popover, so
 * Escape and a click elsewhere close it, it draws above the board, and Tab moves from the button
 * into it. The button reports its expanded state to screen readers.
 */
export function BarMenu({ label, icon, children }: Props) {
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const close = () => panelRef.current?.hidePopover();

  // Placed under its button before it shows; a button on the right half opens it leftwards.
  function place(event: ToggleEvent<HTMLDivElement>) {
    const button = buttonRef.current;
    const panel = event.currentTarget;
    if (event.newState !== 'open' || !button) return;
    const below = button.getBoundingClientRect();
    const isRightHalf = below.left > window.innerWidth / 2;
    panel.style.top = `${below.bottom + 6}px`;
    panel.style.left = isRightHalf ? 'auto' : `${Math.max(8, below.left)}px`;
    panel.style.right = isRightHalf ? `${Math.max(8, window.innerWidth - below.right)}px` : 'auto';
    // Longer words (German, the pseudo-locale) can make it wider than the room left of or right
    // of its button on a phone: once drawn, it is moved back inside the screen.
    requestAnimationFrame(() => keepOnScreen(panel));
  }

  return (
    <>
      <button ref={buttonRef} type="button" className="bar-btn" popoverTarget={id}>
        {icon}
        {label}
        <ChevronDown aria-hidden size={16} />
      </button>
      <div
        ref={panelRef}
        id={id}
        popover="auto"
        onBeforeToggle={place}
        className="fixed m-0 max-h-[calc(100dvh-5rem)] max-w-[calc(100vw-1rem)] min-w-56 overflow-y-auto rounded-xl border border-slate-700 bg-slate-900 p-2 text-white shadow-2xl"
      >
        <div className="flex flex-col items-stretch gap-1">{children(close)}</div>
      </div>
    </>
  );
}

/** Shifts an open panel sideways so that all of it is on screen (8 px from either edge). */
function keepOnScreen(panel: HTMLElement) {
  const rect = panel.getBoundingClientRect();
  const room = window.innerWidth - 8;
  if (rect.right <= room && rect.left >= 8) return;
  panel.style.right = 'auto';
  panel.style.left = `${Math.max(8, Math.min(rect.left, room - rect.width))}px`;
}
