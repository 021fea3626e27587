'use client';

import { useTranslations } from 'next-intl';
import type { Group } from '../../lib/groups';
import type { FitMetrics, QuadrantFit, Tile } from '../../lib/projectorLayout';
import { ProjectorNote } from './ProjectorNote';
import type { QuadrantProps } from './ProjectorQuadrant';

/** A quadrant's body as the fit laid it out: group frames and stacks, the loose notes, "+N more". */
export function QuadrantTiles({
  fit,
  quadrant,
  notes,
  groups,
  voteResults,
  arrivals,
  onOpenNote,
  onOpenGroup,
  onOpenMore,
}: QuadrantProps & { fit: QuadrantFit }) {
  const t = useTranslations('note');
  const tp = useTranslations('participant');
  const byId = new Map(notes.map((note) => [note.id, note]));
  const note = (id: string) => {
    const shown = byId.get(id);
    return (
      shown && (
        <ProjectorNote
          key={id}
          note={shown}
          metrics={fit.metrics}
          maxLines={fit.maxLines}
          showAuthor={fit.showAuthors}
          votes={voteResults?.[id] ?? null}
          isNew={arrivals.has(id)}
          onOpen={onOpenNote}
        />
      )
    );
  };
  const loose = fit.tiles.filter((tile): tile is Extract<Tile, { kind: 'note' }> => tile.kind === 'note');
  const hidden = fit.hiddenNoteIds;
  return (
    <>
      {fit.tiles.map((tile) => {
        if (tile.kind === 'note') return null;
        const group = groups.find((g) => g.id === tile.groupId);
        if (!group) return null;
        const isNew = (tile.kind === 'group' ? tile.noteIds : notes.filter((n) => n.groupId === group.id).map((n) => n.id)).some((id) =>
          arrivals.has(id),
        );
        return tile.kind === 'stack' ? (
          <GroupStack key={group.id} group={group} count={tile.count} m={fit.metrics} isNew={isNew} onOpen={onOpenGroup} />
        ) : (
          <div
            key={group.id}
            role="group"
            aria-label={t('groupLabel', { name: group.name })}
            className="break-inside-avoid rounded-lg border-2 border-dashed border-slate-400"
            style={{ padding: `0 ${fit.metrics.padXPx / 2}px`, marginBottom: fit.metrics.gapPx }}
          >
            <GroupHeading group={group} count={tile.noteIds.length} m={fit.metrics} onOpen={onOpenGroup} />
            <ul>{tile.noteIds.map(note)}</ul>
          </div>
        );
      })}
      {loose.length > 0 && <ul aria-label={tp('notesIn', { title: quadrant.title })}>{loose.map((tile) => note(tile.id))}</ul>}
      {hidden.length > 0 && (
        <button
          type="button"
          onClick={() => onOpenMore(quadrant.id, hidden)}
          className={`block w-full break-inside-avoid rounded-md border border-slate-500 bg-slate-100 text-start font-bold text-slate-900 ${hidden.some((id) => arrivals.has(id)) ? 'note-arrived' : ''}`}
          style={{ padding: `${fit.metrics.padYPx}px ${fit.metrics.padXPx}px`, fontSize: fit.metrics.fontPx, lineHeight: 1.25 }}
        >
          {t('moreTile', { count: hidden.length })}
          <span className="sr-only"> {t('moreTileRest', { count: hidden.length, quadrant: quadrant.title })}</span>
        </button>
      )}
    </>
  );
}

function GroupHeading({ group, count, m, onOpen }: { group: Group; count: number; m: FitMetrics; onOpen(groupId: string): void }) {
  const t = useTranslations('note');
  return (
    <button
      type="button"
      onClick={() => onOpen(group.id)}
      className="flex w-full items-baseline gap-2 text-start font-bold text-slate-800 [break-after:avoid]"
      style={{ fontSize: m.metaPx, lineHeight: 1.25, paddingTop: m.padYPx / 2, paddingBottom: m.padYPx / 2 }}
    >
      <span className="min-w-0 truncate">{group.name}</span>
      <span className="shrink-0 font-semibold text-slate-600">
        {count} <span className="sr-only">{t('openGroup', { count })}</span>
      </span>
    </button>
  );
}

/** A collapsed group: one card standing for its notes, with its name and how many. */
function GroupStack({
  group,
  count,
  m,
  isNew,
  onOpen,
}: {
  group: Group;
  count: number;
  m: FitMetrics;
  isNew: boolean;
  onOpen(id: string): void;
}) {
  const t = useTranslations('note');
  const tp = useTranslations('participant');
  return (
    <div className="break-inside-avoid" style={{ paddingBottom: m.gapPx + 6 }}>
      <button
        type="button"
        onClick={() => onOpen(group.id)}
        aria-label={t('groupCount', { name: group.name, count })}
        className={`block w-full rounded-md border border-amber-500 bg-amber-100 text-start text-slate-950 shadow-[3px_3px_0_0_#fcd34d,6px_6px_0_0_#fde68a] ${isNew ? 'note-arrived' : ''}`}
        style={{ padding: `${m.padYPx}px ${m.padXPx}px`, lineHeight: 1.25 }}
      >
        <span className="block truncate font-bold" style={{ fontSize: m.fontPx }}>
          {group.name}
        </span>
        <span className="block font-semibold text-slate-700" style={{ fontSize: m.metaPx }}>
          {tp('noteCount', { count })}
        </span>
      </button>
    </div>
  );
}
