import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestCluster } from '../helpers/cluster';
import { Typist } from '../helpers/typist';
import { createWorkshop } from '../helpers/typingRoom';
import { seededRng } from '../helpers/prng';

/**
 * `deploy/haproxy.cfg` as deployed (workshop affinity, not the round robin the other cluster
 * tests ask for): real HAProxy in front of three built instances on PostgreSQL and Redis. Each
 * workshop's board sockets land on one instance (a consistent hash of /yjs/<CODE>), and when that
 * instance dies they all move to one survivor and the workshop goes on there.
 */

const PEOPLE = 5;
const eventually = <T>(check: () => T | Promise<T>, timeout = 30_000) => vi.waitFor(check, { timeout, interval: 100 });

let cluster: TestCluster;
const typists: Typist[] = [];

beforeAll(async () => {
  cluster = await TestCluster.start({ instances: 3, storage: 'postgres', balance: 'affinity' });
}, 180_000);

afterAll(async () => {
  for (const typist of typists) typist.close();
  await cluster?.close();
}, 60_000);

async function joinMany(code: string, count: number): Promise<Typist[]> {
  const joined: Typist[] = [];
  for (let i = 0; i < count; i += 1) joined.push(await Typist.join(cluster.url, code, `P${i + 1}`));
  typists.push(...joined);
  return joined;
}

/** Every client has every note someone created. */
async function expectAllNotesEverywhere(room: Typist[]): Promise<void> {
  const created = new Set(room.flatMap((typist) => [...typist.created]));
  for (const typist of room) await eventually(() => expect([...created].every((id) => typist.noteIds().has(id))).toBe(true));
}

describe('workshop affinity (deploy/haproxy.cfg as deployed)', () => {
  it('keeps each of several workshops on one instance, whichever that is', async () => {
    for (let i = 0; i < 4; i += 1) {
      const before = await cluster.connections('yjs');
      await joinMany((await createWorkshop(cluster.url, `W${i}`)).code, 2);
      const added = (await cluster.connections('yjs')).map((n, j) => n - before[j]!);
      expect(added.sort()).toEqual([0, 0, 2]);
    }
    // The next test counts only its own workshop's sockets.
    for (const typist of typists.splice(0)) typist.close();
    await eventually(async () => expect(await cluster.connections('yjs')).toEqual([0, 0, 0]));
  }, 120_000);

  it("puts one workshop's board sockets on one instance, and moves them all to one survivor when it dies", async () => {
    const workshop = await createWorkshop(cluster.url, 'Affinity');
    const room = await joinMany(workshop.code, PEOPLE);
    const boards = await cluster.connections('yjs');
    expect([...boards].sort()).toEqual([0, 0, PEOPLE]);
    const owner = cluster.apps[boards.indexOf(PEOPLE)]!;

    const random = seededRng(12).next;
    for (const typist of room) typist.type(`before ${typist.seat.name}`, random);
    await expectAllNotesEverywhere(room);

    expect(await owner.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    for (const typist of room) await typist.whenLive(30_000);
    // All on one of the two left (the ring's next instance for this code), none on the dead one.
    await eventually(async () => expect([...(await cluster.connections('yjs'))].sort()).toEqual([0, 0, PEOPLE]));
    const survivors = await cluster.connections('yjs');
    expect(cluster.apps[survivors.indexOf(PEOPLE)]).not.toBe(owner);

    for (const typist of room) typist.type(`after ${typist.seat.name}`, random);
    await expectAllNotesEverywhere(room);
    await owner.start();
  }, 120_000);
});
