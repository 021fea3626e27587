import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, addQuestion } from '../../lib/actions';
import { addNote, readNotes, readPersonas } from '../../lib/board';
import { REFUSAL_REASONS, describeRefusal } from '../../lib/boardNotices';
import { createGroup } from '../../lib/groups';
import { PRIVATE_STEP_UNDO, recordChanges, whyIrreversible, type RecordChange } from '../../lib/history';
import { addJourneyStep } from '../../lib/journey';
import { draftsFromRefused, RESCUED_NOTICE } from '../../lib/privateRescue';
import { takeOver } from '../../components/sync/boardRecovery';
import { CommandSchema } from '../../lib/session/commands';
import { validateUpdate, validateUpdateFully, type UpdateAuthor } from '../../server/yjs/validateUpdate';
import { ANN, diff, newBoard, syncedCopy } from './helpers/boardDocs';
import { serverAndClient } from './helpers/validateDocs';

/**
 * The validator's part of private writing: with `mustDraft` (a participant in a private or
 * anonymous step) a new note, journey note, question or action is refused as `private-step`;
 * everything else a participant may do still goes through, and the facilitator is never held.
 */

const FACILITATOR: UpdateAuthor = { participantId: 'fac0000000000001', name: 'Fay', role: 'facilitator' };

function verdictOf(change: (doc: Y.Doc, personaId: string) => unknown, author: UpdateAuthor, mustDraft: boolean) {
  const { server, client, persona } = serverAndClient();
  change(client, persona.id);
  const update = diff(client, server);
  const options = { author, docBytes: 0, mustDraft };
  const fast = validateUpdate(server, update, options);
  expect(validateUpdateFully(server, update, options)).toEqual(fast); // no path around the rule
  return fast;
}

const journeyNote = (doc: Y.Doc, personaId: string, author: UpdateAuthor) => {
  const step = addJourneyStep(doc, { personaId, title: 'Pays' });
  if (!step.ok) throw new Error(step.error);
  return addNote(doc, {
    personaId,
    quadrant: 'sees',
    journeyStepId: step.value.id,
    text: 'x',
    authorId: author.participantId,
    authorName: author.name,
  });
};

const CREATES: [string, (author: UpdateAuthor) => (doc: Y.Doc, personaId: string) => unknown, string][] = [
  [
    'a map note',
    (a) => (doc, personaId) => addNote(doc, { personaId, quadrant: 'sees', text: 'x', authorId: a.participantId, authorName: a.name }),
    'notes',
  ],
  ['a journey note', (a) => (doc, personaId) => journeyNote(doc, personaId, a), 'notes'],
  ['a question', () => (doc, personaId) => addQuestion(doc, { personaId, text: 'Who pays?' }), 'questions'],
  ['an action', () => (doc, personaId) => addAction(doc, { personaId, text: 'Ask them' }), 'actions'],
];

