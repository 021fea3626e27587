import * as Y from 'yjs';
import * as z from './zod';
import { BOARD_ROOTS } from './roots';
import { ID_PATTERN, newId } from './ids';
import { LIMITS } from './limits';
import { QuadrantIdSchema, type QuadrantId } from './quadrants';
import { fail, ok, type Result } from './result';
import { refusalText } from './refusals';

/**
 * A named cluster of similar notes in one quadrant. Stored as one `Y.Map` per group under the
 * top-level `groups` map; a note joins a group through its own `groupId` field, so grouping a
 * note and editing its text never conflict.
 */
export const GroupSchema = z.object({
  id: z.string().check(z.regex(ID_PATTERN)),
  personaId: z.string().check(z.regex(ID_PATTERN)),
  quadrant: QuadrantIdSchema,
  name: z.string().check(z.maxLength(LIMITS.groupNameChars)),
  createdAt: z.number().check(z.int(), z.nonnegative()),
});
export type Group = z.infer<typeof GroupSchema>;

export const GroupNameSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, refusalText('groupNameEmpty')),
    z.maxLength(LIMITS.groupNameChars, refusalText('groupNameTooLong', { max: LIMITS.groupNameChars })),
  );

export const groupsMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(BOARD_ROOTS.groups);
const notesMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(BOARD_ROOTS.notes);

/** Creates a group in a quadrant and puts the given notes in it. */
export function createGroup(
  doc: Y.Doc,
  input: { personaId: string; quadrant: QuadrantId; name: string; noteIds: readonly string[]; now?: number },
): Result<Group> {
  const name = GroupNameSchema.safeParse(input.name);
  if (!name.success) return fail(name.error.issues[0]?.message ?? refusalText('invalidGroupName'));
  if (groupsMap(doc).size >= LIMITS.groupsPerWorkshop) return fail(refusalText('tooManyGroups'));
  const group: Group = {
    id: newId(),
    personaId: input.personaId,
    quadrant: input.quadrant,
    name: name.data,
    createdAt: input.now ?? Date.now(),
  };
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    groupsMap(doc).set(group.id, map);
    for (const [key, value] of Object.entries(group)) map.set(key, value);
    for (const noteId of input.noteIds) notesMap(doc).get(noteId)?.set('groupId', group.id);
  });
  return ok(group);
}

export function renameGroup(doc: Y.Doc, groupId: string, name: string): Result<string> {
  const parsed = GroupNameSchema.safeParse(name);
  if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? refusalText('invalidGroupName'));
  const group = groupsMap(doc).get(groupId);
  if (!group) return fail(refusalText('groupGone'));
  group.set('name', parsed.data);
  return ok(parsed.data);
}

/** Puts a note in a group, or takes it out (`null`). */
export function setNoteGroup(doc: Y.Doc, noteId: string, groupId: string | null): Result<string | null> {
  const note = notesMap(doc).get(noteId);
  if (!note) return fail(refusalText('noteGone'));
  if (groupId !== null && !groupsMap(doc).has(groupId)) return fail(refusalText('groupGone'));
  note.set('groupId', groupId);
  return ok(groupId);
}

/** Dissolves a group: its notes stay, ungrouped. */
export function ungroup(doc: Y.Doc, groupId: string): Result<string> {
  if (!groupsMap(doc).has(groupId)) return fail(refusalText('groupGone'));
  doc.transact(() => {
    for (const note of notesMap(doc).values()) if (note.get('groupId') === groupId) note.set('groupId', null);
    groupsMap(doc).delete(groupId);
  });
  return ok(groupId);
}

export function readGroups(doc: Y.Doc): Group[] {
  const groups: Group[] = [];
  for (const map of groupsMap(doc).values()) {
    const parsed = map instanceof Y.Map ? GroupSchema.safeParse(map.toJSON()) : null;
    if (parsed?.success) groups.push(parsed.data);
  }
  return groups.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}
