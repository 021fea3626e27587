'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { REFUSAL_REASONS, REFUSED_THINGS, type RefusalReason } from '../../lib/boardNotices';
import { BOARD_ROOTS, type BoardRoot } from '../../lib/roots';
import { RESCUED_NOTICE } from '../../lib/privateRescue';
import { parseRefusal } from '../../lib/refusals';
import { NOTHING_TO_REDO, NOTHING_TO_UNDO } from '../../lib/history';

/**
 * `lib/` and the sync layer word refusals in English (they run on the server too, and logs and
 * tests read them); the person reads them in their UI language. This maps the sentences those
 * modules build, from their own constants, to catalog messages at the edge, so no English table
 * is shipped twice. A sentence it does not know is shown as it came.
 */
const REASON_OF_WORDS = new Map<string, RefusalReason>();
for (const [reason, { words }] of Object.entries(REFUSAL_REASONS) as [RefusalReason, { words: string }][]) {
  if (!REASON_OF_WORDS.has(words)) REASON_OF_WORDS.set(words, reason);
}
const ROOT_OF_THING = new Map<string, BoardRoot>(
  Object.values(BOARD_ROOTS).flatMap((root) => (REFUSED_THINGS[root] ? [[REFUSED_THINGS[root], root] as const] : [])),
);

const MANY = /^(\d+) of your changes were not saved\. (.+)$/s;
const ONE_THING = /^Your change to (.+?) was not saved\. (.+)$/s;
const ONE = /^Your change was not saved\. (.+)$/s;

/** The catalogs' `notices` and `refusals` translators (tests pass use-intl's, made the same way). */
export interface RefusalTranslators {
  notices: ReturnType<typeof useTranslations<'notices'>>;
  refusals: ReturnType<typeof useTranslations<'refusals'>>;
}

/** A sentence from `lib/` or the sync layer in the reader's language; unknown sentences come back as they are. */
export function localizeRefusal(text: string, { notices: t, refusals }: RefusalTranslators): string {
  const parsed = parseRefusal(text);
  if (parsed) return refusals(parsed.key, parsed.values);
  const reasonText = (words: string) => {
    const reason = REASON_OF_WORDS.get(words);
    return reason ? t(`reasons.${reason}`) : words;
  };
  if (REASON_OF_WORDS.has(text)) return reasonText(text);
  if (text === RESCUED_NOTICE) return t('rescued');
  if (text === NOTHING_TO_UNDO) return t('nothingToUndo');
  if (text === NOTHING_TO_REDO) return t('nothingToRedo');
  const many = MANY.exec(text);
  if (many) return `${t('notSavedMany', { count: Number(many[1]) })} ${reasonText(many[2]!)}`;
  const oneThing = ONE_THING.exec(text);
  const root = oneThing ? ROOT_OF_THING.get(oneThing[1]!) : undefined;
  if (oneThing && root) return `${t(`notSaved.${root}`)} ${reasonText(oneThing[2]!)}`;
  const one = ONE.exec(text);
  if (one) return `${t('notSaved.other')} ${reasonText(one[1]!)}`;
  return text;
}

export function useRefusalText(): (text: string) => string {
  const notices = useTranslations('notices');
  const refusals = useTranslations('refusals');
  return useCallback((text: string) => localizeRefusal(text, { notices, refusals }), [notices, refusals]);
}
