import { z } from 'zod';
import { CreateWorkshopBodySchema } from '../../lib/api';
import { GroupSchema } from '../../lib/groups';
import { LIMITS } from '../../lib/limits';
import { NoteSchema } from '../../lib/note';
import { PersonaSchema } from '../../lib/persona';
import { CustomProfileFieldsSchema, HiddenProfileFieldsSchema } from '../../lib/profile';
import { fail, ok, type Result } from '../../lib/result';
import type { BoardContent } from './writeBoard';

/** `export.json` of a full board is a few MiB at most (the doc itself is capped at 8 MiB). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const EXPORT_FORMAT = 'persona-workshop/v1';

const unique = <T extends { id: string }>(records: readonly T[]) => new Set(records.map((r) => r.id)).size === records.length;

/**
 * What `POST /api/workshops/import` reads from an `export.json`. Unknown keys (`code`,
 * `exportedAt`, each persona's `notes` copy) are ignored; a picture id is dropped because the
 * picture's bytes are not in the file; authors are replaced (see `toBoardContent`).
 */
const ImportSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { error: `This is not a Persona Workshop export (format "${EXPORT_FORMAT}").` }),
  title: CreateWorkshopBodySchema.shape.title,
  profile: z.object({ hidden: HiddenProfileFieldsSchema, custom: CustomProfileFieldsSchema }).optional(),
  personas: z
    .array(PersonaSchema.omit({ deletedAt: true, pictureId: true }))
    .min(1, 'The export has no personas.')
    .max(LIMITS.personasPerWorkshop, `A workshop holds at most ${LIMITS.personasPerWorkshop} personas.`)
    .refine(unique, 'Persona ids repeat.'),
  notes: z
    .array(NoteSchema.omit({ authorId: true }))
    .max(LIMITS.notesPerWorkshop, `A workshop holds at most ${LIMITS.notesPerWorkshop} notes.`)
    .refine(unique, 'Note ids repeat.'),
  groups: z
    .array(GroupSchema)
    .max(LIMITS.groupsPerWorkshop, `A workshop holds at most ${LIMITS.groupsPerWorkshop} groups.`)
    .refine(unique, 'Group ids repeat.')
    .optional(),
});

/**
 * Validates an export and turns it into a new board. Notes keep their author names, but their
 * author id becomes `importedAuthorId` (one per import, owned by no participant), so nobody in
 * the new workshop can edit them as "their own". Notes on journey steps are left out: the
 * journey itself is not imported yet.
 */
export function parseImport(body: unknown, importedAuthorId: string): Result<BoardContent> {
  const parsed = ImportSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
    return fail(`${issue?.message ?? 'Invalid export.'}${where}`);
  }
  const data = parsed.data;
  return ok({
    title: data.title,
    profile: data.profile ?? { hidden: [], custom: [] },
    personas: data.personas,
    notes: data.notes.filter((note) => note.journeyStepId == null).map((note) => ({ ...note, authorId: importedAuthorId })),
    groups: data.groups ?? [],
  });
}
