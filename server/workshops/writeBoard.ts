import * as Y from 'yjs';
import { actionsMap, questionsMap, type ActionItem, type Question } from '../../lib/actions';
import { metaMap, notesMap, personasMap } from '../../lib/board';
import { groupsMap, type Group } from '../../lib/groups';
import { journeyStepsMap, type JourneyStep } from '../../lib/journey';
import type { Locale } from '../../lib/i18n/locales';
import type { Note } from '../../lib/note';
import type { Persona } from '../../lib/persona';
import type { Quadrant, TemplateId } from '../../lib/quadrants';
import { customValueKey, type ProfileSettings } from '../../lib/profile';

/** What a new workshop starts with when it is not blank: an import or a copy. */
export interface BoardContent {
  title: string;
  /** The workshop language; without it, English. */
  locale?: Locale;
  profile: ProfileSettings;
  /** The empathy map; without it the board shows the six-quadrant default. */
  map?: { template: TemplateId; quadrants: readonly Quadrant[] };
  personas: readonly Omit<Persona, 'deletedAt'>[];
  notes: readonly Note[];
  groups: readonly Group[];
  journeySteps: readonly JourneyStep[];
  questions: readonly Question[];
  actions: readonly ActionItem[];
}

function writeRecord(target: Y.Map<unknown>, values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values)) if (value !== undefined) target.set(key, value);
}

function addRecord(root: Y.Map<Y.Map<unknown>>, values: { id: string } & object): void {
  const map = new Y.Map<unknown>();
  root.set(values.id, map);
  writeRecord(map, values as Record<string, unknown>);
}

/** The records whose references all resolve: what `encodeBoard` writes. */
function resolvedContent(content: BoardContent) {
  const personaIds = new Set(content.personas.map((persona) => persona.id));
  const ofPersona = <T extends { personaId: string }>(records: readonly T[]) => records.filter((r) => personaIds.has(r.personaId));
  const groups = ofPersona(content.groups);
  const groupIds = new Set(groups.map((group) => group.id));
  const journeySteps = ofPersona(content.journeySteps);
  const stepIds = new Set(journeySteps.map((step) => step.id));
  const questions = ofPersona(content.questions);
  const questionIds = new Set(questions.map((question) => question.id));
  const notes = ofPersona(content.notes)
    .filter((note) => note.journeyStepId == null || stepIds.has(note.journeyStepId))
    .map((note) => ({ ...note, groupId: note.groupId && groupIds.has(note.groupId) ? note.groupId : undefined }));
  const actions = ofPersona(content.actions).map((action) => ({
    ...action,
    questionId: action.questionId !== null && questionIds.has(action.questionId) ? action.questionId : null,
  }));
  return { groups, journeySteps, questions, notes, actions };
}

/**
 * Writes `content` into a fresh doc and returns it encoded, as the workshop's first update. The
 * server writes it directly (not through the participant validator), so the caller must have
 * parsed every record with its schema; dangling references are dropped here.
 */
export function encodeBoard(content: BoardContent, now: number): Uint8Array {
  const doc = new Y.Doc();
  try {
    const records = resolvedContent(content);
    doc.transact(() => {
      writeRecord(metaMap(doc), { title: content.title, createdAt: now, schemaVersion: 1, locale: content.locale });
      if (content.map)
        writeRecord(metaMap(doc), {
          template: content.map.template,
          quadrants: content.map.quadrants.map((q) => ({ ...q, questions: [...q.questions] })),
        });
      if (content.profile.hidden.length > 0) metaMap(doc).set('hiddenProfileFields', [...content.profile.hidden]);
      if (content.profile.custom.length > 0)
        metaMap(doc).set(
          'customProfileFields',
          content.profile.custom.map((f) => ({ ...f })),
        );
      for (const { customValues, ...persona } of content.personas) {
        const map = new Y.Map<unknown>();
        personasMap(doc).set(persona.id, map);
        writeRecord(map, persona);
        for (const [fieldId, value] of Object.entries(customValues ?? {})) map.set(customValueKey(fieldId), value);
      }
      for (const group of records.groups) addRecord(groupsMap(doc), group);
      for (const step of records.journeySteps) addRecord(journeyStepsMap(doc), step);
      for (const note of records.notes) addRecord(notesMap(doc), note);
      for (const question of records.questions) addRecord(questionsMap(doc), question);
      for (const action of records.actions) addRecord(actionsMap(doc), action);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