describe('mustDraft: a participant in a private or anonymous step', () => {
  it.each(CREATES)('creating %s is refused as private-step', (_label, change, root) => {
    const verdict = verdictOf(change(ANN), ANN, true);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.refusals).toContainEqual({ reason: 'private-step', root, record: expect.any(String), field: null });
  });

  it.each(CREATES)('creating %s is accepted in an open step, and from the facilitator in any step', (_label, change) => {
    expect(verdictOf(change(ANN), ANN, false).ok).toBe(true);
    expect(verdictOf(change(FACILITATOR), FACILITATOR, true).ok).toBe(true);
  });

  it.each<[string, (doc: Y.Doc, personaId: string) => unknown]>([
    ['adds a journey step', (doc, personaId) => addJourneyStep(doc, { personaId, title: 'Finds us' })],
    ['adds a group', (doc, personaId) => createGroup(doc, { personaId, quadrant: 'sees', name: 'Money', noteIds: [] })],
    [
      'edits the scenario of a persona',
      (doc, personaId) => doc.getMap<Y.Map<unknown>>('personas').get(personaId)!.set('scenario', 'Buys beans'),
    ],
  ])('still %s', (_label, change) => {
    expect(verdictOf(change, ANN, true).ok).toBe(true);
  });

  it('still edits a question already on the board', () => {
    const { server, client, persona } = serverAndClient();
    const question = addQuestion(client, { personaId: persona.id, text: 'Who pays?' });
    if (!question.ok) throw new Error(question.error);
    expect(validateUpdate(server, diff(client, server), { author: ANN, docBytes: 0 }).ok).toBe(true);
    Y.applyUpdate(server, diff(client, server));
    const other = syncedCopy(server);
    other.getMap<Y.Map<unknown>>('questions').get(question.value.id)!.set('text', 'Who pays, really?');
    expect(validateUpdate(server, diff(other, server), { author: ANN, docBytes: 0, mustDraft: true }).ok).toBe(true);
  });

  it('the person is told in plain words and the refused record is dropped', () => {
    expect(REFUSAL_REASONS['private-step'].drop).toBe('change');
    expect(describeRefusal({ reason: 'private-step', root: 'questions', record: 'q', field: null }, 1)).toMatch(
      /^Your change to a question was not saved\. This step is private/,
    );
  });
});

describe('draft.add kinds', () => {
  const base = { id: 'c1', type: 'draft.add', draftId: 'draft00000000001', text: 'Hello' };

  it('keeps the original note command as it was (kind note by default)', () => {
    expect(CommandSchema.parse({ ...base, quadrant: 'sees' })).toMatchObject({ kind: 'note', quadrant: 'sees', color: 'yellow' });
  });

  it.each<[string, Record<string, unknown>, boolean]>([
    ['a note without its quadrant', { kind: 'note' }, false],
    ['a journey note with its step', { kind: 'journeyNote', journeyStepId: 'step000000000001' }, true],
    ['a journey note without its step', { kind: 'journeyNote' }, false],
    ['a question for a persona', { kind: 'question', personaId: 'pers000000000001' }, true],
    ['a question without a persona', { kind: 'question' }, false],
    ['an action for a persona', { kind: 'action', personaId: 'pers000000000001' }, true],
    ['a question over 500 characters', { kind: 'question', personaId: 'pers000000000001', text: 'q'.repeat(501) }, false],
    ['an unknown kind', { kind: 'persona', personaId: 'pers000000000001' }, false],
  ])('%s', (_label, fields, isValid) => {
    expect(CommandSchema.safeParse({ ...base, ...fields }).success).toBe(isValid);
  });
});

describe('undo in a private step', () => {
  /** The record changes of one transaction on a fresh board, as `BoardHistory` captures them. */
  function changesOf(edit: (doc: Y.Doc, personaId: string) => void, setUp?: (doc: Y.Doc, personaId: string) => void): RecordChange[] {
    const { doc, persona } = newBoard();
    setUp?.(doc, persona.id);
    let changes: RecordChange[] = [];
    const capture = (transaction: Y.Transaction) => (changes = recordChanges(transaction));
    doc.on('afterTransaction', capture);
    doc.transact(() => edit(doc, persona.id));
    doc.off('afterTransaction', capture);
    return changes;
  }

  it('does not offer a participant to bring back a deleted question, action or own note (the server would refuse it)', () => {
    let id = '';
    const deleted = changesOf(
      (doc) => doc.getMap('questions').delete(id),
      (doc, personaId) => {
        const question = addQuestion(doc, { personaId, text: 'Who pays?' });
        if (question.ok) id = question.value.id;
      },
    );
    expect(deleted.map((change) => [change.root, change.change])).toEqual([['questions', 'deleted']]);
    expect(whyIrreversible(deleted, ANN)).toBeNull();
    expect(whyIrreversible(deleted, ANN, { mustDraft: true })).toBe(PRIVATE_STEP_UNDO);
    expect(whyIrreversible(deleted, { ...FACILITATOR }, { mustDraft: true })).toBeNull();
  });

  it('still offers undoing an add (a delete) and changes to journey steps', () => {
    const added = changesOf((doc, personaId) => addAction(doc, { personaId, text: 'Ask them' }));
    expect(whyIrreversible(added, ANN, { mustDraft: true })).toBeNull();
    let stepId = '';
    const stepDeleted = changesOf(
      (doc) => doc.getMap('journeySteps').delete(stepId),
      (doc, personaId) => {
        const step = addJourneyStep(doc, { personaId, title: 'Pays' });
        if (step.ok) stepId = step.value.id;
      },
    );
    expect(whyIrreversible(stepDeleted, ANN, { mustDraft: true })).toBeNull();
  });
});

