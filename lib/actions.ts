import * as Y from 'yjs';
import * as z from './zod';
import { ID_PATTERN, newId } from './ids';
import { LIMITS } from './limits';
import { byOrder, nextOrder } from './order';
import { fail, ok, type Result } from './result';
import { BOARD_ROOTS } from './roots';
import { refusalText } from './refusals';

/**
 * "What we don't know" and the action plan of a persona. Open questions live under the
 * top-level `questions` map, action items under `actions`, one `Y.Map` of plain values each, so
 * ticking an action done and editing its text merge cleanly.
 */

const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const QuestionSchema = z.object({
  id: z.string().check(z.regex(ID_PATTERN)),
  personaId: z.string().check(z.regex(ID_PATTERN)),
  text: z.string().check(z.maxLength(LIMITS.questionTextChars)),
  order: z.number(),
  createdAt: z.number().check(z.int(), z.nonnegative()),
});
export type Question = z.infer<typeof QuestionSchema>;

export const ActionItemSchema = z.object({
  id: z.string().check(z.regex(ID_PATTERN)),
  personaId: z.string().check(z.regex(ID_PATTERN)),
  /** The open question this action answers, if any. */
  questionId: z.nullable(z.string().check(z.regex(ID_PATTERN))),
  text: z.string().check(z.maxLength(LIMITS.actionTextChars)),
  /** A participant of the workshop, or null when the owner is typed as free text. */
  ownerParticipantId: z.nullable(z.string().check(z.regex(ID_PATTERN))),
  /** Shown as the owner: the participant's name, or the free text ('' when nobody). */
  ownerName: z.string().check(z.maxLength(LIMITS.actionOwnerNameChars)),
  /** A calendar date, `YYYY-MM-DD`, as `<input type="date">` gives it; no time zone. */
  dueDate: z.nullable(z.string().check(z.regex(DATE_PATTERN))),
  isDone: z.boolean(),
  order: z.number(),
  createdAt: z.number().check(z.int(), z.nonnegative()),
});
export type ActionItem = z.infer<typeof ActionItemSchema>;

/** How many actions the wrap-up suggests picking. */
export const SUGGESTED_ACTION_COUNT = 3;

const questionText = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, refusalText('questionEmpty')),
    z.maxLength(LIMITS.questionTextChars, refusalText('questionTooLong', { max: LIMITS.questionTextChars })),
  );
const actionText = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, refusalText('actionEmpty')),
    z.maxLength(LIMITS.actionTextChars, refusalText('actionTooLong', { max: LIMITS.actionTextChars })),
  );

export const questionsMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(BOARD_ROOTS.questions);
export const actionsMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(BOARD_ROOTS.actions);
const personasMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(BOARD_ROOTS.personas);

function isLivePersona(doc: Y.Doc, personaId: string): boolean {
  const map = personasMap(doc).get(personaId);
  const deletedAt: unknown = map instanceof Y.Map ? map.get('deletedAt') : undefined;
  return map instanceof Y.Map && (deletedAt === undefined || deletedAt === null);
}

function readAll<T extends { id: string; order: number }>(map: Y.Map<Y.Map<unknown>>, schema: z.ZodMiniType<T>): T[] {
  const records: T[] = [];
  for (const record of map.values()) {
    const parsed = record instanceof Y.Map ? schema.safeParse(record.toJSON()) : null;
    if (parsed?.success) records.push(parsed.data);
  }
  return records.sort(byOrder);
}

function insert(map: Y.Map<Y.Map<unknown>>, record: { id: string }): void {
  map.doc?.transact(() => {
    const entry = new Y.Map<unknown>();
    map.set(record.id, entry);
    for (const [key, value] of Object.entries(record)) entry.set(key, value);
  });
}

export const readQuestions = (doc: Y.Doc) => readAll(questionsMap(doc), QuestionSchema);
export const readActions = (doc: Y.Doc) => readAll(actionsMap(doc), ActionItemSchema);

/**
 * Where a new question or action goes, when the caller adds many at once (a reveal of private
 * drafts): its id, its `order`, and the root's record count kept by the caller, since reading
 * the siblings and `Y.Map.size` each walk every record.
 */
export interface PlanPlacement {
  id?: string;
  order?: number;
  count?: number;
}

/** The highest `order` of each persona's records in `map`, read once (see `PlanPlacement`). */
export function lastOrders(map: Y.Map<Y.Map<unknown>>): Map<string, number> {
  const orders = new Map<string, number>();
  for (const record of map.values()) {
    const personaId: unknown = record.get('personaId');
    const order: unknown = record.get('order');
    if (typeof personaId !== 'string' || typeof order !== 'number' || !Number.isFinite(order)) continue;
    orders.set(personaId, Math.max(orders.get(personaId) ?? 0, order));
  }
  return orders;
}

