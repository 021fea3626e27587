import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '../../lib/ids';
import type { Storage } from '../../server/storage/ports';
import { contentOf, edit, newWorkshop } from './fixtures';

/** The document log: gapless per-workshop seq, consistent loads, compaction fenced by seq. */
export function docLogContract(instances: () => { a: Storage; b: Storage }): void {
  it('numbers a new workshop’s first update 1 and loads it back', async () => {
    const { a } = instances();
    const { workshop, initial } = await newWorkshop(a);
    const loaded = await a.docs.load(workshop.id);
    expect(loaded).toMatchObject({ state: null, stateSeq: 0, lastSeq: 1 });
    expect(loaded.updates.map((u) => [u.seq, Buffer.from(u.data).equals(Buffer.from(initial))])).toEqual([[1, true]]);
    expect(await a.docs.lastSeq(workshop.id)).toBe(1);
  });

  it('hands out a gapless seq under concurrent appends from two instances, and a reader never sees a gap', async () => {
    const { a, b } = instances();
    const { workshop } = await newWorkshop(a);
    const other = await newWorkshop(b);
    const sent = new Map<number, string>();
    let isDone = false;
    let seen = 1;
    const gaps: string[] = [];
    // A reader polls `seq > seen` the whole time: each batch it gets must start right after it.
    const reader = (async () => {
      while (!isDone) {
        const batch = (await b.docs.since(workshop.id, seen))!;
        batch.forEach((update, index) => {
          if (update.seq !== seen + 1 + index) gaps.push(`after ${seen}: got ${update.seq}`);
        });
        seen = batch.at(-1)?.seq ?? seen;
      }
    })();
    const writers = Array.from({ length: 60 }, async (_, i) => {
      const store = i % 2 === 0 ? a : b;
      const payload = `u${i}`;
      // Every third append is a batch that also writes another workshop, in both orders.
      const entries = [{ workshopId: workshop.id, update: Buffer.from(payload) }];
      if (i % 3 === 0) entries[i % 2 === 0 ? 'push' : 'unshift']({ workshopId: other.workshop.id, update: Buffer.from(`o${i}`) });
      const seqs = await store.docs.append(entries);
      sent.set(seqs[entries.findIndex((e) => e.workshopId === workshop.id)]!, payload);
    });
    await Promise.all(writers);
    isDone = true;
    await reader;
    expect(gaps).toEqual([]);
    expect([...sent.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 2));
    const log = (await a.docs.since(workshop.id, 1))!;
    expect(log.map((u) => [u.seq, Buffer.from(u.data).toString()])).toEqual([...sent.entries()].sort(([x], [y]) => x - y));
    expect(await a.docs.lastSeq(other.workshop.id)).toBe(1 + 20);
    expect((await b.docs.since(other.workshop.id, 0))!.map((u) => u.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
  });

  it('returns the seqs of a batch in the order given', async () => {
    const { a } = instances();
    const one = await newWorkshop(a);
    const two = await newWorkshop(a);
    const seqs = await a.docs.append([
      { workshopId: two.workshop.id, update: Buffer.from('x') },
      { workshopId: one.workshop.id, update: Buffer.from('y') },
      { workshopId: two.workshop.id, update: Buffer.from('z') },
    ]);
    expect(seqs).toEqual([2, 2, 3]);
    expect((await a.docs.since(two.workshop.id, 1))!.map((u) => Buffer.from(u.data).toString())).toEqual(['x', 'z']);
  });

  it('numbers a batch of one workshop in the order given, and refuses one for an unknown workshop', async () => {
    const { a, b } = instances();
    const { workshop } = await newWorkshop(a);
    expect(await a.docs.append(['p', 'q', 'r'].map((text) => ({ workshopId: workshop.id, update: Buffer.from(text) })))).toEqual([2, 3, 4]);
    expect(await b.docs.append([{ workshopId: workshop.id, update: Buffer.from('s') }])).toEqual([5]);
    expect((await b.docs.since(workshop.id, 1))!.map((u) => [u.seq, Buffer.from(u.data).toString()])).toEqual([
      [2, 'p'],
      [3, 'q'],
      [4, 'r'],
      [5, 's'],
    ]);
    const unknown = newId();
    await expect(a.docs.append([{ workshopId: unknown, update: Buffer.from('nowhere') }])).rejects.toThrow();
    await expect(a.docs.append([1, 2].map(() => ({ workshopId: unknown, update: Buffer.from('nowhere') })))).rejects.toThrow();
    expect(await a.docs.lastSeq(workshop.id)).toBe(5);
  });

  it('refuses an append to an unknown workshop and writes nothing of its batch', async () => {
    const { a } = instances();
    const { workshop } = await newWorkshop(a);
    await expect(
      a.docs.append([
        { workshopId: workshop.id, update: Buffer.from('kept?') },
        { workshopId: newId(), update: Buffer.from('nowhere') },
      ]),
    ).rejects.toThrow();
    expect(await a.docs.lastSeq(workshop.id)).toBe(1);
    expect(await a.docs.updateCount(workshop.id)).toBe(1);
  });

  it('compacts up to a seq, keeps what came after, and refuses a stale compaction', async () => {
    const { a, b } = instances();
    const doc = new Y.Doc();
    const { workshop } = await newWorkshop(a, doc);
    for (let i = 0; i < 9; i++) await a.docs.append([{ workshopId: workshop.id, update: edit(doc, `k${i}`, `v${i}`) }]);
    const full = doc.getMap('m').toJSON();
    // A stale replica (paused instance) that applied only up to seq 5.
    const stale = new Y.Doc();
    for (const update of (await a.docs.since(workshop.id, 0))!.slice(0, 5)) Y.applyUpdate(stale, update.data);
    const staleState = Y.encodeStateAsUpdate(stale);

    expect(await a.docs.compact(workshop.id, Y.encodeStateAsUpdate(doc), 8)).toBe(true);
    expect(await b.docs.compact(workshop.id, staleState, 5)).toBe(false);
    expect(await b.docs.compact(workshop.id, staleState, 8)).toBe(false); // equal is not newer
    expect(await b.docs.compact(workshop.id, staleState, 11)).toBe(false); // never handed out

    const loaded = await b.docs.load(workshop.id);
    expect(loaded.stateSeq).toBe(8);
    expect(loaded.updates.map((u) => u.seq)).toEqual([9, 10]);
    expect(loaded.lastSeq).toBe(10);
    expect(contentOf(loaded.state, loaded.updates)).toEqual(full);
    expect(await a.docs.updateCount(workshop.id)).toBe(2);
    expect(await a.docs.since(workshop.id, 7)).toBeNull(); // compacted away: reload
    expect((await a.docs.since(workshop.id, 8))!.map((u) => u.seq)).toEqual([9, 10]);
    // Appends continue after the compaction, never reusing a seq.
    expect(await a.docs.append([{ workshopId: workshop.id, update: edit(doc, 'after', 'x') }])).toEqual([11]);
  });

  it('keeps the newest state whatever the order of racing compactions from two instances', async () => {
    const { a, b } = instances();
    const doc = new Y.Doc();
    const { workshop } = await newWorkshop(a, doc);
    const states: Uint8Array[] = [];
    for (let i = 0; i < 6; i++) {
      await a.docs.append([{ workshopId: workshop.id, update: edit(doc, `k${i}`, `v${i}`) }]);
      states.push(Y.encodeStateAsUpdate(doc)); // states[i] covers seq i + 2
    }
    const results = await Promise.all([
      b.docs.compact(workshop.id, states[1]!, 3),
      a.docs.compact(workshop.id, states[5]!, 7),
      b.docs.compact(workshop.id, states[3]!, 5),
    ]);
    expect(results[1]).toBe(true);
    const loaded = await a.docs.load(workshop.id);
    expect(loaded.stateSeq).toBe(7);
    expect(loaded.updates).toEqual([]);
    expect(Buffer.from(loaded.state!).equals(Buffer.from(states[5]!))).toBe(true);
    expect(contentOf(loaded.state, [])).toEqual(doc.getMap('m').toJSON());
  });
}
