import type { Locale } from '../../lib/i18n/locales';
import { localizeQuadrants, type BuiltInMapWords, type Quadrant, type TemplateId } from '../../lib/quadrants';
import { FIXED_STEP_IDS, type AgendaTexts } from '../../lib/session/agenda';
import { CATALOGS, serverTranslator } from './catalogs';

type BuiltIn = Exclude<TemplateId, 'custom'>;

/**
 * A built-in map in the workshop's language (see `localizeQuadrants`). Read as plain text:
 * these become the board's own content, which people may edit afterwards like anything they typed.
 */
export function builtInQuadrants(template: BuiltIn, locale: Locale): Quadrant[] {
  return localizeQuadrants(template, CATALOGS[locale].board[template] as BuiltInMapWords);
}

/** The default agenda's fixed steps in the workshop's language. */
export function agendaTexts(locale: Locale): AgendaTexts {
  const words = CATALOGS[locale].board.agenda;
  return Object.fromEntries(FIXED_STEP_IDS.map((id) => [id, { title: words[id].title, prompt: words[id].prompt }])) as AgendaTexts;
}

/** The first persona's name ("Persona 1") in the workshop's language. */
export function firstPersonaName(locale: Locale): string {
  return serverTranslator(locale, 'board')('persona', { number: 1 });
}
