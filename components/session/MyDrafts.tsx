'use client';

import { Trash2 } from 'lucide-react';
import { quadrantTitle, type Quadrant } from '../../lib/quadrants';
import type { DraftView } from '../../lib/session/drafts';
import type { UnsentDraft } from '../sync/ControlConnection';
import type { SendCommand } from './useCommand';

interface Props {
  drafts: DraftView[];
  quadrants: readonly Quadrant[];
  unsent: UnsentDraft[];
  send: SendCommand;
  onRetry(draftId: string): void;
}

/** A participant's private notes: only they see them until the facilitator reveals them. */
export function MyDrafts({ drafts, quadrants, unsent, send, onRetry }: Props) {
  // With none yet, the composer itself says the step is private.
  if (drafts.length === 0 && unsent.length === 0) return null;
  return (
    <section aria-label="Your private notes" className="rounded-xl border border-slate-300 bg-white p-3">
      <h2 className="text-lg font-bold">Your private notes</h2>
      <p className="text-sm text-slate-600">Only you see these until the facilitator reveals them.</p>
      <ul className="mt-2 flex flex-col gap-2">
        {drafts.map((draft) => (
          <li key={draft.draftId} className="flex items-start gap-2 rounded-md bg-yellow-100 p-2">
            <span className="flex-1">
              <span className="block text-xs font-semibold text-slate-600 uppercase">{quadrantTitle(draft.quadrant, quadrants)}</span>
              {draft.text}
            </span>
            <button
              type="button"
              aria-label="Delete private note"
              className="icon-btn size-11"
              onClick={() => send({ type: 'draft.delete', draftId: draft.draftId })}
            >
              <Trash2 aria-hidden size={18} />
            </button>
          </li>
        ))}
        {unsent.map((draft) => (
          <li key={draft.draftId} className="flex items-start gap-2 rounded-md border border-dashed border-slate-400 p-2">
            <span className="flex-1">
              <span className="block text-xs font-semibold text-slate-600 uppercase">{quadrantTitle(draft.quadrant, quadrants)}</span>
              {draft.text}
              <span className={`block text-sm ${draft.error ? 'text-red-700' : 'text-slate-600'}`}>{draft.error ?? 'Sending…'}</span>
            </span>
            {draft.error && (
              <button type="button" className="btn-secondary btn-small" onClick={() => onRetry(draft.draftId)}>
                Retry
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
