'use client';

import { useEffect } from 'react';
import type { CommandInput, CommandReply } from '../../lib/session/commands';
import { isTyping } from '../ui/isTyping';

interface Options {
  /** Runs a session command and keeps its failure to show (`useCommand`). */
  run(command: CommandInput): Promise<CommandReply>;
  /** False until the session is known: there is no agenda to step through yet. */
  isEnabled: boolean;
  /** Escape while the controls are hidden: the tiny "Show controls" button is hard to hit. */
  onShowControls?(): void;
}

function stepOf(event: KeyboardEvent): 'step.next' | 'step.previous' | null {
  if (event.key === 'PageDown' || (event.key === 'ArrowRight' && event.shiftKey)) return 'step.next';
  if (event.key === 'PageUp' || (event.key === 'ArrowLeft' && event.shiftKey)) return 'step.previous';
  return null;
}

/**
 * A presentation clicker's keys for the whole presenter view, with the controls shown or hidden
 * (a clean projected screen is exactly when the clicker is used): PageDown and Shift+ArrowRight
 * go to the next step, PageUp and Shift+ArrowLeft to the previous one. Text fields keep their keys.
 */
export function useClickerKeys({ run, isEnabled, onShowControls }: Options) {
  useEffect(() => {
    if (!isEnabled) return;
    function onKeyDown(event: KeyboardEvent) {
      if (isTyping(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
      const step = stepOf(event);
      if (step) {
        event.preventDefault(); // the key steps the agenda; it does not also scroll the page
        void run({ type: step });
      }
      // An open dialog, menu or note editor takes Escape for itself.
      if (event.key === 'Escape' && onShowControls && !event.defaultPrevented && !document.querySelector('dialog[open]')) onShowControls();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [run, isEnabled, onShowControls]);
}
