import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '../../lib/ids';
import type { Storage } from '../../server/storage/ports';
import { contentOf, edit, newParticipant, newWorkshop } from './fixtures';

/** The same rules at a real room's volume: 60 people, 1,000 updates, 200 drafts. */
export function volumeContract(instances: () => { a: Storage; b: Storage }): void {
  it('keeps 60 participants’ budgets while all of them vote at once through two instances', async () => {
    const { a, b } = instances();
    const { workshop } = await newWorkshop(a);
    const people = await Promise.all(Array.from({ length: 60 }, () => newParticipant(b, workshop.id)));
    const roundId = newId();
    const notes = Array.from({ length: 8 }, () => newId());
    const rules = { budget: 3, allowMultiplePerNote: false };
    // Each person taps five notes (two of them twice) as fast as the phones send.
    const casts = people.flatMap(({ participant }, p) =>
      [0, 1, 2, 3, 4, 0, 1].map((n, i) =>
        (i % 2 === 0 ? a : b).votes.cast(workshop.id, roundId, participant.id, notes[(p + n) % notes.length]!, 1, rules),
      ),
    );
    const outcomes = await Promise.all(casts);
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(60 * 3);
    for (const { participant } of people) {
      const mine = await a.votes.mine(roundId, participant.id);
      expect(Object.values(mine)).toEqual([1, 1, 1]);
    }
    const tally = await b.votes.tally(roundId);
    expect(Object.values(tally).reduce((sum, n) => sum + n, 0)).toBe(180);
  });

  it('logs 1,000 updates of three workshops appended in batches by two instances, gapless, and compacts them', async () => {
    const { a, b } = instances();
    const rooms = await Promise.all([0, 1, 2].map(() => newWorkshop(a, new Y.Doc())));
    // 50 group commits of 20 updates (as one event-loop turn of a busy instance), 25 per instance.
    const batches = Array.from({ length: 50 }, (_, batch) =>
      Array.from({ length: 20 }, (_, i) => {
        const room = rooms[(batch + i) % 3]!;
        return { workshopId: room.workshop.id, update: edit(room.doc, `n${batch}-${i}`, 'x'.repeat(40)) };
      }),
    );
    await Promise.all(batches.map((entries, i) => (i % 2 === 0 ? a : b).docs.append(entries)));
    let total = 0;
    for (const room of rooms) {
      const loaded = await b.docs.load(room.workshop.id);
      total += loaded.updates.length - 1;
      expect(loaded.updates.map((u) => u.seq)).toEqual(Array.from({ length: loaded.updates.length }, (_, i) => i + 1));
      // Applied in seq order from a fresh doc, the log gives the room's content (Yjs merges any order).
      expect(contentOf(null, loaded.updates)).toEqual(room.doc.getMap('m').toJSON());
      expect(await a.docs.compact(room.workshop.id, Y.encodeStateAsUpdate(room.doc), loaded.lastSeq)).toBe(true);
      expect(await a.docs.updateCount(room.workshop.id)).toBe(0);
    }
    expect(total).toBe(1_000);
  });

  it('reveals 200 drafts of 60 authors once, whichever instance asks', async () => {
    const { a, b } = instances();
    const { workshop } = await newWorkshop(a);
    const authors = await Promise.all(Array.from({ length: 60 }, () => newParticipant(a, workshop.id)));
    const drafts = Array.from({ length: 200 }, (_, i) => ({
      id: newId(),
      workshopId: workshop.id,
      participantId: authors[i % 60]!.participant.id,
      stepId: 'step',
      kind: i % 7 === 0 ? ('journeyNote' as const) : ('note' as const),
      personaId: 'persona',
      quadrant: 'thinks',
      journeyStepId: i % 7 === 0 ? 'journey-step' : null,
      text: `idea ${i}`,
      color: 'blue',
      isAnonymous: i % 5 === 0,
      createdAt: 1_000 + i,
    }));
    await Promise.all(drafts.map((draft, i) => (i % 2 === 0 ? a : b).drafts.add(draft)));
    expect([...(await b.drafts.pendingCounts(workshop.id)).values()].reduce((sum, n) => sum + n, 0)).toBe(200);
    const ids = drafts.map((draft) => draft.id);
    const [first, second] = await Promise.all([a.drafts.claim(workshop.id, ids, 5), b.drafts.claim(workshop.id, ids, 6)]);
    expect([...first!, ...second!].sort((x, y) => x.createdAt - y.createdAt)).toEqual(drafts);
    expect(await a.drafts.pending(workshop.id)).toEqual([]);
  });
}
