import { expect, it } from 'vitest';
import { newId } from '../../lib/ids';
import type { DraftRow, Storage } from '../../server/storage/ports';
import { newParticipant, newWorkshop } from './fixtures';

function draft(workshopId: string, participantId: string, isAnonymous: boolean, createdAt: number): DraftRow {
  return {
    id: newId(),
    workshopId,
    participantId,
    stepId: 'step',
    kind: 'note',
    personaId: 'persona',
    quadrant: 'says',
    journeyStepId: null,
    text: `draft ${createdAt}`,
    color: 'yellow',
    isAnonymous,
    createdAt,
  };
}

/** Sessions (revision compare-and-set), votes (budget under concurrency), drafts (claimed once). */
export function controlContract(instances: () => { a: Storage; b: Storage }): void {
  it('writes a session only over the revision the writer read', async () => {
    const { a, b } = instances();
    const { workshop } = await newWorkshop(a);
    expect(await a.sessions.load(workshop.id)).toBeNull();
    expect(await a.sessions.compareAndSet(workshop.id, null, { state: '{"r":0}', revision: 0 })).toBe(true);
    expect(await b.sessions.compareAndSet(workshop.id, null, { state: '{"r":"again"}', revision: 0 })).toBe(false);
    // Two instances both read revision 0 and write 1: one wins, the other must reload.
    const results = await Promise.all([
      a.sessions.compareAndSet(workshop.id, 0, { state: '{"r":"a"}', revision: 1 }),
      b.sessions.compareAndSet(workshop.id, 0, { state: '{"r":"b"}', revision: 1 }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await b.sessions.load(workshop.id)).toEqual({ state: results[0] ? '{"r":"a"}' : '{"r":"b"}', revision: 1 });
    expect(await a.sessions.compareAndSet(workshop.id, 0, { state: '{"r":"stale"}', revision: 2 })).toBe(false);
    expect(await a.sessions.compareAndSet(workshop.id, 1, { state: '{"r":2}', revision: 2 })).toBe(true);
    expect(await a.sessions.load(workshop.id)).toEqual({ state: '{"r":2}', revision: 2 });
  });

  it('keeps what a draft becomes: its kind and its journey step, on the other instance too', async () => {
    const { a, b } = instances();
    const { workshop } = await newWorkshop(a);
    const { participant } = await newParticipant(a, workshop.id);
    const journey = { ...draft(workshop.id, participant.id, false, 1), kind: 'journeyNote' as const, journeyStepId: 'step-1' };
    const question = { ...draft(workshop.id, participant.id, false, 2), kind: 'question' as const, quadrant: '' };
    for (const row of [journey, question]) expect(await a.drafts.add(row)).toBe(true);
    expect(await b.drafts.pendingOf(workshop.id, participant.id)).toEqual([journey, question]);
    expect(await b.drafts.pendingAuthor(question.id)).toEqual({ workshopId: workshop.id, participantId: participant.id, kind: 'question' });
  });

  it('keeps a vote budget when one participant casts from two instances at once', async () => {
    const { a, b } = instances();
    const { workshop } = await newWorkshop(a);
    const { participant } = await newParticipant(a, workshop.id);
    const roundId = newId();
    const rules = { budget: 3, allowMultiplePerNote: false };
    const notes = Array.from({ length: 12 }, () => newId());
    const outcomes = await Promise.all(
      notes.map((noteId, i) => (i % 2 === 0 ? a : b).votes.cast(workshop.id, roundId, participant.id, noteId, 1, rules)),
    );
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(3);
    expect(outcomes.filter((outcome) => outcome === 'budget-spent')).toHaveLength(9);
    const mine = await b.votes.mine(roundId, participant.id);
    expect(Object.values(mine)).toEqual([1, 1, 1]);
    // One dot per note, also when two casts on one note race.
    const other = await newParticipant(b, workshop.id);
    const twice = await Promise.all(
      [a, b].map((store) => store.votes.cast(workshop.id, roundId, other.participant.id, notes[0]!, 1, rules)),
    );
    expect(twice.sort()).toEqual(['ok', 'one-per-note']);
    expect(await a.votes.cast(workshop.id, roundId, other.participant.id, notes[1]!, -1, rules)).toBe('no-dot');
  });

  it('takes dots back, tallies a round and hides the open round from closed totals', async () => {
    const { a, b } = instances();
    const { workshop } = await newWorkshop(a);
    const alice = (await newParticipant(a, workshop.id)).participant.id;
    const bob = (await newParticipant(a, workshop.id)).participant.id;
    const [closed, open] = [newId(), newId()];
    const multi = { budget: 5, allowMultiplePerNote: true };
    for (let i = 0; i < 3; i++) expect(await a.votes.cast(workshop.id, closed, alice, 'n1', 1, multi)).toBe('ok');
    expect(await b.votes.cast(workshop.id, closed, bob, 'n1', 1, multi)).toBe('ok');
    expect(await b.votes.cast(workshop.id, closed, bob, 'n2', 1, multi)).toBe('ok');
    expect(await b.votes.cast(workshop.id, closed, bob, 'n2', -1, multi)).toBe('ok');
    expect(await a.votes.cast(workshop.id, open, alice, 'n2', 1, multi)).toBe('ok');
    expect(await b.votes.mine(closed, alice)).toEqual({ n1: 3 });
    expect(await b.votes.mine(closed, bob)).toEqual({ n1: 1 });
    expect(await a.votes.tally(closed)).toEqual({ n1: 4 });
    expect(await a.votes.closedTotals(workshop.id, open)).toEqual(new Map([['n1', 4]]));
    expect(await a.votes.closedTotals(workshop.id, null)).toEqual(
      new Map([
        ['n1', 4],
        ['n2', 1],
      ]),
    );
  });

  it('lists the anonymous drafts of one step still waiting for their batch, oldest first', async () => {
    const { a, b } = instances();
    const { workshop } = await newWorkshop(a);
    const alice = (await newParticipant(a, workshop.id)).participant.id;
    const waiting = [draft(workshop.id, alice, true, 3), draft(workshop.id, alice, true, 1)];
    const named = draft(workshop.id, alice, false, 2);
    const otherStep = { ...draft(workshop.id, alice, true, 4), stepId: 'other' };
    for (const row of [...waiting, named, otherStep]) expect(await a.drafts.add(row)).toBe(true);
    expect(await b.drafts.pendingAnonymous(workshop.id, 'step')).toEqual([waiting[1], waiting[0]]);
    await b.drafts.claim(workshop.id, [waiting[1]!.id], 10);
    expect(await a.drafts.pendingAnonymous(workshop.id, 'step')).toEqual([waiting[0]]);
  });

  it('stores drafts privately and lets only one of two racing reveals claim each', async () => {
    const { a, b } = instances();
    const { workshop } = await newWorkshop(a);
    const alice = (await newParticipant(a, workshop.id)).participant.id;
    const bob = (await newParticipant(b, workshop.id)).participant.id;
    const drafts = Array.from({ length: 60 }, (_, i) => draft(workshop.id, i % 2 === 0 ? alice : bob, i % 4 === 1, 100 + i));
    for (const row of drafts) expect(await (row.participantId === alice ? a : b).drafts.add(row)).toBe(true);
    expect(await a.drafts.add({ ...drafts[0]!, text: 'retry' })).toBe(false);
    expect(await b.drafts.pending(workshop.id)).toEqual(drafts);
    expect((await a.drafts.pendingOf(workshop.id, bob)).map((row) => row.id)).toEqual(
      drafts.filter((_, i) => i % 2 === 1).map((row) => row.id),
    );
    expect(await b.drafts.pendingCounts(workshop.id)).toEqual(
      new Map([
        [alice, 30],
        [bob, 30],
      ]),
    );
    expect(await a.drafts.edit(drafts[1]!.id, alice, 'not mine')).toBe(false);
    expect(await a.drafts.edit(drafts[1]!.id, bob, 'edited')).toBe(true);
    drafts[1] = { ...drafts[1]!, text: 'edited' };
    expect(await b.drafts.pendingAuthor(drafts[1]!.id)).toEqual({ workshopId: workshop.id, participantId: bob, kind: 'note' });

    const ids = drafts.map((row) => row.id);
    // Four reveals at once, two per instance, over the same drafts in different orders.
    const orders = [ids, [...ids].reverse(), ids.filter((_, i) => i % 2 === 0), [...ids].sort()];
    const claims = await Promise.all(orders.map((order, i) => (i % 2 === 0 ? a : b).drafts.claim(workshop.id, order, 500 + i)));
    const claimed = claims.flat();
    expect(claimed.map((row) => row.id).sort()).toEqual([...ids].sort());
    // The claimer gets each draft as it was, author included (even an anonymous one's).
    expect(claimed.sort((x, y) => x.createdAt - y.createdAt)).toEqual(drafts);
    for (const claim of claims) expect(claim.map((row) => row.createdAt)).toEqual([...claim.map((row) => row.createdAt)].sort());
    expect(await a.drafts.pending(workshop.id)).toEqual([]);
    expect(await a.drafts.pendingAuthor(drafts[1]!.id)).toBeNull();
    expect(await b.drafts.claim(workshop.id, ids, 502)).toEqual([]);
    expect(await a.drafts.edit(drafts[0]!.id, alice, 'after reveal')).toBe(false);
    expect(await a.drafts.delete(drafts[0]!.id, alice)).toBe(false);
    expect(await a.drafts.add(drafts[0]!)).toBe(false); // a retried add after the reveal stays a no-op
  });

  it('gives each draft to one claimer over rounds of four racing reveals', async () => {
    const { a, b } = instances();
    const { workshop } = await newWorkshop(a);
    const alice = (await newParticipant(a, workshop.id)).participant.id;
    for (let round = 0; round < 4; round++) {
      const drafts = Array.from({ length: 150 }, (_, i) => draft(workshop.id, alice, i % 3 === 0, round * 1000 + i));
      await Promise.all(drafts.map((row) => b.drafts.add(row)));
      const ids = drafts.map((row) => row.id);
      const orders = [[...ids].reverse(), ids, [...ids].sort(), [...ids].sort().reverse()];
      const claims = await Promise.all(orders.map((order, i) => (i % 2 === 0 ? a : b).drafts.claim(workshop.id, order, round)));
      expect(
        claims
          .flat()
          .map((row) => row.id)
          .sort(),
      ).toEqual([...ids].sort());
    }
    expect(await a.drafts.pendingCounts(workshop.id)).toEqual(new Map());
  });

  it('claims only drafts of the workshop asked for, and deletes only the author’s pending draft', async () => {
    const { a, b } = instances();
    const one = await newWorkshop(a);
    const two = await newWorkshop(b);
    const alice = (await newParticipant(a, one.workshop.id)).participant.id;
    const carol = (await newParticipant(b, two.workshop.id)).participant.id;
    const mine = draft(one.workshop.id, alice, false, 1);
    const theirs = draft(two.workshop.id, carol, false, 2);
    await a.drafts.add(mine);
    await b.drafts.add(theirs);
    expect(await a.drafts.claim(one.workshop.id, [mine.id, theirs.id], 3)).toEqual([mine]);
    expect(await b.drafts.pending(two.workshop.id)).toEqual([theirs]);
    expect(await b.drafts.delete(theirs.id, alice)).toBe(false);
    expect(await b.drafts.delete(theirs.id, carol)).toBe(true);
    expect(await b.drafts.pendingCounts(two.workshop.id)).toEqual(new Map());
  });
}
