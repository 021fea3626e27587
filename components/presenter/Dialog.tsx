'use client';

import { X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Wider for lists of notes. */
  isWide?: boolean;
}

/**
 * A modal dialog on the native `<dialog>`: focus moves into it and back to what opened it,
 * Escape and the Close button close it, the page behind is inert meanwhile. The element marked
 * `data-autofocus` gets the focus first.
 */
export function Dialog({ title, onClose, children, isWide = false }: Props) {
  const t = useTranslations('note');
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    dialog.showModal();
    // React's autoFocus runs before the dialog opens, and opening moves focus to its first button.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    // A close event is queued, so one from an earlier close may land after the dialog reopened.
    const closed = () => !dialog.open && onCloseRef.current();
    dialog.addEventListener('close', closed);
    return () => {
      dialog.removeEventListener('close', closed);
      if (dialog.open) dialog.close();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className={`m-auto max-h-[90dvh] ${isWide ? 'w-[min(92vw,56rem)]' : 'w-[min(92vw,40rem)]'} overflow-y-auto rounded-xl bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-950/50`}
      // A click on the backdrop (the dialog element itself, outside its content) closes it.
      onClick={(event) => event.target === event.currentTarget && ref.current?.close()}
    >
      <div className="flex flex-col gap-4 p-5 text-lg">
        <div className="flex items-start gap-3">
          <h2 id={titleId} className="min-w-0 flex-1 text-2xl font-bold break-words text-slate-950">
            {title}
          </h2>
          <button type="button" aria-label={t('close')} className="icon-btn shrink-0" onClick={() => ref.current?.close()}>
            <X aria-hidden size={22} />
          </button>
        </div>
        {children}
      </div>
    </dialog>
  );
}
