import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addNote, readBoard } from '../../lib/board';
import { ID_PATTERN } from '../../lib/ids';
import {
  addJourneyStep,
  deleteJourneyStep,
  journeyStepsMap,
  moveJourneyStep,
  readJourneySteps,
  renameJourneyStep,
  setScenario,
} from '../../lib/journey';
import { LIMITS } from '../../lib/limits';
import { addPersona, deletePersona } from '../../lib/personaBoard';
import { ANN, newBoard, syncBoth, syncedCopy } from './helpers/boardDocs';

const titles = (doc: Y.Doc) => readJourneySteps(doc).map((step) => step.title);

function stepValue<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('scenario', () => {
  it('is set trimmed, cleared with an empty string, and refused over the limit', () => {
    const { doc, persona } = newBoard();
    expect(setScenario(doc, persona.id, '  Buys a bike for commuting  ')).toEqual({ ok: true, value: 'Buys a bike for commuting' });
    expect(readBoard(doc).personas[0]?.scenario).toBe('Buys a bike for commuting');
    expect(setScenario(doc, persona.id, '').ok).toBe(true);
    expect(readBoard(doc).personas[0]?.scenario).toBe('');
    expect(setScenario(doc, persona.id, 'x'.repeat(LIMITS.scenarioChars + 1)).ok).toBe(false);
    expect(setScenario(doc, 'nobody0000000000', 'x').ok).toBe(false);
  });
});

describe('journey steps', () => {
  it('adds steps at the end of the persona journey, with a trimmed title', () => {
    const { doc, persona } = newBoard();
    const first = stepValue(addJourneyStep(doc, { personaId: persona.id, title: ' Hears of it ', now: 5 }));
    expect(first).toEqual({ id: expect.stringMatching(ID_PATTERN), personaId: persona.id, title: 'Hears of it', order: 1, createdAt: 5 });
    addJourneyStep(doc, { personaId: persona.id, title: 'Compares' });
    expect(titles(doc)).toEqual(['Hears of it', 'Compares']);
  });

  it('refuses an empty or long title, an unknown or deleted persona, and a full board', () => {
    const { doc, persona } = newBoard();
    expect(addJourneyStep(doc, { personaId: persona.id, title: '  ' }).ok).toBe(false);
    expect(addJourneyStep(doc, { personaId: persona.id, title: 'x'.repeat(LIMITS.journeyStepTitleChars + 1) }).ok).toBe(false);
    expect(addJourneyStep(doc, { personaId: 'nobody0000000000', title: 'A' }).ok).toBe(false);
    for (let i = 0; i < LIMITS.journeyStepsPerWorkshop; i++) journeyStepsMap(doc).set(`step${String(i).padStart(12, '0')}`, new Y.Map());
    expect(addJourneyStep(doc, { personaId: persona.id, title: 'One more' })).toEqual({
      ok: false,
      error: expect.stringMatching(/too many/),
    });
    const other = newBoard();
    addPersona(other.doc);
    deletePersona(other.doc, other.persona.id);
    expect(addJourneyStep(other.doc, { personaId: other.persona.id, title: 'A' }).ok).toBe(false);
  });

  it('renames, moves up and down, and deletes with its notes', () => {
    const { doc, persona } = newBoard();
    const [a, b, c] = ['A', 'B', 'C'].map((title) => stepValue(addJourneyStep(doc, { personaId: persona.id, title })));
    expect(renameJourneyStep(doc, a!.id, 'Aware')).toEqual({ ok: true, value: 'Aware' });
    expect(renameJourneyStep(doc, a!.id, '').ok).toBe(false);
    moveJourneyStep(doc, c!.id, 0);
    expect(titles(doc)).toEqual(['C', 'Aware', 'B']);
    moveJourneyStep(doc, c!.id, 2);
    expect(titles(doc)).toEqual(['Aware', 'B', 'C']);
    moveJourneyStep(doc, b!.id, 0);
    expect(titles(doc)).toEqual(['B', 'Aware', 'C']);
    const note = addNote(doc, { personaId: persona.id, quadrant: 'sees', journeyStepId: b!.id, text: 'Asks a friend', ...author });
    expect(note.ok && note.value.journeyStepId).toBe(b!.id);
    expect(deleteJourneyStep(doc, b!.id).ok).toBe(true);
    expect(titles(doc)).toEqual(['Aware', 'C']);
    expect(readBoard(doc).notes).toEqual([]);
    expect(deleteJourneyStep(doc, b!.id).ok).toBe(false);
    expect(renameJourneyStep(doc, b!.id, 'x').ok).toBe(false);
    expect(moveJourneyStep(doc, b!.id, 0).ok).toBe(false);
  });

  it('refuses a note on a step that does not exist or belongs to another persona', () => {
    const { doc, persona } = newBoard();
    expect(addNote(doc, { personaId: persona.id, quadrant: 'sees', journeyStepId: 'nostep0000000000', text: 'x', ...author }).ok).toBe(
      false,
    );
  });

  it('hides the journey of a deleted persona, and notes left on a step deleted concurrently', () => {
    const { doc, persona } = newBoard();
    const step = stepValue(addJourneyStep(doc, { personaId: persona.id, title: 'Buys' }));
    const peer = syncedCopy(doc);
    deleteJourneyStep(doc, step.id);
    addNote(peer, { personaId: persona.id, quadrant: 'sees', journeyStepId: step.id, text: 'Pays cash', ...author });
    syncBoth(doc, peer);
    expect(readBoard(doc).notes).toEqual([]);
    addJourneyStep(doc, { personaId: persona.id, title: 'Again' });
    addPersona(doc);
    deletePersona(doc, persona.id);
    expect(readBoard(doc).journeySteps).toEqual([]);
  });

  it('converges when two people move and rename the same steps', () => {
    const { doc, persona } = newBoard();
    const [a, , c] = ['A', 'B', 'C'].map((title) => stepValue(addJourneyStep(doc, { personaId: persona.id, title })));
    const peer = syncedCopy(doc);
    moveJourneyStep(doc, c!.id, 0);
    renameJourneyStep(peer, c!.id, 'Cc');
    moveJourneyStep(peer, a!.id, 2);
    syncBoth(doc, peer);
    expect(readJourneySteps(doc)).toEqual(readJourneySteps(peer));
    expect(titles(doc)[0]).toBe('Cc');
  });
});

const author = { authorId: ANN.participantId, authorName: ANN.name };