describe('a record refused as private-step becomes a private draft (nothing typed is lost)', () => {
  it('the browser keeps the rest, sends nothing of the refused records, and hands them over as drafts', () => {
    const { doc: server, persona } = newBoard();
    const ann = syncedCopy(server, 31);
    // Typed just before the step turned private (or offline): a question, a map note, and a rename.
    const question = addQuestion(ann, { personaId: persona.id, text: 'Who pays?' });
    const note = addNote(ann, {
      personaId: persona.id,
      quadrant: 'pains',
      color: 'pink',
      text: 'Queues',
      authorId: ANN.participantId,
      authorName: 'Ann',
    });
    ann.getMap<Y.Map<unknown>>('personas').get(persona.id)!.set('name', 'Maya');
    if (!question.ok || !note.ok) throw new Error('setup');
    const verdict = validateUpdate(server, diff(ann, server), { author: ANN, docBytes: 0, mustDraft: true });
    if (verdict.ok) throw new Error('expected a refusal');
    expect(verdict.refusals.map((r) => r.reason)).toEqual(['private-step', 'private-step']);

    const next = syncedCopy(server, 32);
    const taken = takeOver(next, { previousDoc: ann, refusals: verdict.refusals, history: new Map() });
    expect(taken.notice).toBe(RESCUED_NOTICE);
    expect(taken.drafts).toEqual(
      expect.arrayContaining([
        { target: { kind: 'question', personaId: persona.id }, text: 'Who pays?' },
        { target: { kind: 'note', quadrant: 'pains', color: 'pink' }, text: 'Queues' },
      ]),
    );
    expect(taken.drafts).toHaveLength(2);
    const resent = diff(next, server);
    expect(validateUpdate(server, resent, { author: ANN, docBytes: 0, mustDraft: true }).ok).toBe(true);
    Y.applyUpdate(server, resent);
    expect(readPersonas(server)[0]!.name).toBe('Maya');
    expect([readNotes(server).length, server.getMap('questions').size]).toEqual([0, 0]);
  });

  it('reads a journey note and an action back; other refusals are not turned into drafts', () => {
    const values = { personaId: 'pers000000000001', text: ' Pays at the till ', journeyStepId: 'step000000000001', quadrant: 'sees' };
    const refusals = [
      { reason: 'private-step' as const, root: 'notes', record: 'note000000000001', field: null },
      { reason: 'private-step' as const, root: 'actions', record: 'acti000000000001', field: null },
      { reason: 'not-author' as const, root: 'notes', record: 'note000000000002', field: null },
    ];
    const drafts = draftsFromRefused(
      [
        { kind: 'create', root: 'notes', record: 'note000000000001', values },
        { kind: 'create', root: 'actions', record: 'acti000000000001', values: { personaId: 'pers000000000001', text: 'Ask' } },
        { kind: 'create', root: 'notes', record: 'note000000000002', values },
      ],
      refusals,
    );
    expect(drafts).toEqual([
      { target: { kind: 'journeyNote', journeyStepId: 'step000000000001' }, text: 'Pays at the till' },
      { target: { kind: 'action', personaId: 'pers000000000001' }, text: 'Ask' },
    ]);
  });
});
