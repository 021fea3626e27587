import * as Y from 'yjs';
import { BOARD_ROOTS } from '../../lib/roots';
import type { ChangeContext, NewRecord } from './authorizeChanges';

/** Personas this update hides (`deletedAt`), brings back, or erases: one must stay on the board. */
export interface PersonaChanges {
  hidden: Set<string>;
  shown: Set<string>;
  erased: Set<string>;
}

const isShown = (record: Y.Item) => {
  const type = record.content instanceof Y.ContentType ? record.content.type : null;
  return type instanceof Y.Map && (type.get('deletedAt') === undefined || type.get('deletedAt') === null);
};

/**
 * A workshop keeps at least one persona on its board (the app never hides or erases the last
 * one; without one nothing can be added and the export has no persona to import).
 */
export function keepsAPersona(ctx: Pick<ChangeContext, 'doc' | 'findings'>, changes: PersonaChanges, created: readonly NewRecord[]): void {
  if (changes.hidden.size === 0 && changes.erased.size === 0) return;
  const map = ctx.doc.share.get(BOARD_ROOTS.personas);
  const shownNow = [...(map?._map ?? [])].filter(([, item]) => !item.deleted && isShown(item)).map(([key]) => key);
  if (shownNow.length === 0) return;
  const stays = shownNow.filter((key) => !changes.hidden.has(key) && !changes.erased.has(key));
  const comesBack = [...changes.shown].filter(
    (key) => !changes.erased.has(key) && !shownNow.includes(key) && map?._map.get(key)?.deleted === false,
  );
  const isNew = created.some((record) => record.root === BOARD_ROOTS.personas && record.values.get('deletedAt') == null);
  if (stays.length + comesBack.length > 0 || isNew) return;
  const key = [...changes.hidden, ...changes.erased][0]!;
  ctx.findings.add('last-persona', { root: BOARD_ROOTS.personas, record: null, key }, 'a workshop keeps at least one persona');
}
