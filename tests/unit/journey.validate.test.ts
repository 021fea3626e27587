import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addAction, addQuestion, actionsMap, editAction, setActionDone } from '../../lib/actions';
import { addNote, readBoard } from '../../lib/board';
import { addJourneyStep, journeyStepsMap, moveJourneyStep, renameJourneyStep, setScenario } from '../../lib/journey';
import { LIMITS } from '../../lib/limits';
import { ANN, diff, syncedCopy } from './helpers/boardDocs';
import { expectAccepted, expectRefused, serverAndClient } from './helpers/validateDocs';

function value<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('validateUpdate and the journey and action plan', () => {
  it('accepts a scenario, steps, a step note, questions and actions, and their edits', () => {
    const { server, client, persona } = serverAndClient();
    setScenario(client, persona.id, 'Replaces a broken phone');
    const step = value(addJourneyStep(client, { personaId: persona.id, title: 'Searches' }));
    addJourneyStep(client, { personaId: persona.id, title: 'Buys' });
    value(
      addNote(client, {
        personaId: persona.id,
        quadrant: 'sees',
        journeyStepId: step.id,
        text: 'Reads reviews',
        authorId: ANN.participantId,
        authorName: ANN.name,
      }),
    );
    const question = value(addQuestion(client, { personaId: persona.id, text: 'Budget?' }));
    const action = value(addAction(client, { personaId: persona.id, text: 'Ask', questionId: question.id, dueDate: '2026-12-24' }));
    expectAccepted(server, diff(client, server));
    renameJourneyStep(client, step.id, 'Searches online');
    moveJourneyStep(client, step.id, 1);
    setActionDone(client, action.id, true);
    editAction(client, action.id, { owner: { participantId: ANN.participantId, name: 'Ann' } });
    expectAccepted(server, diff(client, server));
    expect(readBoard(server)).toEqual(readBoard(client));
  });

  it('refuses unknown fields and invalid values', () => {
    const { server, client, persona } = serverAndClient();
    const step = value(addJourneyStep(client, { personaId: persona.id, title: 'A' }));
    const action = value(addAction(client, { personaId: persona.id, text: 'B' }));
    expectAccepted(server, diff(client, server));
    const base = syncedCopy(server);
    const cases: [string, (doc: Y.Doc) => void, RegExp][] = [
      [
        'step title too long',
        (d) =>
          journeyStepsMap(d)
            .get(step.id)
            ?.set('title', 'x'.repeat(LIMITS.journeyStepTitleChars + 1)),
        /invalid/,
      ],
      ['unknown step field', (d) => journeyStepsMap(d).get(step.id)?.set('colour', 'red'), /unknown field/],
      ['bad due date', (d) => actionsMap(d).get(action.id)?.set('dueDate', 'tomorrow'), /invalid/],
      ['isDone not boolean', (d) => actionsMap(d).get(action.id)?.set('isDone', 'yes'), /invalid/],
      ['createdAt changed', (d) => actionsMap(d).get(action.id)?.set('createdAt', 5), /cannot change/],
      [
        'scenario too long',
        (d) =>
          d
            .getMap<Y.Map<unknown>>('personas')
            .get(persona.id)
            ?.set('scenario', 'x'.repeat(LIMITS.scenarioChars + 1)),
        /invalid/,
      ],
      ['step not a map', (d) => journeyStepsMap(d).set('abcdefabcdef0123', 'x' as unknown as Y.Map<unknown>), /must be a map/],
    ];
    for (const [, change, error] of cases) {
      const doc = syncedCopy(base);
      change(doc);
      expectRefused(server, diff(doc, server), error);
    }
  });

  it('refuses steps, questions and actions beyond the per-workshop caps', () => {
    const { server, persona } = serverAndClient();
    server.transact(() => {
      for (let i = 0; i < LIMITS.journeyStepsPerWorkshop; i++) journeyStepsMap(server).set(`s${String(i).padStart(15, '0')}`, new Y.Map());
      for (let i = 0; i < LIMITS.questionsPerWorkshop; i++) server.getMap('questions').set(`q${String(i).padStart(15, '0')}`, new Y.Map());
      for (let i = 0; i < LIMITS.actionsPerWorkshop; i++) actionsMap(server).set(`a${String(i).padStart(15, '0')}`, new Y.Map());
    });
    const add = (write: (doc: Y.Doc) => void) => {
      const client = syncedCopy(server);
      write(client);
      return diff(client, server);
    };
    const record = (root: string) => (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(root).set('zzzzzzzzzzzzzzzz', new Y.Map());
    expectRefused(server, add(record('journeySteps')), /too many journey steps/);
    expectRefused(server, add(record('questions')), /too many questions/);
    expectRefused(server, add(record('actions')), /too many actions/);
    expect(persona.id).toBeTruthy();
  });
});
