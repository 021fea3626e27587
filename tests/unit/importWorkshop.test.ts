import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readBoard } from '../../lib/board';
import { parseImport } from '../../server/workshops/importWorkshop';
import { encodeBoard } from '../../server/workshops/writeBoard';

const persona = { id: 'p000000000000001', name: 'Zoë', order: 1, createdAt: 1 };
const note = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  personaId: persona.id,
  quadrant: 'pains',
  text: `Note ${id}`,
  color: 'yellow',
  authorId: 'aaaaaaaaaaaaaaaa',
  authorName: 'Łukasz',
  createdAt: 2,
  ...extra,
});

function importAndRead(body: unknown) {
  const content = parseImport(body, 'iiiiiiiiiiiiiiii');
  if (!content.ok) throw new Error(content.error);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, encodeBoard(content.value, 5));
  return readBoard(doc);
}

describe('parseImport + encodeBoard', () => {
  it('drops dangling references: notes of unknown personas, groups of unknown personas, missing groups', () => {
    const board = importAndRead({
      format: 'persona-workshop/v1',
      title: 'Łódź',
      personas: [persona],
      notes: [note('n000000000000001', { groupId: 'g000000000000009' }), note('n000000000000002', { personaId: 'p000000000000009' })],
      groups: [{ id: 'g000000000000002', personaId: 'p000000000000009', quadrant: 'pains', name: 'Lost', createdAt: 3 }],
    });
    expect(board.notes.map((n) => [n.id, n.groupId ?? null, n.authorId, n.authorName])).toEqual([
      ['n000000000000001', null, 'iiiiiiiiiiiiiiii', 'Łukasz'],
    ]);
    expect(board.groups).toEqual([]);
    expect(board.meta).toMatchObject({ title: 'Łódź', createdAt: 5, schemaVersion: 1 });
  });

  it('refuses an empty persona list, foreign formats and repeated ids, saying where', () => {
    const base = { format: 'persona-workshop/v1', title: 'T', personas: [persona], notes: [] };
    expect(parseImport({ ...base, personas: [] }, 'iiiiiiiiiiiiiiii')).toMatchObject({ ok: false, error: /no personas/ });
    expect(parseImport({ ...base, format: 'other/v9' }, 'iiiiiiiiiiiiiiii')).toMatchObject({
      ok: false,
      error: /not a Persona Workshop export/,
    });
    expect(parseImport({ ...base, notes: [note('n000000000000001'), note('n000000000000001')] }, 'iiiiiiiiiiiiiiii')).toMatchObject({
      ok: false,
      error: /Note ids repeat/,
    });
    expect(parseImport({ ...base, notes: [note('bad id')] }, 'iiiiiiiiiiiiiiii')).toMatchObject({ ok: false, error: /at notes\.0\.id/ });
  });
});
