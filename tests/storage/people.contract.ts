import { expect, it } from 'vitest';
import { generateRoomCode } from '../../lib/roomCode';
import { hashSecret, newSecret } from '../../server/secrets';
import type { Storage } from '../../server/storage/ports';
import { newParticipant, newWorkshop } from './fixtures';

/** Workshops and room codes, participants and tokens, Yjs client-id bindings. */
export function peopleContract(instances: () => { a: Storage; b: Storage }): void {
  it('finds a workshop by id and code, and rotates its code once when two instances race', async () => {
    const { a, b } = instances();
    const { workshop } = await newWorkshop(a);
    expect(await b.workshops.byId(workshop.id)).toMatchObject({ id: workshop.id, code: workshop.code, title: 'Contract' });
    expect((await b.workshops.byCode(workshop.code))!.keyHash.equals(workshop.keyHash)).toBe(true);
    const [first, second] = [generateRoomCode(), generateRoomCode()];
    const results = await Promise.all([
      a.workshops.rotateCode(workshop.id, workshop.code, first, 1),
      b.workshops.rotateCode(workshop.id, workshop.code, second, 1),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const current = results[0] ? first : second;
    expect((await a.workshops.byCode(current))?.id).toBe(workshop.id);
    expect(await a.workshops.byCode(workshop.code)).toBeNull();
    expect((await a.workshops.byRetiredCode(workshop.code))?.id).toBe(workshop.id);
    expect(await a.workshops.byCode(results[0] ? second : first)).toBeNull();
    // A retired code is never handed out again, nor a code another workshop holds.
    expect(await a.workshops.rotateCode(workshop.id, current, workshop.code, 2)).toBe(false);
    const other = await newWorkshop(b);
    expect(await a.workshops.rotateCode(workshop.id, current, other.workshop.code, 2)).toBe(false);
    expect((await b.workshops.byCode(current))?.id).toBe(workshop.id);
  });

  it('knows participants by token, counts them, and revokes every token of a removed one', async () => {
    const { a, b } = instances();
    const { workshop, facilitator } = await newWorkshop(a);
    const alice = await newParticipant(a, workshop.id, 10);
    const bob = await newParticipant(b, workshop.id, 20);
    const secondToken = hashSecret(newSecret());
    await a.participants.addToken(alice.participant.id, secondToken, 30);
    expect((await b.participants.byTokenHash(alice.tokenHash))?.id).toBe(alice.participant.id);
    expect((await b.participants.byTokenHash(secondToken))?.id).toBe(alice.participant.id);
    expect(await a.participants.byTokenHash(hashSecret(newSecret()))).toBeNull();
    expect(await a.participants.count(workshop.id)).toBe(2);
    expect((await a.participants.list(workshop.id)).map((p) => p.id).sort()).toEqual(
      [facilitator.id, alice.participant.id, bob.participant.id].sort(),
    );
    expect((await b.participants.facilitatorOf(workshop.id))?.id).toBe(facilitator.id);

    expect(await b.participants.remove(alice.participant.id, 40)).toBe(true);
    expect(await a.participants.remove(alice.participant.id, 41)).toBe(false);
    expect(await a.participants.byTokenHash(alice.tokenHash)).toBeNull();
    expect(await a.participants.byTokenHash(secondToken)).toBeNull();
    expect(await a.participants.isActive(alice.participant.id, workshop.id)).toBe(false);
    expect(await a.participants.count(workshop.id)).toBe(1);
    // Bob keeps his seat, and a removed participant is not active in another workshop either.
    expect((await a.participants.byTokenHash(bob.tokenHash))?.id).toBe(bob.participant.id);
    expect(await a.participants.isActive(bob.participant.id, workshop.id)).toBe(true);
    expect(await a.participants.isActive(bob.participant.id, (await newWorkshop(a)).workshop.id)).toBe(false);
  });

  it('binds each Yjs client id to its first writer, also when two instances race', async () => {
    const { a, b } = instances();
    const { workshop, doc } = await newWorkshop(a);
    const alice = await newParticipant(a, workshop.id);
    const bob = await newParticipant(b, workshop.id);
    expect(await a.clientIds.bindingsOf(workshop.id)).toEqual([{ clientId: doc.clientID, participantId: null }]);
    // Twenty binders at once, each bringing its own id and the same 200 shared ones (shuffled).
    const shared = Array.from({ length: 200 }, (_, i) => 5000 + i);
    const rounds = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const [store, who] = i % 2 === 0 ? [a, alice] : [b, bob];
        const ids = [1000 + i, ...shared].sort(() => Math.random() - 0.5);
        return store.clientIds.bind(workshop.id, ids, who.participant.id, i);
      }),
    );
    const owners = (id: number) => new Set(rounds.map((round) => round.find((binding) => binding.clientId === id)?.participantId));
    // Every caller sees, for every id, the one owner the store kept.
    const stored = new Map((await b.clientIds.bindingsOf(workshop.id)).map((binding) => [binding.clientId, binding.participantId]));
    for (const id of shared) expect([...owners(id)]).toEqual([stored.get(id)]);
    for (let i = 0; i < 20; i++) expect(stored.get(1000 + i)).toBe((i % 2 === 0 ? alice : bob).participant.id);
    expect(stored.size).toBe(1 + 20 + 200);
    // The server's id cannot be taken over, and the same ids in another workshop are free.
    expect(await b.clientIds.bind(workshop.id, [doc.clientID], bob.participant.id, 99)).toEqual([
      { clientId: doc.clientID, participantId: null },
    ]);
    const other = await newWorkshop(b);
    const carol = await newParticipant(b, other.workshop.id);
    expect(await a.clientIds.bind(other.workshop.id, [5000], carol.participant.id, 1)).toEqual([
      { clientId: 5000, participantId: carol.participant.id },
    ]);
    // Client ids are uint32: the largest one round-trips.
    expect(await a.clientIds.bind(other.workshop.id, [2 ** 32 - 1], null, 1)).toEqual([{ clientId: 2 ** 32 - 1, participantId: null }]);
  });
}
