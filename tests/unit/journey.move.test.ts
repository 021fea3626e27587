import { describe, expect, it } from 'vitest';
import { addNote, editNoteText, readBoard } from '../../lib/board';
import { addJourneyStep, moveNoteToStep } from '../../lib/journey';
import { addPersona } from '../../lib/personaBoard';
import type { Result } from '../../lib/result';
import { ANN, BOB, diff, newBoard, noteInput, syncBoth, syncedCopy } from './helpers/boardDocs';
import { expectAccepted } from './helpers/validateDocs';

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

function journeyWithNote() {
  const { doc, persona } = newBoard();
  const hears = value(addJourneyStep(doc, { personaId: persona.id, title: 'Hears of it' }));
  const buys = value(addJourneyStep(doc, { personaId: persona.id, title: 'Buys' }));
  const note = value(addNote(doc, noteInput(persona.id, { journeyStepId: hears.id, text: 'From a colleague' })));
  return { doc, persona, hears, buys, note };
}

describe('moveNoteToStep', () => {
  it('moves a journey note to another step of its persona, keeping everything else', () => {
    const { doc, buys, note } = journeyWithNote();
    expect(moveNoteToStep(doc, note.id, buys.id)).toEqual({ ok: true, value: buys.id });
    expect(readBoard(doc).notes).toEqual([{ ...note, journeyStepId: buys.id }]);
  });

  it('refuses a map note, a step of another persona, and deleted notes or steps', () => {
    const { doc, persona, hears, note } = journeyWithNote();
    const mapNote = value(addNote(doc, noteInput(persona.id)));
    expect(moveNoteToStep(doc, mapNote.id, hears.id)).toMatchObject({ ok: false, error: /empathy map/ });
    const other = value(addPersona(doc, { name: 'Other' }));
    const foreign = value(addJourneyStep(doc, { personaId: other.id, title: 'Elsewhere' }));
    expect(moveNoteToStep(doc, note.id, foreign.id)).toMatchObject({ ok: false, error: /own persona/ });
    expect(moveNoteToStep(doc, note.id, 'gone000000000000')).toMatchObject({ ok: false, error: /step was deleted/ });
    expect(moveNoteToStep(doc, 'gone000000000000', hears.id)).toMatchObject({ ok: false, error: /note was deleted/ });
    expect(readBoard(doc).notes.find((n) => n.id === note.id)?.journeyStepId).toBe(hears.id);
  });

  it('is accepted by the server from anyone, and merges with a concurrent text edit', () => {
    const { doc: server, buys, note } = journeyWithNote();
    const bob = syncedCopy(server);
    const ann = syncedCopy(server);
    value(moveNoteToStep(bob, note.id, buys.id));
    expectAccepted(server, diff(bob, server), BOB);
    value(editNoteText(ann, note.id, 'From two colleagues'));
    expectAccepted(server, diff(ann, server), ANN);
    syncBoth(server, bob);
    expect(readBoard(bob).notes).toEqual([{ ...note, journeyStepId: buys.id, text: 'From two colleagues' }]);
  });
});