export function addQuestion(
  doc: Y.Doc,
  input: { personaId: string; text: string; now?: number },
  place: PlanPlacement = {},
): Result<Question> {
  const text = questionText.safeParse(input.text);
  if (!text.success) return fail(text.error.issues[0]?.message ?? refusalText('invalidQuestion'));
  if (!isLivePersona(doc, input.personaId)) return fail(refusalText('personaGone'));
  if ((place.count ?? questionsMap(doc).size) >= LIMITS.questionsPerWorkshop) return fail(refusalText('tooManyQuestions'));
  const question: Question = {
    id: place.id ?? newId(),
    personaId: input.personaId,
    text: text.data,
    order: place.order ?? nextOrder(readQuestions(doc).filter((q) => q.personaId === input.personaId)),
    createdAt: input.now ?? Date.now(),
  };
  insert(questionsMap(doc), question);
  return ok(question);
}

export function editQuestion(doc: Y.Doc, id: string, text: string): Result<string> {
  const parsed = questionText.safeParse(text);
  if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? refusalText('invalidQuestion'));
  const map = questionsMap(doc).get(id);
  if (!map) return fail(refusalText('questionGone'));
  if (map.get('text') !== parsed.data) map.set('text', parsed.data);
  return ok(parsed.data);
}

/** Deletes a question; actions that answered it stay, no longer linked. */
export function deleteQuestion(doc: Y.Doc, id: string): Result<string> {
  if (!questionsMap(doc).has(id)) return fail(refusalText('questionGone'));
  doc.transact(() => {
    for (const action of actionsMap(doc).values()) if (action.get('questionId') === id) action.set('questionId', null);
    questionsMap(doc).delete(id);
  });
  return ok(id);
}

/** Who owns an action: a participant (by id, with the name shown) or free text. */
export interface ActionOwner {
  participantId: string | null;
  name: string;
}

export interface ActionChanges {
  text?: string;
  owner?: ActionOwner;
  dueDate?: string | null;
  questionId?: string | null;
}

function cleanChanges(changes: ActionChanges): Result<Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  if (changes.text !== undefined) {
    const text = actionText.safeParse(changes.text);
    if (!text.success) return fail(text.error.issues[0]?.message ?? refusalText('invalidAction'));
    values.text = text.data;
  }
  if (changes.owner !== undefined) {
    const name = changes.owner.name.trim();
    if (name.length > LIMITS.actionOwnerNameChars) return fail(refusalText('ownerNameTooLong', { max: LIMITS.actionOwnerNameChars }));
    const id = changes.owner.participantId;
    if (id !== null && !ID_PATTERN.test(id)) return fail(refusalText('unknownParticipant'));
    values.ownerParticipantId = id;
    values.ownerName = name;
  }
  if (changes.dueDate !== undefined) {
    const due = changes.dueDate === '' ? null : changes.dueDate;
    if (due !== null && !DATE_PATTERN.test(due)) return fail(refusalText('dueDateInvalid'));
    values.dueDate = due;
  }
  if (changes.questionId !== undefined) {
    if (changes.questionId !== null && !ID_PATTERN.test(changes.questionId)) return fail(refusalText('unknownQuestion'));
    values.questionId = changes.questionId;
  }
  return ok(values);
}

export function addAction(
  doc: Y.Doc,
  input: { personaId: string; text: string; now?: number } & ActionChanges,
  place: PlanPlacement = {},
): Result<ActionItem> {
  const cleaned = cleanChanges({ ...input, owner: input.owner ?? { participantId: null, name: '' } });
  if (!cleaned.ok) return cleaned;
  if (!isLivePersona(doc, input.personaId)) return fail(refusalText('personaGone'));
  if ((place.count ?? actionsMap(doc).size) >= LIMITS.actionsPerWorkshop) return fail(refusalText('tooManyActions'));
  const parsed = ActionItemSchema.safeParse({
    id: place.id ?? newId(),
    personaId: input.personaId,
    questionId: null,
    dueDate: null,
    isDone: false,
    order: place.order ?? nextOrder(readActions(doc).filter((a) => a.personaId === input.personaId)),
    createdAt: input.now ?? Date.now(),
    ...cleaned.value,
  });
  if (!parsed.success) return fail(refusalText('invalidAction'));
  insert(actionsMap(doc), parsed.data);
  return ok(parsed.data);
}

/** Changes an action's text, owner, due date or question; only the fields given. */
export function editAction(doc: Y.Doc, id: string, changes: ActionChanges): Result<ActionChanges> {
  const cleaned = cleanChanges(changes);
  if (!cleaned.ok) return cleaned;
  const map = actionsMap(doc).get(id);
  if (!map) return fail(refusalText('actionGone'));
  doc.transact(() => {
    for (const [key, value] of Object.entries(cleaned.value)) if (map.get(key) !== value) map.set(key, value);
  });
  return ok(changes);
}

export function setActionDone(doc: Y.Doc, id: string, isDone: boolean): Result<boolean> {
  const map = actionsMap(doc).get(id);
  if (!map) return fail(refusalText('actionGone'));
  if (map.get('isDone') !== isDone) map.set('isDone', isDone);
  return ok(isDone);
}

export function deleteAction(doc: Y.Doc, id: string): Result<string> {
  if (!actionsMap(doc).has(id)) return fail(refusalText('actionGone'));
  actionsMap(doc).delete(id);
  return ok(id);
}
