/**
 * Every sentence `lib/` refuses a change or an input with, keyed. `lib/` runs on the server and in
 * the browser alike and writes English (logs, tests and API tools read it); the key lets the
 * browser and the API show the same sentence in the reader's language: the catalogs' `refusals`
 * namespace has one message per key, and the English one is exactly the template here
 * (tests/unit/i18n.refusals.test.ts). `{name}` marks a value filled in by `refusalText`, and
 * `{name, plural, one {…#…} other {…#…}}` an English plural (ICU syntax, so the English catalog
 * is still the template word for word; `#` is the number, in every form).
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
  // Undo and redo (the reasons a step is not offered: the undo button's tooltip)
  undoPrivateStep:
    'This step is private: bringing back a note, question or action would put it on the board at once. Try again after the reveal.',
  undoAddedPersona: 'Adding a persona can’t be undone here: delete it from its menu instead.',
  undoBringsBackOthersNote: 'That would bring back a note written by someone else, which the server does not accept from you.',
  undoDeletesOthersNote: 'That would delete a note written by someone else.',
  undoLosesFields: 'Someone changed that record while it was being deleted, so it can’t be brought back whole.',
  duplicateAfterPrivateStep:
    'Duplicate the persona once this private step is over: the copy would put its journey and plan on the board at once.',
  // Pictures, snapshots and imports (the server's answers)
  notAPicture: 'That file is not a picture we can read. Use a JPEG, PNG, WebP or GIF image.',
  heicUnreadable: 'That HEIC photo could not be read: it may be damaged or cut short. Try again, or send a JPEG or PNG.',
  heicTooSlow: 'That HEIC photo took too long to read, so it was stopped. Send it as a JPEG or PNG.',
  pictureTooManyPixels: 'The picture is too large: {megapixels} megapixels, at most {max}. Choose a smaller one.',
  snapshotNameEmpty: 'Give the snapshot a name.',
  snapshotNameTooLong: 'A snapshot name holds at most {max} characters.',
  notAnExport: 'This is not a Persona Workshop export (format "{format}").',
  exportOtherVersion: 'This export is in format "{format}", which this version cannot read: it imports "{expected}" files.',
  exportHasNoPersonas: 'The export has no personas.',
  // An export edited by hand: repeated ids and more records than a workshop holds (one key per kind)
  importPersonaIdsRepeat: 'Persona ids repeat.',
  importNoteIdsRepeat: 'Note ids repeat.',
  importGroupIdsRepeat: 'Group ids repeat.',
  importJourneyStepIdsRepeat: 'The ids of journey steps repeat.',
  importQuestionIdsRepeat: 'The ids of questions repeat.',
  importActionIdsRepeat: 'The ids of actions repeat.',
  importTooManyNotes: 'A workshop holds at most {count, plural, one {# note} other {# notes}}.',
  importTooManyGroups: 'A workshop holds at most {count, plural, one {# group} other {# groups}}.',
  importTooManyJourneySteps: 'A workshop holds at most {count, plural, one {# journey step} other {# journey steps}}.',
  importTooManyQuestions: 'A workshop holds at most {count, plural, one {# question} other {# questions}}.',
  importTooManyActions: 'A workshop holds at most {count, plural, one {# action} other {# actions}}.',
  // Where in the export a refusal is: the import adds it after the sentence ("Note ids repeat. (at notes)")
  importWhere: '(at {path})',
  // The browser's own requests
  removedJoinAgain: 'You are no longer in this workshop. Join again to continue.',
  facilitatorSessionEnded: 'The facilitator session ended. Reload the page.',
  cannotReachServer: 'Cannot reach the workshop server. Check your connection and try again.',
  serverDidNotAnswer: 'The server did not answer. Check the connection and try again.',
  importFileTooLarge: 'This file is larger than {max} MB, more than any workshop export: choose the .json file “Export JSON” saved.',
  importNotJson: 'This file is not valid JSON. Choose the .json file that “Export JSON” saved, unchanged.',
  importTooLarge: 'This export is too large to import into one workshop.',
  pictureTooLarge: 'The picture is larger than {max} MB. Choose a smaller one.',
  snapshotUnreadable: 'The server sent a snapshot this page cannot read.',
  snapshotNotRead: 'This snapshot could not be read.',
  // The control plane's replies to commands (server/control)
  tooManyCommands: 'Too many commands. Wait a moment.',
  noLongerInWorkshop: 'You are no longer in this workshop.',
  notReady: 'Not ready.',
  serverFailed: 'Something went wrong on the server. Try again.',
  invalidCommand: 'That command is not valid.',
  facilitatorOnly: 'Only the facilitator can do that.',
  participantNotHere: 'That participant is not in this workshop.',
  facilitatorStays: 'The facilitator cannot be removed.',
  workshopGone: 'This workshop no longer exists.',
  roomCodeRace: 'The room code changed at the same time. Try again.',
  sessionRace: 'The session changed at the same time elsewhere. Try again.',
  // Votes
  noVoteOpen: 'No vote round is open.',
  votingClosed: 'Voting is closed.',
  voteNoteGone: 'That note no longer exists.',
  noteNotInVote: 'That note is not part of this vote.',
  dotsSpent: '{count, plural, one {You have used your # dot.} other {You have used all # dots.}}',
  oneDotPerNote: 'One dot per note in this round.',
  noDotOnNote: 'You have no dot on that note.',
  // Private notes (drafts) and their reveal
  draftGone: 'That private note was already revealed or deleted.',
  draftWaitsBoardFull: 'Your note waits with the facilitator: the board is full.',
  noPersonaForNotes: 'There is no persona to add notes to.',
  draftTooLong: 'That holds at most {max} characters.',
  notDraftStep: 'This step is not for private notes: add your note to the board.',
  boardLocked: 'The board is locked.',
  draftIdTaken: 'That private note id is taken.',
  draftsPerParticipant:
    'You have {count, plural, one {# private note} other {# private notes}} waiting, the most one person may hold before the reveal.',
  draftsPerWorkshop:
    'This workshop has {count, plural, one {# private note} other {# private notes}} waiting, the most it may hold. Ask the facilitator to reveal them.',
  revealedBoardFull:
    'Revealed {count, plural, one {# private note} other {# private notes}}. {full, plural, one {# private note stays} other {# private notes stay}} private: the board is full. Delete notes, then reveal again.',
  revealedStepsGone:
    'Revealed {count, plural, one {# private note} other {# private notes}}. {gone, plural, one {# private note belongs} other {# private notes belong}} to a deleted persona or journey step: restore it, then reveal again.',
  revealedBoardFullStepsGone:
    'Revealed {count, plural, one {# private note} other {# private notes}}. {full, plural, one {# private note stays} other {# private notes stay}} private: the board is full. Delete notes, then reveal again. {gone, plural, one {# private note belongs} other {# private notes belong}} to a deleted persona or journey step: restore it, then reveal again.',
} as const;

export type RefusalKey = keyof typeof REFUSALS;
export type RefusalValues = Record<string, string | number>;

/** An English plural: `{name, plural, one {…} other {…}}` (no argument inside its forms but `#`). */
const PLURAL = /\{(\w+), plural, one \{([^{}]*)\} other \{([^{}]*)\}\}/g;

