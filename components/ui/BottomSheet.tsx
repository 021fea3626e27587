'use client';

import { X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  title: ReactNode;
  onClose(): void;
  /** Where focus goes back to when the sheet closes; `fallbackFocus` runs when it left the page. */
  returnFocusTo: HTMLElement | null;
  fallbackFocus?(): void;
  children: ReactNode;
}

/**
 * A modal sheet that slides up from the bottom of a phone (centred on wider screens). A native
 * `<dialog>` opened with `showModal()`: the rest of the page is inert, so focus stays inside;
 * Escape, the close button and a tap outside close it, and focus returns to what opened it.
 */
export function BottomSheet({ title, onClose, returnFocusTo, fallbackFocus, children }: Props) {
  const t = useTranslations('note');
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Read at close time, not captured at open: the opener may re-render meanwhile.
  const focusBack = useRef({ returnFocusTo, fallbackFocus });
  useEffect(() => {
    focusBack.current = { returnFocusTo, fallbackFocus };
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    dialog.showModal();
    return () => {
      dialog.close();
      const { returnFocusTo: target, fallbackFocus: fallback } = focusBack.current;
      if (target?.isConnected) target.focus();
      else fallback?.();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      // The dialog box has no padding of its own: a click that lands on it is on the backdrop.
      onClick={(event) => event.target === ref.current && onClose()}
      className="fixed inset-x-0 top-auto bottom-0 m-0 mx-auto max-h-[88dvh] w-full max-w-lg overflow-hidden rounded-t-2xl bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-950/50 md:bottom-auto md:top-1/2 md:-translate-y-1/2 md:rounded-2xl"
    >
      <div className="flex max-h-[88dvh] flex-col">
        <div className="flex items-start gap-2 border-b border-slate-200 py-2 pe-2 ps-4">
          <h2 id={titleId} className="min-w-0 flex-1 py-2 text-lg font-bold text-slate-950">
            {title}
          </h2>
          <button
            type="button"
            aria-label={t('close')}
            onClick={onClose}
            className="grid size-11 shrink-0 place-items-center rounded-lg hover:bg-slate-100"
          >
            <X aria-hidden size={22} />
          </button>
        </div>
        <div className="overflow-y-auto overscroll-contain px-4 pt-3 pb-[max(1rem,env(safe-area-inset-bottom))]">{children}</div>
      </div>
    </dialog>
  );
}
