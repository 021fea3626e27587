import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readBoard } from '../../lib/board';
import { LIMITS } from '../../lib/limits';
import { errorBody, HttpError } from '../../server/http/respond';
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
    expect(parseImport({ ...base, notes: [note('n000000000000001'), note('n000000000000001')] }, 'iiiiiiiiiiiiiiii')).toEqual({
      ok: false,
      error: 'Note ids repeat. (at notes)',
    });
    expect(parseImport({ ...base, notes: [note('bad id')] }, 'iiiiiiiiiiiiiiii')).toMatchObject({ ok: false, error: /at notes\.0\.id/ });
  });

  it('names a version it cannot read instead of calling the file foreign', () => {
    const result = parseImport({ format: 'persona-workshop/v2', title: 'T', personas: [persona], notes: [] }, 'iiiiiiiiiiiiiiii');
    expect(result).toMatchObject({ ok: false, error: /format "persona-workshop\/v2".*imports "persona-workshop\/v1"/ });
  });

  it('restores journey steps with their notes, questions and actions; drops what they point to when it is missing', () => {
    const step = { id: 's000000000000001', personaId: persona.id, title: 'Hears of us', order: 1, createdAt: 3 };
    const question = { id: 'q000000000000001', personaId: persona.id, text: 'Why?', order: 1, createdAt: 3 };
    const action = (id: string, questionId: string | null) => ({
      id,
      personaId: persona.id,
      questionId,
      text: `Action ${id}`,
      ownerParticipantId: 'aaaaaaaaaaaaaaaa',
      ownerName: 'Zoë',
      dueDate: '2026-01-31',
      isDone: true,
      order: 1,
      createdAt: 3,
    });
    const board = importAndRead({
      format: 'persona-workshop/v1',
      title: 'Journey',
      personas: [
        {
          ...persona,
          scenario: 'Buys on Sunday',
          journeySteps: [step],
          questions: [question],
          actions: [action('a000000000000001', question.id), action('a000000000000002', 'q000000000000009')],
        },
      ],
      notes: [note('n000000000000001', { journeyStepId: step.id }), note('n000000000000002', { journeyStepId: 's000000000000009' })],
    });
    expect(board.personas[0]?.scenario).toBe('Buys on Sunday');
    expect(board.journeySteps).toEqual([step]);
    expect(board.notes.map((n) => [n.id, n.journeyStepId])).toEqual([['n000000000000001', step.id]]);
    expect(board.questions).toEqual([question]);
    expect(board.actions.map((a) => [a.id, a.questionId, a.ownerParticipantId, a.ownerName, a.isDone])).toEqual([
      ['a000000000000001', question.id, null, 'Zoë', true],
      ['a000000000000002', null, null, 'Zoë', true],
    ]);
  });

  it('refuses repeated step ids across personas', () => {
    const step = { id: 's000000000000001', personaId: persona.id, title: 'A', order: 1, createdAt: 3 };
    const other = { id: 'p000000000000002', name: 'Ben', order: 2, createdAt: 1 };
    const result = parseImport(
      {
        format: 'persona-workshop/v1',
        title: 'T',
        personas: [
          { ...persona, journeySteps: [step] },
          { ...other, journeySteps: [{ ...step, personaId: other.id }] },
        ],
        notes: [],
      },
      'iiiiiiiiiiiiiiii',
    );
    expect(result).toEqual({ ok: false, error: 'The ids of journey steps repeat.' });
  });

  it('words a cap and a repeated id for the asker (errorBody), English as it always was', () => {
    const group = (i: number) => ({
      id: `g${String(i).padStart(15, '0')}`,
      personaId: persona.id,
      quadrant: 'pains',
      name: `G${i}`,
      createdAt: 3,
    });
    const base = { format: 'persona-workshop/v1', title: 'T', personas: [persona], notes: [] };
    const refusal = (body: unknown) => {
      const result = parseImport(body, 'iiiiiiiiiiiiiiii');
      if (result.ok) throw new Error('imported');
      const error = new HttpError(400, result.error);
      return (locale: string) => errorBody({ headers: locale ? { 'accept-language': locale } : {} }, error).error;
    };
    const tooManyGroups = refusal({ ...base, groups: Array.from({ length: LIMITS.groupsPerWorkshop + 1 }, (_, i) => group(i)) });
    expect(tooManyGroups('')).toBe(`A workshop holds at most ${LIMITS.groupsPerWorkshop} groups. (at groups)`);
    expect(tooManyGroups('de')).toBe(`Ein Workshop hat höchstens ${LIMITS.groupsPerWorkshop} Gruppen. (Stelle: groups)`);
    const action = {
      id: 'a000000000000001',
      personaId: persona.id,
      questionId: null,
      text: 'Do',
      ownerParticipantId: null,
      ownerName: '',
      dueDate: null,
      isDone: false,
      order: 1,
      createdAt: 3,
    };
    const repeatedActions = refusal({
      ...base,
      personas: [{ ...persona, actions: [action, action] }],
    });
    expect(repeatedActions('')).toBe('The ids of actions repeat.');
    expect(repeatedActions('fr')).toBe('Des identifiants d’actions se répètent.');
  });
});
