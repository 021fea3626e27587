import { describe, expect, it } from 'vitest';
import { addNote, metaMap, setNoteEvidence } from '../../lib/board';
import { createGroup } from '../../lib/groups';
import { addCustomProfileField, setCustomFieldValue, setProfileField, setProfileFieldHidden } from '../../lib/profileBoard';
import { CLASSIC_QUADRANTS } from '../../lib/quadrants';
import { buildExportModel } from '../../server/export/exportModel';
import { closedVoteTotals } from '../../server/export/voteTotals';
import type { VoteStore } from '../../server/storage/ports';
import { ANN, BOB, newBoard } from './helpers/boardDocs';

const WORKSHOP = { code: 'ABCD2345', title: 'Checkout', createdAt: 0 };

function must<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('export model', () => {
  it('sorts a quadrant top-voted first, equal votes oldest first, with group names and evidence counts', () => {
    const { doc, persona } = newBoard();
    const [first, second, third, fourth] = ['first', 'second', 'third', 'fourth'].map((text, i) =>
      must(
        addNote(doc, { personaId: persona.id, quadrant: 'pains', text, authorId: ANN.participantId, authorName: ANN.name, now: 10 + i }),
      ),
    );
    must(setNoteEvidence(doc, first!.id, 'observed'));
    must(setNoteEvidence(doc, third!.id, 'assumed'));
    must(createGroup(doc, { personaId: persona.id, quadrant: 'pains', name: 'Queues', noteIds: [second!.id] }));
    const votes = new Map([
      [third!.id, 2],
      [fourth!.id, 2],
      [second!.id, 1],
    ]);
    const pains = buildExportModel(doc, WORKSHOP, [], { votes }).personas[0]!.quadrants.find((q) => q.id === 'pains')!;
    expect(pains.notes.map((note) => [note.text, note.votes])).toEqual([
      ['third', 2],
      ['fourth', 2],
      ['second', 1],
      ['first', 0],
    ]);
    expect(pains.notes.find((note) => note.text === 'second')!.groupName).toBe('Queues');
    expect(pains.notes.find((note) => note.text === 'first')!.groupName).toBe('');
    expect([pains.observedCount, pains.assumedCount]).toEqual([1, 1]);
  });

  it('takes the quote and filled-in profile fields, custom ones included, hidden ones left out', () => {
    const { doc, persona } = newBoard();
    must(setProfileField(doc, persona.id, 'quote', '  Fast, but friendly.  '));
    must(setProfileField(doc, persona.id, 'age', '34'));
    must(setProfileField(doc, persona.id, 'income', 'secret'));
    must(setProfileFieldHidden(doc, 'income', true));
    const drink = must(addCustomProfileField(doc, 'Favourite drink'));
    must(setCustomFieldValue(doc, persona.id, drink.id, 'Flat white'));
    const exported = buildExportModel(doc, WORKSHOP, []).personas[0]!;
    expect(exported.quote).toBe('Fast, but friendly.');
    expect(exported.profile.map((field) => [field.label, field.value])).toEqual([
      ['Age', '34'],
      ['Favourite drink', 'Flat white'],
    ]);
  });

  it('counts anonymous notes apart from the people who signed theirs', () => {
    const { doc, persona } = newBoard();
    for (const [author, name] of [
      [ANN.participantId, ANN.name],
      [BOB.participantId, BOB.name],
      ['anon000000000001', ''],
      ['anon000000000002', ''],
    ]) {
      must(addNote(doc, { personaId: persona.id, quadrant: 'sees', text: `by ${name || 'nobody'}`, authorId: author!, authorName: name! }));
    }
    const exported = buildExportModel(doc, WORKSHOP, []).personas[0]!;
    expect([exported.noteCount, exported.authorCount, exported.anonymousCount]).toEqual([4, 2, 2]);
  });

  it('follows the board’s map, and gathers notes whose quadrant left it under "Not on this map"', () => {
    const { doc, persona } = newBoard();
    doc.transact(() => {
      metaMap(doc).set('template', 'classic');
      metaMap(doc).set('quadrants', CLASSIC_QUADRANTS);
    });
    must(addNote(doc, { personaId: persona.id, quadrant: 'says', text: 'said', authorId: ANN.participantId, authorName: ANN.name }));
    must(addNote(doc, { personaId: persona.id, quadrant: 'gains', text: 'old map', authorId: ANN.participantId, authorName: ANN.name }));
    const quadrants = buildExportModel(doc, WORKSHOP, []).personas[0]!.quadrants;
    expect(quadrants.map((q) => [q.title, q.index, q.notes.map((n) => n.text)])).toEqual([
      ['Says', 0, ['said']],
      ['Thinks', 1, []],
      ['Does', 2, []],
      ['Feels', 3, []],
      ['Not on this map', -1, ['old map']],
    ]);
  });
});

describe('closed-vote totals', () => {
  // The store sums the dots (its contract suite checks the sums on both engines); what the export
  // decides is which round to leave out.
  function votes() {
    const asked: (string | null)[] = [];
    const store = {
      closedTotals: async (_workshopId: string, openRoundId: string | null) => (asked.push(openRoundId), new Map([['note1', 3]])),
    } as unknown as VoteStore;
    return { store, asked };
  }

  it('leaves out the round still open (it is blind), and no round once it closed', async () => {
    const { store, asked } = votes();
    const open = { get: async () => ({ vote: { roundId: 'open', status: 'open' as const } }) };
    expect(await closedVoteTotals(store, open, 'w1')).toEqual(new Map([['note1', 3]]));
    const closed = { get: async () => ({ vote: { roundId: 'open', status: 'closed' as const } }) };
    await closedVoteTotals(store, closed, 'w1');
    await closedVoteTotals(store, { get: async () => ({ vote: null }) }, 'w1');
    expect(asked).toEqual(['open', null, null]);
  });
});
