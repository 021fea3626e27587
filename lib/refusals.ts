/**
 * Every sentence `lib/` refuses a change or an input with, keyed. `lib/` runs on the server and in
 * the browser alike and writes English (logs, tests and API tools read it); the key lets the
 * browser and the API show the same sentence in the reader's language: the catalogs' `refusals`
 * namespace has one message per key, and the English one is exactly the template here
 * (tests/unit/i18n.refusals.test.ts). `{name}` marks a value filled in by `refusalText`.
 *
 * No imports: schema modules all over `lib/` use it, so it must not import any of them back.
 */
export const REFUSALS = {
  // Any request the server refused without saying why (an answer that is not our JSON: a proxy, a crash)
  serverAnswered: 'The server answered {status}.',
  serverAnsweredTryAgain: 'The server answered {status}. Try again.',
  // Notes and the board
  personaGone: 'That persona no longer exists.',
  boardFull: 'This board is full.',
  journeyStepGone: 'That journey step was deleted.',
  invalidNote: 'Invalid note.',
  noteGone: 'That note was deleted.',
  quadrantNotOnMap: 'That quadrant is not on this map.',
  unknownColour: 'Unknown colour.',
  unknownEvidence: 'Unknown evidence label.',
  invalidNoteText: 'Invalid note text.',
  unsupportedLanguage: 'Unsupported language.',
  noteEmpty: 'A note needs some text.',
  noteTooLong: 'A note holds at most {max} characters.',
  notAuthor: 'Only its author or the facilitator can change this note.',
  writeSomething: 'Write something first.',
  // Groups
  tooManyGroups: 'This board has too many groups.',
  groupGone: 'That group no longer exists.',
  invalidGroupName: 'Invalid group name.',
  groupNameEmpty: 'Give the group a name.',
  groupNameTooLong: 'A group name holds at most {max} characters.',
  // Journey
  tooManyJourneySteps: 'This board has too many journey steps.',
  stepGone: 'That step was deleted.',
  noteNotOnStep: 'That note is on the empathy map, not on a journey step.',
  stepOfOtherPersona: 'A note moves only between the steps of its own persona.',
  stepHoldsOthersNotes: 'This step holds other people’s notes: only the facilitator can delete it.',
  invalidStepTitle: 'Invalid step title.',
  stepTitleEmpty: 'Give the step a title.',
  stepTitleTooLong: 'A step title holds at most {max} characters.',
  scenarioTooLong: 'The scenario holds at most {max} characters.',
  // Questions and actions
  tooManyQuestions: 'This board has too many questions.',
  questionGone: 'That question was deleted.',
  invalidQuestion: 'Invalid question.',
  questionEmpty: 'Write the question.',
  questionTooLong: 'A question holds at most {max} characters.',
  tooManyActions: 'This board has too many actions.',
  actionGone: 'That action was deleted.',
  invalidAction: 'Invalid action.',
  actionEmpty: 'Say what to do.',
  actionTooLong: 'An action holds at most {max} characters.',
  ownerNameTooLong: "An owner's name holds at most {max} characters.",
  unknownParticipant: 'Unknown participant.',
  dueDateInvalid: 'Give the due date as a calendar date.',
  unknownQuestion: 'Unknown question.',
  // Personas and profiles
  tooManyPersonas: 'A workshop holds at most {max} personas.',
  deletedPersonasHoldPlaces: 'Deleted personas still hold their places. Ask the facilitator to add this persona.',
  personasRecentlyDeleted: 'Personas deleted a moment ago still hold their place. Try again in a minute.',
  personaGoneForGood: 'That persona is gone for good.',
  noRoomToCopyPersona: 'This board has no room left to copy the persona’s journey and plan.',
  lastPersona: 'A workshop keeps at least one persona.',
  invalidPicture: 'Invalid picture.',
  invalidName: 'Invalid name.',
  personaNameEmpty: 'Give the persona a name.',
  personaNameTooLong: 'A persona name holds at most {max} characters.',
  fieldTooLong: '{label} holds at most {max} characters.',
  unknownProfileField: 'Unknown profile field.',
  fieldRemoved: 'That field was removed.',
  boardNotLoaded: 'The board has not loaded yet.',
  tooManyCustomFields: 'A profile holds at most {max} custom fields.',
  fieldNameLength: 'A field needs a name of 1 to {max} characters.',
  fieldExists: 'There is already a field called “{label}”.',
  // The map and the agenda
  unknownTemplate: 'Unknown template.',
  invalidQuadrants: 'Those quadrants are not valid.',
  quadrantTitleEmpty: 'A quadrant needs a title.',
  setDurationFirst: 'Set a duration for this step first.',
  timerNotRunning: 'The timer is not running.',
  timerNotPaused: 'The timer is not paused.',
  notTimerCommand: 'Not a timer command.',
  agendaStepGone: 'That step no longer exists.',
  agendaMaxSteps: 'An agenda holds at most {max} steps.',
  agendaWouldExceed: 'The agenda would have more than {max} steps. Remove a step first.',
  agendaNeedsStep: 'The agenda needs at least one step.',
  moveBeforeRemoving: 'Move to another step before removing this one.',
  notAgendaCommand: 'Not an agenda command.',
  lastStep: 'This is the last step.',
  firstStep: 'This is the first step.',
  // Creating and joining
  workshopTitleEmpty: 'Give the workshop a title.',
  workshopTitleTooLong: 'A title holds at most {max} characters.',
  templateChoice: 'Choose the template "six" or "classic".',
  localeChoice: 'Choose one of the supported languages: {locales}.',
  nameEmpty: 'Type your name.',
  nameTooLong: 'A name holds at most {max} characters.',
} as const;

export type RefusalKey = keyof typeof REFUSALS;
export type RefusalValues = Record<string, string | number>;

/** The English sentence for `key`, with its `{name}`s filled in. */
export function refusalText(key: RefusalKey, values: RefusalValues = {}): string {
  return REFUSALS[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

interface Pattern {
  key: RefusalKey;
  names: string[];
  regex: RegExp;
  /** Length of the template without its placeholders. */
  literal: number;
}

let patterns: Pattern[] | null = null;

/** Built on first use: the templates with values, as patterns that read the values back. */
function templatePatterns(): Pattern[] {
  patterns ??= (Object.entries(REFUSALS) as [RefusalKey, string][])
    .filter(([, template]) => template.includes('{'))
    .map(([key, template]) => {
      const names: string[] = [];
      const parts = template.split(/\{(\w+)\}/);
      const source = parts.map((part, i) => (i % 2 === 1 ? (names.push(part), '(.+?)') : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      return { key, names, regex: new RegExp(`^${source.join('')}$`, 's'), literal: template.replace(/\{\w+\}/g, '').length };
    })
    // The most specific first: "{label} holds at most {max} characters." also reads "A title holds at most 80 characters."
    .sort((a, b) => a.names.length - b.names.length || b.literal - a.literal);
  return patterns;
}

const KEY_OF_TEXT = new Map<string, RefusalKey>(
  (Object.entries(REFUSALS) as [RefusalKey, string][]).filter(([, text]) => !text.includes('{')).map(([key, text]) => [text, key]),
);

/** Which refusal an English sentence is, with its values; null for any other text. */
export function parseRefusal(text: string): { key: RefusalKey; values: RefusalValues } | null {
  const key = KEY_OF_TEXT.get(text);
  if (key) return { key, values: {} };
  for (const pattern of templatePatterns()) {
    const match = pattern.regex.exec(text);
    if (match) return { key: pattern.key, values: Object.fromEntries(pattern.names.map((name, i) => [name, match[i + 1]!])) };
  }
  return null;
}
