import * as z from '../../lib/zod';
import { ActionItemSchema, QuestionSchema } from '../../lib/actions';
import { CreateWorkshopBodySchema } from '../../lib/api';
import { GroupSchema } from '../../lib/groups';
import { EXPORT_FORMAT } from '../../lib/importFormat';
import { JourneyStepSchema } from '../../lib/journey';
import { LocaleSchema } from '../../lib/i18n/locales';
import { LIMITS } from '../../lib/limits';
import { NoteSchema } from '../../lib/note';
import { PersonaSchema } from '../../lib/persona';
import { CustomProfileFieldsSchema, HiddenProfileFieldsSchema } from '../../lib/profile';
import { QuadrantsSchema, TemplateIdSchema } from '../../lib/quadrants';
import { fail, ok, type Result } from '../../lib/result';
import type { BoardContent } from './writeBoard';
import { refusalText } from '../../lib/refusals';

export { EXPORT_FORMAT, MAX_IMPORT_BYTES } from '../../lib/importFormat';

const unique = <T extends { id: string }>(records: readonly T[]) => new Set(records.map((r) => r.id)).size === records.length;

/** Each persona of an export carries its own journey, questions and actions (and a copy of its notes, ignored). */
const ImportPersonaSchema = z.extend(z.omit(PersonaSchema, { deletedAt: true, pictureId: true }), {
  journeySteps: z.optional(z.array(JourneyStepSchema).check(z.maxLength(LIMITS.journeyStepsPerWorkshop))),
  questions: z.optional(z.array(QuestionSchema).check(z.maxLength(LIMITS.questionsPerWorkshop))),
  actions: z.optional(z.array(ActionItemSchema).check(z.maxLength(LIMITS.actionsPerWorkshop))),
});

/**
 * What `POST /api/workshops/import` reads from an `export.json`. Unknown keys (`code`,
 * `exportedAt`, each persona's `notes` copy) are ignored; a picture id is dropped because the
 * picture's bytes are not in the file; authors are replaced (see `parseImport`).
 */
const ImportSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { error: refusalText('notAnExport', { format: EXPORT_FORMAT }) }),
  title: CreateWorkshopBodySchema.shape.title,
  /** The workshop language (older exports have none: English). */
  locale: z.optional(LocaleSchema),
  profile: z.optional(z.object({ hidden: HiddenProfileFieldsSchema, custom: CustomProfileFieldsSchema })),
  /** The empathy map (older exports have none: the six-quadrant default). */
  template: z.optional(TemplateIdSchema),
  quadrants: z.optional(QuadrantsSchema),
  personas: z
    .array(ImportPersonaSchema)
    .check(
      z.minLength(1, refusalText('exportHasNoPersonas')),
      z.maxLength(LIMITS.personasPerWorkshop, refusalText('tooManyPersonas', { max: LIMITS.personasPerWorkshop })),
      z.refine(unique, refusalText('importPersonaIdsRepeat')),
    ),
  notes: z
    .array(z.omit(NoteSchema, { authorId: true }))
    .check(
      z.maxLength(LIMITS.notesPerWorkshop, refusalText('importTooManyNotes', { count: LIMITS.notesPerWorkshop })),
      z.refine(unique, refusalText('importNoteIdsRepeat')),
    ),
  groups: z.optional(
    z
      .array(GroupSchema)
      .check(
        z.maxLength(LIMITS.groupsPerWorkshop, refusalText('importTooManyGroups', { count: LIMITS.groupsPerWorkshop })),
        z.refine(unique, refusalText('importGroupIdsRepeat')),
      ),
  ),
});

/** A file of ours from another version says so, rather than "not an export". */
function versionProblem(body: unknown): string | null {
  const format = typeof body === 'object' && body !== null ? (body as { format?: unknown }).format : undefined;
  if (typeof format !== 'string' || format === EXPORT_FORMAT || !format.startsWith('persona-workshop/')) return null;
  return refusalText('exportOtherVersion', { format: format.slice(0, 40), expected: EXPORT_FORMAT });
}

/** The per-persona lists, flattened and checked against the workshop's caps and for repeated ids. */
function flattenOwned(
  personas: z.infer<typeof ImportPersonaSchema>[],
): Result<Pick<BoardContent, 'journeySteps' | 'questions' | 'actions'>> {
  const lists = {
    journeySteps: personas.flatMap((persona) => (persona.journeySteps ?? []).filter((step) => step.personaId === persona.id)),
    questions: personas.flatMap((persona) => (persona.questions ?? []).filter((question) => question.personaId === persona.id)),
    actions: personas.flatMap((persona) => (persona.actions ?? []).filter((action) => action.personaId === persona.id)),
  };
  const caps = [
    ['journeySteps', LIMITS.journeyStepsPerWorkshop, 'importTooManyJourneySteps', 'importJourneyStepIdsRepeat'],
    ['questions', LIMITS.questionsPerWorkshop, 'importTooManyQuestions', 'importQuestionIdsRepeat'],
    ['actions', LIMITS.actionsPerWorkshop, 'importTooManyActions', 'importActionIdsRepeat'],
  ] as const;
  for (const [key, max, tooMany, idsRepeat] of caps) {
    if (lists[key].length > max) return fail(refusalText(tooMany, { count: max }));
    if (!unique<{ id: string }>(lists[key])) return fail(refusalText(idsRepeat));
  }
  return ok(lists);
}

/**
 * Validates an export and turns it into a new board. Notes keep their author names, but their
 * author id becomes `importedAuthorId` (one per import, owned by no participant), so nobody in
 * the new workshop can edit them as "their own"; likewise an action keeps its owner's name but
 * not the old workshop's participant id.
 */
export function parseImport(body: unknown, importedAuthorId: string): Result<BoardContent> {
  const problem = versionProblem(body);
  if (problem) return fail(problem);
  const parsed = ImportSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` ${refusalText('importWhere', { path: issue.path.join('.') })}` : '';
    return fail(`${issue?.message ?? 'Invalid export.'}${where}`);
  }
  const data = parsed.data;
  const owned = flattenOwned(data.personas);
  if (!owned.ok) return owned;
  return ok({
    title: data.title,
    ...(data.locale ? { locale: data.locale } : {}),
    profile: data.profile ?? { hidden: [], custom: [] },
    ...(data.quadrants ? { map: { template: data.template ?? 'custom', quadrants: data.quadrants } } : {}),
    personas: data.personas.map(({ journeySteps: _steps, questions: _questions, actions: _actions, ...persona }) => persona),
    notes: data.notes.map((note) => ({ ...note, authorId: importedAuthorId })),
    groups: data.groups ?? [],
    journeySteps: owned.value.journeySteps,
    questions: owned.value.questions,
    actions: owned.value.actions.map((action) => ({ ...action, ownerParticipantId: null })),
  });
}
