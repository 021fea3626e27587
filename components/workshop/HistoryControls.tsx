'use client';

import { useTranslations } from 'next-intl';
import { Redo2, Undo2 } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { Result } from '../../lib/result';
import type { BoardHistory } from '../sync/BoardHistory';
import { useBoardHistory } from '../sync/useBoardHistory';
import { useRefusalText } from '../ui/useRefusalText';

const MESSAGE_MS = 4_000;

const NOT_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'file', 'range', 'image']);

/** Typing targets keep the browser's own text undo (Ctrl+Z inside a note being written). */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NOT_TEXT_INPUTS.has(target.type);
  return target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/** Which history step a key press asks for: Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z and Ctrl+Y redo. */
function stepOf(event: KeyboardEvent): 'undo' | 'redo' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && event.ctrlKey && !event.shiftKey) return 'redo';
  return null;
}

/** Runs undo/redo, with a short message (announced politely) saying what happened. */
function useHistorySteps(history: BoardHistory, isReadOnly: boolean) {
  const t = useTranslations('notices');
  const refusal = useRefusalText();
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (message === null) return;
    const timer = setTimeout(() => setMessage(null), MESSAGE_MS);
    return () => clearTimeout(timer);
  }, [message]);
  const run = useCallback(
    (step: 'undo' | 'redo') => {
      if (isReadOnly) return setMessage(t('lockedByFacilitator'));
      const result: Result<void> = step === 'undo' ? history.undo() : history.redo();
      setMessage(result.ok ? t(step === 'undo' ? 'undone' : 'redone') : refusal(result.error));
    },
    [history, isReadOnly, t, refusal],
  );
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const step = stepOf(event);
      if (step === null || event.defaultPrevented || isTextEntry(event.target)) return;
      event.preventDefault();
      run(step);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [run]);
  return { message, run };
}

/**
 * Undo and Redo of this browser's own changes, as thumb-sized buttons at the bottom of the screen
 * (plus the keyboard shortcuts). A step the server would refuse stays tappable and says why.
 */
export function HistoryBar({ history, isReadOnly }: { history: BoardHistory; isReadOnly: boolean }) {
  const t = useTranslations('participant');
  const refusal = useRefusalText();
  const state = useBoardHistory(history);
  const { message, run } = useHistorySteps(history, isReadOnly);
  const button = (step: 'undo' | 'redo', can: boolean, blockedBy: string | null) => {
    const isOffered = can || blockedBy !== null;
    return (
      <button
        type="button"
        disabled={isReadOnly || !isOffered}
        aria-disabled={!can || undefined}
        title={blockedBy === null ? undefined : refusal(blockedBy)}
        onClick={() => run(step)}
        className="flex min-h-11 items-center gap-1 rounded-lg px-3 font-semibold text-white hover:bg-white/15 disabled:opacity-50 aria-disabled:opacity-70"
      >
        {step === 'undo' ? <Undo2 aria-hidden size={20} /> : <Redo2 aria-hidden size={20} />}
        {t(step)}
      </button>
    );
  };
  return (
    // A full-width bar on a phone (content scrolls above it, never under a floating button); a pill on wider screens.
    <div className="fixed inset-x-0 bottom-0 z-20 border-t border-slate-700 bg-slate-900 px-3 pt-1 pb-[max(0.25rem,env(safe-area-inset-bottom))] md:inset-x-auto md:end-3 md:bottom-3 md:rounded-xl md:border-0 md:p-1 md:shadow-lg">
      <div className="flex items-center gap-2">
        <p role="status" className="min-w-0 flex-1 text-sm text-white md:order-last md:max-w-xs md:empty:hidden">
          {message}
        </p>
        <div role="group" aria-label={t('yourChanges')} className="flex gap-1">
          {button('undo', state.canUndo, state.undoBlockedBy)}
          {button('redo', state.canRedo, state.redoBlockedBy)}
        </div>
      </div>
    </div>
  );
}

/** The presenter's undo/redo: keyboard shortcuts only (nothing on the projected screen but a brief message). */
export function HistoryShortcuts({ history }: { history: BoardHistory }) {
  const { message } = useHistorySteps(history, false);
  return (
    <p
      role="status"
      className={message ? 'fixed bottom-3 left-3 z-30 rounded-lg bg-slate-900 px-4 py-2 text-lg text-white shadow-lg' : 'sr-only'}
    >
      {message}
    </p>
  );
}