/** The English sentence for `key`, with its `{name}`s filled in and its plurals chosen. */
export function refusalText(key: RefusalKey, values: RefusalValues = {}): string {
  return REFUSALS[key]
    .replace(PLURAL, (whole, name: string, one: string, other: string) =>
      name in values ? (Number(values[name]) === 1 ? one : other).replaceAll('#', String(values[name])) : whole,
    )
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

interface Pattern {
  key: RefusalKey;
  names: string[];
  /** The plurals' numbers, read back as numbers (ICU chooses a plural form by a number). */
  counts: Set<string>;
  regex: RegExp;
  /** Length of the template without its placeholders. */
  literal: number;
}

/** A template with plurals as one template per combination of forms, `#` back to `{name}`. */
function pluralForms(template: string): string[] {
  const match = new RegExp(PLURAL.source).exec(template);
  if (!match) return [template];
  const [whole, name, one, other] = match as unknown as [string, string, string, string];
  const forms = [one, other].map((form) => template.replace(whole, form.replaceAll('#', `{${name}}`)));
  return forms.flatMap(pluralForms);
}

let patterns: Pattern[] | null = null;

/** Built on first use: the templates with values, as patterns that read the values back. */
function templatePatterns(): Pattern[] {
  patterns ??= (Object.entries(REFUSALS) as [RefusalKey, string][])
    .filter(([, template]) => template.includes('{'))
    .flatMap(([key, template]) => {
      const counts = new Set([...template.matchAll(PLURAL)].map((match) => match[1]!));
      return pluralForms(template).map((form) => {
        const names: string[] = [];
        const parts = form.split(/\{(\w+)\}/);
        const source = parts.map((part, i) =>
          i % 2 === 1 ? (names.push(part), counts.has(part) ? '(\\d+)' : '(.+?)') : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        );
        return { key, names, counts, regex: new RegExp(`^${source.join('')}$`, 's'), literal: form.replace(/\{\w+\}/g, '').length };
      });
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
    if (!match) continue;
    const values = pattern.names.map((name, i) => [name, pattern.counts.has(name) ? Number(match[i + 1]) : match[i + 1]!]);
    return { key: pattern.key, values: Object.fromEntries(values) as RefusalValues };
  }
  return null;
}
