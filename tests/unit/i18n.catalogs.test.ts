import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../lib/i18n/locales';
import { PROFILE_FIELD_KEYS, PROFILE_FIELDS } from '../../lib/profile';
import { CLASSIC_QUADRANTS, QuadrantsSchema, SIX_QUADRANTS } from '../../lib/quadrants';
import { ENGLISH_AGENDA, STEP_LIMITS } from '../../lib/session/agenda';
import { agendaTexts, builtInQuadrants, firstPersonaName } from '../../server/i18n/boardContent';
import { CATALOGS } from '../../server/i18n/catalogs';

/**
 * Values that may equal the English one, per locale, each for a reason: the same word in that
 * language (or a brand-like term practitioners keep), not a forgotten translation.
 */
const SAME_AS_ENGLISH: Partial<Record<Locale, readonly string[]>> = {
  // "{label}: {time}" has no words; "Persona(s)" is the practitioners' word; German teams say "Board" and "Journey" too.
  de: [
    'session.timer',
    'presenter.boardMenu',
    'board.persona',
    'participant.sectionJourney',
    'participant.personaLabel',
    'participant.personas',
    // The same words in the exports (headings, CSV columns, counts) and profile labels.
    'export.personasHeading',
    // "Quadrant", "Export" and "Snapshots" are the words used there too.
    'panels.newQuadrant',
    'panels.exportHeading',
    // "Orange" is the German colour name; "Quadrant", "Snapshot" and "Journey" are the words German teams use (glossary).
    'note.colours.orange',
    'note.quadrant',
    'drafts.journeyStep',
    'snapshot.heading',
    'snapshot.journey',
  ],
  // The same words in French: quadrants, notes, votes, vote, minute, personas, active; "Gains" as in the Value Proposition Canvas.
  fr: [
    'participant.quadrants',
    'participant.noteCount',
    'participant.votes',
    'participant.personas',
    'participant.active',
    'session.notes',
    'presenter.oneMinute',
    'board.persona',
    'board.agenda.vote.title',
    'board.six.gains.title',
    // The same words in the exports (headings, CSV columns, counts) and profile labels.
    'export.personasStat',
    'export.notesStat',
    'export.participantsStat',
    'export.personasHeading',
    'export.participantsHeading',
    'export.noteCount',
    'export.page',
    'export.votes',
    'export.action',
    'export.csv.persona',
    'export.csv.quadrant',
    'export.csv.votes',
    // "Quadrant", "Export" and "Snapshots" are the words used there too.
    'panels.newQuadrant',
    // "Action {number}" and "Question {number}" are French too.
    'plan.action',
    'plan.question',
    // "Orange", "Note", "Quadrant", "Question" and "Action" are the same French words.
    'note.colours.orange',
    'note.dialogTitle',
    'note.quadrant',
    'drafts.question',
    'drafts.action',
  ],
  es: [
    'session.timer',
    'board.persona',
    'participant.personaLabel',
    'participant.personas',
    // The same words in the exports (headings, CSV columns, counts) and profile labels.
    'export.personasStat',
    'export.personasHeading',
    'export.csv.persona',
  ],
  'pt-BR': [
    'session.timer',
    'board.persona',
    'participant.personaLabel',
    'participant.personas',
    // The same words in the exports (headings, CSV columns, counts) and profile labels.
    'export.personasStat',
    'export.personasHeading',
    'export.csv.persona',
    // "Quadrant", "Export" and "Snapshots" are the words used there too.
    'panels.snapshots',
    // "Use {methods}." reads the same in Portuguese.
    'errors.useMethod',
  ],
  it: [
    'session.timer',
    'board.persona',
    'participant.personaLabel',
    'participant.personas',
    // The same words in the exports (headings, CSV columns, counts) and profile labels.
    'export.personasStat',
    'export.personasHeading',
    'export.mdScenario',
    'export.csv.persona',
  ],
  nl: [
    'session.timer',
    'board.persona',
    'participant.personaLabel',
    // The same words in the exports (headings, CSV columns, counts) and profile labels.
    'export.mdScenario',
    'profileFields.gender',
  ],
  ja: ['session.timer'],
  'zh-CN': [],
  ar: ['session.timer'],
};

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

/** What a message takes: its arguments (with their kind) and rich-text tags, sorted. */
function signature(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument) into.add(`arg:${element.value}`);
    if (element.type === TYPE.number) into.add(`number:${element.value}`);
    if (element.type === TYPE.plural) into.add(`plural:${element.value}`);
    if (element.type === TYPE.select) into.add(`select:${element.value}`);
    if (element.type === TYPE.tag) {
      into.add(`tag:${element.value}`);
      signature(element.children, into);
    }
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) signature(option.value, into);
    }
  }
  return into;
}

