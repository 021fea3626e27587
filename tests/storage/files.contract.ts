import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { newId } from '../../lib/ids';
import type { Storage } from '../../server/storage/ports';
import { newWorkshop } from './fixtures';

/** Pictures, snapshots and the bytes a workshop holds (what quotas read). */
export function filesContract(instances: () => { a: Storage; b: Storage }): void {
  it('round-trips pictures byte for byte, copies them to another workshop and counts their bytes', async () => {
    const { a, b } = instances();
    const { workshop } = await newWorkshop(a);
    const copy = await newWorkshop(b);
    const before = await a.usage.workshopBytes(workshop.id);
    const [small, large] = [randomBytes(1_000), randomBytes(300_000)];
    await a.pictures.add(workshop.id, 'p1', { bytes: small, contentType: 'image/webp' }, 1);
    await b.pictures.add(workshop.id, 'p2', { bytes: large, contentType: 'image/jpeg' }, 2);
    await expect(a.pictures.add(workshop.id, 'p1', { bytes: small, contentType: 'image/webp' }, 3)).rejects.toThrow();
    const got = await b.pictures.get(workshop.id, 'p2');
    expect(got?.contentType).toBe('image/jpeg');
    expect(Buffer.from(got!.bytes).equals(large)).toBe(true);
    expect(await a.pictures.get(copy.workshop.id, 'p2')).toBeNull();
    expect(await a.pictures.count(workshop.id)).toBe(2);
    expect(await a.pictures.bytesOf(workshop.id, ['p1', 'p2', 'unknown'])).toBe(301_000);
    expect(await a.usage.workshopBytes(workshop.id)).toBe(before + 301_000);

    await b.pictures.copy(workshop.id, copy.workshop.id, ['p2', 'unknown'], 4);
    await b.pictures.copy(workshop.id, copy.workshop.id, ['p2'], 5); // again: a no-op
    expect(await a.pictures.count(copy.workshop.id)).toBe(1);
    expect(Buffer.from((await a.pictures.get(copy.workshop.id, 'p2'))!.bytes).equals(large)).toBe(true);
    expect(await a.pictures.bytesOf(copy.workshop.id, ['p1', 'p2'])).toBe(300_000);
  });

  it('keeps snapshots frozen, lists them in order, deletes them, and counts them in the workshop’s bytes', async () => {
    const { a, b } = instances();
    const { workshop } = await newWorkshop(a);
    const other = await newWorkshop(a);
    const before = await b.usage.workshopBytes(workshop.id);
    const [first, second] = [randomBytes(5_000), randomBytes(70_000)];
    const one = { id: newId(), name: 'Before lunch', createdAt: 200 };
    const two = { id: newId(), name: 'Ende', createdAt: 100 };
    await a.snapshots.add(workshop.id, one, first);
    await b.snapshots.add(workshop.id, two, second);
    expect(await a.snapshots.list(workshop.id)).toEqual([two, one]);
    expect(await a.snapshots.count(workshop.id)).toBe(2);
    const got = await b.snapshots.get(workshop.id, one.id);
    expect(got).toMatchObject(one);
    expect(Buffer.from(got!.state).equals(first)).toBe(true);
    expect(await b.snapshots.get(other.workshop.id, one.id)).toBeNull();
    expect(await b.usage.workshopBytes(workshop.id)).toBe(before + 75_000);
    expect(await b.snapshots.delete(other.workshop.id, one.id)).toBe(false);
    expect(await b.snapshots.delete(workshop.id, one.id)).toBe(true);
    expect(await a.snapshots.delete(workshop.id, one.id)).toBe(false);
    expect(await a.snapshots.list(workshop.id)).toEqual([two]);
    expect(await a.usage.workshopBytes(workshop.id)).toBe(before + 70_000);
  });

  it('counts the document log and state in a workshop’s bytes, and the whole database in the total', async () => {
    const { a, b } = instances();
    const { workshop, initial } = await newWorkshop(a);
    expect(await a.usage.workshopBytes(workshop.id)).toBe(initial.byteLength);
    await b.docs.append([{ workshopId: workshop.id, update: randomBytes(40_000) }]);
    expect(await a.usage.workshopBytes(workshop.id)).toBe(initial.byteLength + 40_000);
    await a.docs.compact(workshop.id, randomBytes(10_000), 2);
    expect(await b.usage.workshopBytes(workshop.id)).toBe(10_000);
    const total = await a.usage.totalBytes();
    await a.snapshots.add(workshop.id, { id: newId(), name: 'big', createdAt: 1 }, randomBytes(2_000_000));
    expect(await b.usage.totalBytes()).toBeGreaterThan(total + 1_000_000);
  });
}
