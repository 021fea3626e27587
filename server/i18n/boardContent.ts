import type { Locale } from '../../lib/i18n/locales';
import { CLASSIC_QUADRANTS, SIX_QUADRANTS, type Quadrant, type TemplateId } from '../../lib/quadrants';
import { FIXED_STEP_IDS, type AgendaTexts } from '../../lib/session/agenda';
import { CATALOGS, serverTranslator } from './catalogs';

type BuiltIn = Exclude<TemplateId, 'custom'>;
const BUILT_IN: Record<BuiltIn, readonly Quadrant[]> = { six: SIX_QUADRANTS, classic: CLASSIC_QUADRANTS };

/**
 * A built-in map in the workshop's language: the same quadrant ids (notes name their quadrant
 * by id, so exports, imports and template switches keep working), titles and guiding
 * questions from the catalog's `board.<template>`. Read as plain text: these become the
 * board's own content, which people may edit afterwards like anything they typed.
 */
export function builtInQuadrants(template: BuiltIn, locale: Locale): Quadrant[] {
  const words = CATALOGS[locale].board[template] as Record<string, Record<string, string>>;
  return BUILT_IN[template].map((quadrant) => {
    const own = words[quadrant.id];
    if (!own) return { ...quadrant, questions: [...quadrant.questions] };
    return { id: quadrant.id, title: own.title ?? quadrant.title, questions: quadrant.questions.map((q, i) => own[`q${i + 1}`] ?? q) };
  });
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
