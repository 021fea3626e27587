import * as Y from 'yjs';
import { metaMap, notesMap, personasMap } from '../../lib/board';
import { groupsMap, type Group } from '../../lib/groups';
import type { Note } from '../../lib/note';
import type { Persona } from '../../lib/persona';
import { customValueKey, type ProfileSettings } from '../../lib/profile';

/** What a new workshop starts with when it is not blank: an import or a copy. */
export interface BoardContent {
  title: string;
  profile: ProfileSettings;
  personas: readonly Omit<Persona, 'deletedAt'>[];
  notes: readonly Note[];
  groups: readonly Group[];
}

function writeRecord(target: Y.Map<unknown>, values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values)) if (value !== undefined) target.set(key, value);
}

/**
 * Writes `content` into a fresh doc and returns it encoded, as the workshop's first update. The
 * server writes it directly (not through the participant validator), so the caller must have
 * parsed every record with its schema; dangling references are dropped here.
 */
export function encodeBoard(content: BoardContent, now: number): Uint8Array {
  const doc = new Y.Doc();
  try {
    const personaIds = new Set(content.personas.map((persona) => persona.id));
    const groups = content.groups.filter((group) => personaIds.has(group.personaId));
    const groupIds = new Set(groups.map((group) => group.id));
    doc.transact(() => {
      writeRecord(metaMap(doc), { title: content.title, createdAt: now, schemaVersion: 1 });
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
      for (const group of groups) {
        const map = new Y.Map<unknown>();
        groupsMap(doc).set(group.id, map);
        writeRecord(map, group);
      }
      for (const note of content.notes) {
        if (!personaIds.has(note.personaId)) continue;
        const map = new Y.Map<unknown>();
        notesMap(doc).set(note.id, map);
        writeRecord(map, { ...note, groupId: note.groupId && groupIds.has(note.groupId) ? note.groupId : undefined });
      }
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
