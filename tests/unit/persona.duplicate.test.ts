import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addAction, addQuestion, readActions, readQuestions, setActionDone } from '../../lib/actions';
import { addNote, readBoard, setNoteEvidence } from '../../lib/board';
import { ID_PATTERN } from '../../lib/ids';
import { addJourneyStep, readJourneySteps, setScenario } from '../../lib/journey';
import { LIMITS } from '../../lib/limits';
import { duplicatePersona } from '../../lib/personaBoard';
import type { Result } from '../../lib/result';
import { ANN, BOB, diff, newBoard, noteInput, syncedCopy } from './helpers/boardDocs';
import { expectAccepted, expectRefused } from './helpers/validateDocs';

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

/** A persona with a scenario, two journey steps (notes on both), an empathy-map note, questions and actions. */
function personaWithJourney() {
  const { doc, persona } = newBoard();
  value(setScenario(doc, persona.id, 'Buys a bike for commuting'));
  const hears = value(addJourneyStep(doc, { personaId: persona.id, title: 'Hears of it', now: 10 }));
  const compares = value(addJourneyStep(doc, { personaId: persona.id, title: 'Compares', now: 11 }));
  const first = value(addNote(doc, noteInput(persona.id, { journeyStepId: hears.id, text: 'From a colleague', now: 20 })));
  value(addNote(doc, noteInput(persona.id, { journeyStepId: compares.id, text: 'Reads reviews', color: 'blue', now: 21 })));
  value(addNote(doc, noteInput(persona.id, { journeyStepId: compares.id, text: 'Asks in the shop', now: 22 })));
  setNoteEvidence(doc, first.id, 'observed');
  value(addNote(doc, noteInput(persona.id, { text: 'Map note', now: 23 })));
  const question = value(addQuestion(doc, { personaId: persona.id, text: 'What budget?', now: 30 }));
  const action = value(
    addAction(doc, {
      personaId: persona.id,
      text: 'Ask five commuters',
      owner: { participantId: BOB.participantId, name: BOB.name },
      dueDate: '2026-04-01',
      questionId: question.id,
      now: 31,
    }),
  );
  setActionDone(doc, action.id, true);
  return { doc, persona, question };
}

const stepTitleOf = (doc: Y.Doc, stepId: string | null | undefined) => readJourneySteps(doc).find((s) => s.id === stepId)?.title;

describe('duplicatePersona copies the journey and the plan', () => {
  it('copies scenario, steps with their notes (in order), questions and actions; the empathy map stays', () => {
    const { doc, persona, question } = personaWithJourney();
    const copy = value(duplicatePersona(doc, persona.id, { now: 9_000, author: { authorId: ANN.participantId, authorName: ANN.name } }));
    const board = readBoard(doc);
    expect(board.personas.find((p) => p.id === copy.id)?.scenario).toBe('Buys a bike for commuting');

    const steps = board.journeySteps.filter((s) => s.personaId === copy.id);
    expect(steps.map((s) => s.title)).toEqual(['Hears of it', 'Compares']);
    expect(steps.every((s) => ID_PATTERN.test(s.id) && s.createdAt === 9_000)).toBe(true);
    const originalStepIds = board.journeySteps.filter((s) => s.personaId === persona.id).map((s) => s.id);
    expect(steps.some((s) => originalStepIds.includes(s.id))).toBe(false);

    const copiedNotes = board.notes.filter((n) => n.personaId === copy.id);
    expect(copiedNotes.map((n) => [stepTitleOf(doc, n.journeyStepId), n.text, n.color, n.evidence ?? null])).toEqual([
      ['Hears of it', 'From a colleague', 'yellow', 'observed'],
      ['Compares', 'Reads reviews', 'blue', null],
      ['Compares', 'Asks in the shop', 'yellow', null],
    ]);
    expect(copiedNotes.every((n) => steps.some((s) => s.id === n.journeyStepId))).toBe(true);
    // The empathy-map note stays with the original only.
    expect(board.notes.filter((n) => n.text === 'Map note').map((n) => n.personaId)).toEqual([persona.id]);

    const questions = readQuestions(doc).filter((q) => q.personaId === copy.id);
    expect(questions.map((q) => q.text)).toEqual(['What budget?']);
    expect(questions[0]!.id).not.toBe(question.id);
    expect(readActions(doc).filter((a) => a.personaId === copy.id)).toEqual([
      expect.objectContaining({
        text: 'Ask five commuters',
        ownerParticipantId: BOB.participantId,
        ownerName: BOB.name,
        dueDate: '2026-04-01',
        isDone: true,
        questionId: questions[0]!.id,
      }),
    ]);
    // The original keeps everything it had.
    expect(board.journeySteps.filter((s) => s.personaId === persona.id)).toHaveLength(2);
    expect(readActions(doc).filter((a) => a.personaId === persona.id)).toHaveLength(1);
  });

  it('writes the copied notes in the name of the person duplicating, which the server accepts (and refuses otherwise)', () => {
    const { doc: server, persona } = personaWithJourney();
    const bob = syncedCopy(server);
    value(duplicatePersona(bob, persona.id, { author: { authorId: BOB.participantId, authorName: BOB.name } }));
    const copied = readBoard(bob).notes.filter((n) => n.personaId !== persona.id);
    expect(copied.map((n) => [n.authorId, n.authorName])).toEqual(Array(3).fill([BOB.participantId, BOB.name]));
    expectAccepted(server, diff(bob, server), BOB);
    expect(readBoard(server)).toEqual(readBoard(bob));

    const again = syncedCopy(server);
    value(duplicatePersona(again, persona.id));
    expectRefused(server, diff(again, server), /forged author/, BOB);
  });

  it('refuses, changing nothing, when the journey would not fit the workshop', () => {
    const { doc, persona } = personaWithJourney();
    for (let i = 0; i < LIMITS.journeyStepsPerWorkshop - 3; i++) value(addJourneyStep(doc, { personaId: persona.id, title: `Step ${i}` }));
    const before = readBoard(doc);
    expect(duplicatePersona(doc, persona.id)).toEqual({ ok: false, error: expect.stringMatching(/no room left/) });
    expect(readBoard(doc)).toEqual(before);
  });
});
