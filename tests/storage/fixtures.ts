import * as Y from 'yjs';
import { newId } from '../../lib/ids';
import { generateRoomCode } from '../../lib/roomCode';
import { hashSecret, newSecret } from '../../server/secrets';
import type { ParticipantRow, Storage, WorkshopRow } from '../../server/storage/ports';

/** Two "instances" on one database: two connections (SQLite) or two pools (PostgreSQL). */
export interface StorageEngine {
  name: string;
  open(): Promise<{ a: Storage; b: Storage; close(): Promise<void> }>;
}

/** A Yjs update that sets `key` in the map `m` of `doc` (so states can be compared later). */
export function edit(doc: Y.Doc, key: string, value: string): Uint8Array {
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array) => (update = u);
  doc.once('update', capture);
  doc.getMap('m').set(key, value);
  return update!;
}

/** A fresh workshop with its facilitator; its first update is a real Yjs update of `doc`. */
export async function newWorkshop(storage: Storage, doc = new Y.Doc(), now = Date.now()) {
  const workshop: WorkshopRow = {
    id: newId(),
    code: generateRoomCode(),
    title: 'Contract',
    keyHash: hashSecret(newSecret()),
    createdAt: now,
  };
  const facilitator: ParticipantRow = { id: newId(), workshopId: workshop.id, name: 'Facilitator', role: 'facilitator', createdAt: now };
  const initial = edit(doc, 'title', workshop.title);
  await storage.workshops.create(workshop, facilitator, initial, [doc.clientID]);
  return { workshop, facilitator, doc, initial };
}

/** A participant who joined `workshopId`, with the token they hold. */
export async function newParticipant(storage: Storage, workshopId: string, now = Date.now()) {
  const participant: ParticipantRow = { id: newId(), workshopId, name: `P ${newId().slice(0, 4)}`, role: 'participant', createdAt: now };
  const token = newSecret();
  await storage.participants.add(participant, hashSecret(token));
  return { participant, token, tokenHash: hashSecret(token) };
}

/** The map `m` of a doc rebuilt from a loaded state and updates. */
export function contentOf(state: Uint8Array | null, updates: readonly { data: Uint8Array }[]): Record<string, unknown> {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  for (const update of updates) Y.applyUpdate(doc, update.data);
  return doc.getMap('m').toJSON();
}
