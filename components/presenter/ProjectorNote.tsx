'use client';

import { CircleHelp, Eye } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { memo, type CSSProperties } from 'react';
import type { Note } from '../../lib/note';
import type { FitMetrics } from '../../lib/projectorLayout';
import { NOTE_COLOR_CLASSES } from '../board/noteColors';

interface Props {
  note: Note;
  metrics: FitMetrics;
  maxLines: number;
  showAuthor: boolean;
  /** Closed-round total, if a round closed. */
  votes: number | null;
  isNew: boolean;
  onOpen(noteId: string): void;
}

/**
 * A sticky note on the projector: text in the fitted size, marks before it (so a clamped text
 * never hides them), the author when there is room. The whole note is one button that opens its
 * editor, so the board shows notes, not tools. Memoised: the board store keeps a note's record
 * identity while it is unchanged, so a note re-renders only when it changes or the fit does.
 */
export const ProjectorNote = memo(function ProjectorNote({ note, metrics: m, maxLines, showAuthor, votes, isNew, onOpen }: Props) {
  const t = useTranslations('participant');
  const tn = useTranslations('note');
  const author = note.authorName || t('anonymous');
  // One line is cut with an ellipsis in place (a line clamp would push a long first word off it).
  const clamp: CSSProperties =
    maxLines === 1
      ? { display: 'block', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }
      : { display: '-webkit-box', WebkitBoxOrient: 'vertical', WebkitLineClamp: maxLines, overflow: 'hidden', whiteSpace: 'pre-wrap' };
  return (
    <li className="break-inside-avoid" style={{ paddingBottom: m.gapPx }} data-arrived={isNew || undefined}>
      <button
        type="button"
        onClick={() => onOpen(note.id)}
        className={`block w-full rounded-md border text-start text-slate-950 shadow-sm ${NOTE_COLOR_CLASSES[note.color]} ${isNew ? 'note-arrived' : ''}`}
        style={{ padding: `${m.padYPx}px ${m.padXPx}px`, fontSize: m.fontPx, lineHeight: 1.25 }}
      >
        <span dir="auto" className="break-words" style={clamp}>
          {votes !== null && votes > 0 && <VotePill votes={votes} metaPx={m.metaPx} />}
          {note.evidence && <EvidenceMark evidence={note.evidence} fontPx={m.fontPx} />}
          {note.text}
        </span>
        {showAuthor ? (
          <span className="mt-0.5 block truncate text-slate-700" style={{ fontSize: m.metaPx }}>
            {author}
          </span>
        ) : (
          <span className="sr-only"> {tn('byLower', { author })}</span>
        )}
      </button>
    </li>
  );
});

function VotePill({ votes, metaPx }: { votes: number; metaPx: number }) {
  const t = useTranslations('participant');
  return (
    <span
      role="img"
      aria-label={t('votes', { count: votes })}
      className="me-1.5 inline-flex items-center gap-1 rounded-full bg-slate-900 px-2 align-middle font-bold text-white"
      style={{ fontSize: metaPx, lineHeight: 1.3 }}
    >
      <span aria-hidden>●</span>
      {votes}
    </span>
  );
}

/** Observed (a customer said or did it) or assumed: an icon the persona card's legend explains. */
export function EvidenceMark({ evidence, fontPx }: { evidence: 'observed' | 'assumed'; fontPx: number }) {
  const t = useTranslations('participant');
  const Icon = evidence === 'observed' ? Eye : CircleHelp;
  return (
    <span
      role="img"
      aria-label={t(evidence)}
      className={`me-1.5 inline-flex items-center justify-center rounded-full align-[-0.15em] ${evidence === 'observed' ? 'bg-green-800 text-white' : 'bg-slate-600 text-white'}`}
      style={{ width: fontPx, height: fontPx }}
    >
      <Icon aria-hidden size={Math.round(fontPx * 0.72)} strokeWidth={2.5} />
    </span>
  );
}
