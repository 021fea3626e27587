import * as z from './zod';
import { ID_PATTERN } from './ids';
import { LIMITS } from './limits';
import { QuadrantIdSchema } from './quadrants';
import { refusalText } from './refusals';

export const NOTE_COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];
export const DEFAULT_NOTE_COLOR: NoteColor = 'yellow';

/** Who may appear as a note's author: a participant id issued by the server. */
export const AuthorIdSchema = z.string().check(z.regex(/^[0-9a-z]{16}$/));

/**
 * A sticky note on a persona's empathy map. Stored in the board doc as one `Y.Map` per note
 * under the top-level `notes` map, keyed by `id`; every field is a plain value, so a move is a
 * single field write that merges cleanly with a concurrent edit of the text.
 */
export const NoteSchema = z.object({
  id: z.string().check(z.regex(ID_PATTERN)),
  personaId: z.string().check(z.regex(ID_PATTERN)),
  quadrant: QuadrantIdSchema,
  text: z.string().check(z.maxLength(LIMITS.noteTextChars)),
  color: z.enum(NOTE_COLORS),
  authorId: AuthorIdSchema,
  authorName: z.string().check(z.maxLength(LIMITS.participantNameChars)),
  createdAt: z.number().check(z.int(), z.nonnegative()),
  /** The group this note is clustered in (`groups` root), if any. */
  groupId: z.optional(z.nullable(z.string().check(z.regex(ID_PATTERN)))),
  /** Evidence label: did a customer really say or do it, or is it our assumption? */
  evidence: z.optional(z.nullable(z.enum(['observed', 'assumed']))),
  /**
   * The journey step (`journeySteps` root) this note belongs to. Such a note still carries a
   * `quadrant` (the schema needs one, and it keeps the note valid if its step goes), but views
   * and exports show it under its step, never on the empathy map.
   */
  journeyStepId: z.optional(z.nullable(z.string().check(z.regex(ID_PATTERN)))),
});
export type Note = z.infer<typeof NoteSchema>;
export type Evidence = NonNullable<Note['evidence']>;

/** The keys a note's `Y.Map` may hold; the server refuses any other. */
export const NOTE_FIELDS = Object.keys(NoteSchema.shape) as readonly (keyof Note)[];

/** Text a person typed, cleaned for a note: trimmed, within the limit, not empty. */
export const NoteTextSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, refusalText('noteEmpty')),
    z.maxLength(LIMITS.noteTextChars, refusalText('noteTooLong', { max: LIMITS.noteTextChars })),
  );