function plurals(elements: MessageFormatElement[], into: { name: string; categories: string[] }[] = []) {
  for (const element of elements) {
    if (element.type === TYPE.plural) {
      into.push({ name: element.value, categories: Object.keys(element.options) });
      for (const option of Object.values(element.options)) plurals(option.value, into);
    }
    if (element.type === TYPE.select) for (const option of Object.values(element.options)) plurals(option.value, into);
    if (element.type === TYPE.tag) plurals(element.children, into);
  }
  return into;
}

const english = flatten(CATALOGS.en as unknown as Tree);
const parseIcu = (message: string) => parse(message, { requiresOtherClause: true });

describe('message catalogs', () => {
  it.each(LOCALES)('%s has exactly the English keys, none empty', (locale) => {
    const catalog = flatten(CATALOGS[locale] as unknown as Tree);
    expect([...catalog.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, value] of catalog) expect(value.trim(), `${locale} ${key}`).not.toBe('');
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s translates every value (or allow-lists it)', (locale) => {
    const catalog = flatten(CATALOGS[locale] as unknown as Tree);
    const allowed = new Set(SAME_AS_ENGLISH[locale] ?? []);
    const same = [...catalog].filter(([key, value]) => value === english.get(key)).map(([key]) => key);
    expect(same.filter((key) => !allowed.has(key))).toEqual([]);
    // A stale allow-list entry hides nothing, but says something untrue: keep it exact.
    expect([...allowed].filter((key) => !same.includes(key))).toEqual([]);
  });

  it.each(LOCALES)('%s: every message parses as ICU with the English arguments and tags', (locale) => {
    for (const [key, value] of flatten(CATALOGS[locale] as unknown as Tree)) {
      const ast = parseIcu(value);
      expect([...signature(ast)].sort(), `${locale} ${key}: ${value}`).toEqual([...signature(parseIcu(english.get(key)!))].sort());
    }
  });

  it.each(LOCALES)('%s: plurals name every category the language has', (locale) => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
    // French, Spanish, Italian and Portuguese "many" is for round millions ("1 million de notes"), where "other" reads right.
    const needed = categories.filter((c) => !(c === 'many' && ['fr', 'es', 'it', 'pt-BR'].includes(locale)));
    for (const [key, value] of flatten(CATALOGS[locale] as unknown as Tree)) {
      for (const plural of plurals(parseIcu(value))) {
        expect(plural.categories.filter((c) => !c.startsWith('=')).sort(), `${locale} ${key}`).toEqual(expect.arrayContaining(needed));
      }
    }
    if (locale === 'ar') expect(needed.sort()).toEqual(['few', 'many', 'one', 'other', 'two', 'zero']);
  });
});

describe('board content in the workshop language', () => {
  it('English is exactly what the code had, so an English workshop is unchanged', () => {
    expect(builtInQuadrants('six', 'en')).toEqual(SIX_QUADRANTS);
    expect(builtInQuadrants('classic', 'en')).toEqual(CLASSIC_QUADRANTS);
    expect(agendaTexts('en')).toEqual(ENGLISH_AGENDA);
    expect(firstPersonaName('en')).toBe('Persona 1');
    // The profile's labels (exports and screens) are the English ones the code had.
    expect(PROFILE_FIELD_KEYS.map((key) => CATALOGS.en.profileFields[key])).toEqual(
      PROFILE_FIELD_KEYS.map((key) => PROFILE_FIELDS[key].label),
    );
  });

  it.each(LOCALES)('%s: the built-in maps and agenda are valid board content, as plain text', (locale) => {
    for (const template of ['six', 'classic'] as const) {
      const quadrants = builtInQuadrants(template, locale);
      expect(QuadrantsSchema.safeParse(quadrants).success, `${locale} ${template}`).toBe(true);
      const reference = template === 'six' ? SIX_QUADRANTS : CLASSIC_QUADRANTS;
      expect(quadrants.map((q) => [q.id, q.questions.length])).toEqual(reference.map((q) => [q.id, q.questions.length]));
    }
    for (const { title, prompt } of Object.values(agendaTexts(locale))) {
      expect(title.length).toBeLessThanOrEqual(STEP_LIMITS.titleChars);
      expect(prompt.length).toBeLessThanOrEqual(STEP_LIMITS.promptChars);
    }
    // Read as text, not formatted: no ICU syntax may hide in them (only the persona's number).
    for (const [key, value] of flatten(CATALOGS[locale].board as unknown as Tree)) {
      const ast = parseIcu(value);
      if (key === 'persona') continue;
      expect(
        ast.every((element) => element.type === TYPE.literal),
        `${locale} board.${key}`,
      ).toBe(true);
    }
    expect(firstPersonaName(locale)).not.toContain('{');
  });
});
