'use client';

import { useEffect, useState } from 'react';
import { isLocale, type Locale } from '../../lib/i18n/locales';
import { localizeQuadrants, TEMPLATES, type BuiltInMapWords, type Quadrant, type TemplateId } from '../../lib/quadrants';

type BuiltIn = Exclude<TemplateId, 'custom'>;
export type BuiltInMaps = Record<BuiltIn, readonly Quadrant[]>;

const ENGLISH: BuiltInMaps = { six: TEMPLATES.six.quadrants, classic: TEMPLATES.classic.quadrants };
const loaded = new Map<Locale, BuiltInMaps>([['en', ENGLISH]]);

/** Keeps only text: a map's words are plain strings in every catalog (tests/unit/i18n.catalogs.test.ts). */
function wordsOf(value: unknown): BuiltInMapWords {
  const words: BuiltInMapWords = {};
  if (!value || typeof value !== 'object') return words;
  for (const [id, quadrant] of Object.entries(value)) {
    if (!quadrant || typeof quadrant !== 'object') continue;
    words[id] = Object.fromEntries(Object.entries(quadrant).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  }
  return words;
}

/**
 * The built-in maps in the workshop's language, for the map editor's "Use …" buttons: switching
 * templates in a German workshop writes the German quadrants, as creating it did. The words are
 * the catalogs' `board` namespace, which pages do not ship; this loads that language's catalog
 * only when the facilitator opens the map editor (English until it has arrived).
 */
export function useBuiltInMaps(workshopLocale: unknown): BuiltInMaps {
  const locale: Locale = isLocale(workshopLocale) ? workshopLocale : 'en';
  const [, setVersion] = useState(0);
  useEffect(() => {
    if (loaded.has(locale)) return;
    let isCurrent = true;
    void import(`../../messages/${locale}.json`).then((module: { default: { board?: Record<string, unknown> } }) => {
      const board = module.default.board ?? {};
      loaded.set(locale, {
        six: localizeQuadrants('six', wordsOf(board.six)),
        classic: localizeQuadrants('classic', wordsOf(board.classic)),
      });
      if (isCurrent) setVersion((version) => version + 1);
    });
    return () => {
      isCurrent = false;
    };
  }, [locale]);
  return loaded.get(locale) ?? ENGLISH;
}
