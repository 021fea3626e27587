import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  actionsMap,
  addAction,
  addQuestion,
  deleteAction,
  deleteQuestion,
  editAction,
  editQuestion,
  readActions,
  readQuestions,
  setActionDone,
} from '../../lib/actions';
import { readBoard } from '../../lib/board';
import { LIMITS } from '../../lib/limits';
import { addPersona, deletePersona, purgeDeletedPersonas } from '../../lib/personaBoard';
import { addJourneyStep, journeyStepsMap } from '../../lib/journey';
import { ANN, newBoard, syncBoth, syncedCopy } from './helpers/boardDocs';

function value<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('open questions', () => {
  it('adds, edits and deletes, in order', () => {
    const { doc, persona } = newBoard();
    const q1 = value(addQuestion(doc, { personaId: persona.id, text: ' Who pays? ', now: 3 }));
    expect(q1).toMatchObject({ personaId: persona.id, text: 'Who pays?', order: 1, createdAt: 3 });
    value(addQuestion(doc, { personaId: persona.id, text: 'Where do they buy?' }));
    expect(readQuestions(doc).map((q) => q.text)).toEqual(['Who pays?', 'Where do they buy?']);
    expect(editQuestion(doc, q1.id, 'Who pays, really?').ok).toBe(true);
    expect(editQuestion(doc, q1.id, ' ').ok).toBe(false);
    expect(readQuestions(doc)[0]?.text).toBe('Who pays, really?');
    expect(deleteQuestion(doc, q1.id).ok).toBe(true);
    expect(deleteQuestion(doc, q1.id).ok).toBe(false);
    expect(readQuestions(doc)).toHaveLength(1);
  });

  it('refuses empty, long, unknown persona', () => {
    const { doc, persona } = newBoard();
    expect(addQuestion(doc, { personaId: persona.id, text: '' }).ok).toBe(false);
    expect(addQuestion(doc, { personaId: persona.id, text: 'x'.repeat(LIMITS.questionTextChars + 1) }).ok).toBe(false);
    expect(addQuestion(doc, { personaId: 'nobody0000000000', text: 'x' }).ok).toBe(false);
  });

  it('unlinks the actions of a deleted question', () => {
    const { doc, persona } = newBoard();
    const q = value(addQuestion(doc, { personaId: persona.id, text: 'Why?' }));
    const a = value(addAction(doc, { personaId: persona.id, text: 'Ask five customers', questionId: q.id }));
    expect(a.questionId).toBe(q.id);
    deleteQuestion(doc, q.id);
    expect(readActions(doc)[0]?.questionId).toBeNull();
  });
});

describe('action plan', () => {
  it('adds an action with defaults, then edits owner, due date and text, and toggles done', () => {
    const { doc, persona } = newBoard();
    const a = value(addAction(doc, { personaId: persona.id, text: 'Visit a shop', now: 7 }));
    expect(a).toMatchObject({
      questionId: null,
      ownerParticipantId: null,
      ownerName: '',
      dueDate: null,
      isDone: false,
      order: 1,
      createdAt: 7,
    });
    expect(editAction(doc, a.id, { owner: { participantId: ANN.participantId, name: 'Ann' }, dueDate: '2026-12-01' }).ok).toBe(true);
    expect(setActionDone(doc, a.id, true).ok).toBe(true);
    expect(editAction(doc, a.id, { text: 'Visit two shops' }).ok).toBe(true);
    expect(readActions(doc)[0]).toMatchObject({
      text: 'Visit two shops',
      ownerParticipantId: ANN.participantId,
      ownerName: 'Ann',
      dueDate: '2026-12-01',
      isDone: true,
    });
    editAction(doc, a.id, { owner: { participantId: null, name: 'Marketing team' }, dueDate: '' });
    expect(readActions(doc)[0]).toMatchObject({ ownerParticipantId: null, ownerName: 'Marketing team', dueDate: null });
  });

  it('refuses bad text, owner, date, persona and a full board', () => {
    const { doc, persona } = newBoard();
    const a = value(addAction(doc, { personaId: persona.id, text: 'Call' }));
    expect(editAction(doc, a.id, { text: '' }).ok).toBe(false);
    expect(editAction(doc, a.id, { dueDate: '1 Dec' }).ok).toBe(false);
    expect(editAction(doc, a.id, { dueDate: '2026-13-01' }).ok).toBe(false);
    expect(editAction(doc, a.id, { owner: { participantId: 'BAD', name: 'x' } }).ok).toBe(false);
    expect(editAction(doc, a.id, { owner: { participantId: null, name: 'x'.repeat(LIMITS.actionOwnerNameChars + 1) } }).ok).toBe(false);
    expect(addAction(doc, { personaId: 'nobody0000000000', text: 'x' }).ok).toBe(false);
    for (let i = 1; i < LIMITS.actionsPerWorkshop; i++) actionsMap(doc).set(`act${String(i).padStart(13, '0')}`, new Y.Map());
    expect(addAction(doc, { personaId: persona.id, text: 'One more' }).ok).toBe(false);
  });

  it('deletes, and refuses changes to a deleted action', () => {
    const { doc, persona } = newBoard();
    const a = value(addAction(doc, { personaId: persona.id, text: 'Survey' }));
    expect(deleteAction(doc, a.id).ok).toBe(true);
    expect(deleteAction(doc, a.id).ok).toBe(false);
    expect(setActionDone(doc, a.id, true).ok).toBe(false);
    expect(editAction(doc, a.id, { text: 'x' }).ok).toBe(false);
  });

  it('merges a concurrent tick and text edit, and hides the plan of a deleted persona', () => {
    const { doc, persona } = newBoard();
    const a = value(addAction(doc, { personaId: persona.id, text: 'Survey' }));
    value(addQuestion(doc, { personaId: persona.id, text: 'Why?' }));
    const peer = syncedCopy(doc);
    setActionDone(doc, a.id, true);
    editAction(peer, a.id, { text: 'Survey 20 people' });
    syncBoth(doc, peer);
    expect(readActions(doc)[0]).toMatchObject({ text: 'Survey 20 people', isDone: true });
    addPersona(doc);
    deletePersona(doc, persona.id);
    expect(readBoard(doc)).toMatchObject({ questions: [], actions: [] });
  });
});

describe('erasing a deleted persona', () => {
  it('erases its journey steps, questions and actions too, so they stop counting against the caps', () => {
    const { doc, persona } = newBoard();
    const kept = value(addPersona(doc));
    for (const personaId of [persona.id, kept.id]) {
      value(addJourneyStep(doc, { personaId, title: 'Step' }));
      value(addQuestion(doc, { personaId, text: 'Why?' }));
      value(addAction(doc, { personaId, text: 'Ask' }));
    }
    deletePersona(doc, persona.id, { now: 10 });
    expect(purgeDeletedPersonas(doc, { deletedBefore: 11 })).toBe(1);
    expect(journeyStepsMap(doc).size).toBe(1);
    expect(readQuestions(doc).map((q) => q.personaId)).toEqual([kept.id]);
    expect(actionsMap(doc).size).toBe(1);
  });
});
