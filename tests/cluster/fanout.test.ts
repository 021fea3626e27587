import { Redis } from 'ioredis';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { CreateWorkshopReply, SessionReply } from '../../lib/api';
import { addNote, readNotes, readPersonas } from '../../lib/board';
import { BOARD_NOTICE_MESSAGE } from '../../lib/boardNotices';
import { encodeRoomMessage, roomChannel } from '../../server/cluster/roomMessages';
import { createLogger } from '../../server/log';
import { openStorage } from '../../server/storage/openStorage';
import type { Storage } from '../../server/storage/ports';
import type { AppProcess } from '../helpers/AppProcess';
import { TestCluster } from '../helpers/cluster';

/**
 * Live board updates and presence across instances through Redis (#12, DESIGN-12): three built
 * instances on one PostgreSQL and one Redis, each client pinned to a given instance. The periodic
 * catch-up from PostgreSQL is set to 10 minutes (`CATCH_UP_INTERVAL_MS`), so whatever crosses
 * instances within these tests crossed on Redis, or was read from PostgreSQL because a gap was
 * seen, not by the safety-net poll.
 */

const SLOW_POLL_MS = 600_000;
const eventually = <T>(check: () => T | Promise<T>, timeout = 15_000) => vi.waitFor(check, { timeout, interval: 50 });

let cluster: TestCluster;
let storage: Storage;
let redis: Redis;
const providers: WebsocketProvider[] = [];

beforeAll(async () => {
  cluster = await TestCluster.start({ instances: 3, storage: 'postgres', env: { CATCH_UP_INTERVAL_MS: String(SLOW_POLL_MS) } });
  storage = await openStorage({ dataDir: '/nonexistent', databaseUrl: cluster.databaseUrl }, createLogger('silent'));
  redis = new Redis(cluster.redis.url);
}, 180_000);

afterAll(async () => {
  for (const provider of providers) provider.destroy();
  redis?.disconnect();
  await storage?.close();
  await cluster?.close();
}, 60_000);

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function workshop(names: string[]) {
  const created = (await (await post(`${cluster.url}/api/workshops`, { title: 'Fan-out' })).json()) as CreateWorkshopReply;
  const people: SessionReply[] = [];
  for (const name of names)
    people.push((await (await post(`${cluster.url}/api/workshops/${created.code}/participants`, { name })).json()) as SessionReply);
  const workshopId = (await storage.workshops.byCode(created.code))!.id;
  return { code: created.code, workshopId, people };
}

/** A real y-websocket client (as the browser's) on the given instance. */
async function connect(app: AppProcess, code: string, token: string): Promise<WebsocketProvider> {
  const provider = new WebsocketProvider(`${app.url.replace('http', 'ws')}/yjs`, code, new Y.Doc(), {
    params: { token },
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
  });
  provider.messageHandlers[BOARD_NOTICE_MESSAGE] = () => undefined; // the server's notices (size, unlock): not looked at here
  providers.push(provider);
  if (!provider.synced) await new Promise<void>((resolve) => provider.once('sync', (isSynced: boolean) => isSynced && resolve()));
  return provider;
}

function write(provider: WebsocketProvider, person: SessionReply, text: string): void {
  const personaId = readPersonas(provider.doc)[0]!.id;
  const added = addNote(provider.doc, { personaId, quadrant: 'gains', text, authorId: person.participantId, authorName: person.name });
  expect(added.ok).toBe(true);
}

const texts = (provider: WebsocketProvider) =>
  readNotes(provider.doc)
    .map((note) => note.text)
    .sort();

/** One counter of an instance's /metrics (loopback may scrape), summed over the label sets that match. */
async function metric(app: AppProcess, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`persona_workshop_${name}`) && line.includes(labels))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

/** What PostgreSQL holds for the workshop, as one doc. */
async function storedTexts(workshopId: string): Promise<string[]> {
  const stored = await storage.docs.load(workshopId);
  const doc = new Y.Doc();
  if (stored.state) Y.applyUpdate(doc, stored.state);
  for (const update of stored.updates) Y.applyUpdate(doc, update.data);
  return readNotes(doc)
    .map((note) => note.text)
    .sort();
}

describe('board updates across instances through Redis', () => {
  it('a room of 12 spread over three instances: every note reaches every client, and all match what is stored', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `P${i + 1}`);
    const { code, workshopId, people } = await workshop(names);
    const clients = await Promise.all(people.map((person, i) => connect(cluster.apps[i % 3]!, code, person.token)));
    const receivedBefore = await metric(cluster.apps[1]!, 'cross_instance_room_messages_total', 'direction="received",kind="update"');
    const expected: string[] = [];
    for (let round = 0; round < 8; round += 1) {
      clients.forEach((client, i) => {
        const text = `${people[i]!.name} note ${round}`;
        expected.push(text);
        write(client, people[i]!, text);
      });
    }
    expected.sort();
    for (const client of clients) await eventually(() => expect(texts(client)).toEqual(expected), 30_000);
    expect(await storedTexts(workshopId)).toEqual(expected);
    // They came on Redis: the instance received update messages, and never had to read a gap.
    expect(await metric(cluster.apps[1]!, 'cross_instance_room_messages_total', 'direction="received",kind="update"')).toBeGreaterThan(
      receivedBefore,
    );
  });

  it('presence crosses instances: seen at once by a client elsewhere (also one joining later), gone when its client leaves', async () => {
    const { code, people } = await workshop(['Ada', 'Ben', 'Cy']);
    const [a, b, c] = cluster.apps;
    const ada = await connect(a!, code, people[0]!.token);
    const ben = await connect(b!, code, people[1]!.token);
    ada.awareness.setLocalStateField('user', { name: 'Ada', typing: 'gains' });
    const adaId = ada.awareness.clientID;
    await eventually(() => expect(ben.awareness.getStates().get(adaId)).toMatchObject({ user: { name: 'Ada', typing: 'gains' } }));
    // The third instance opens the room now: it asks the others for their clients' presence
    // instead of waiting for Ada's next renewal (every 15 s).
    const cy = await connect(c!, code, people[2]!.token);
    await eventually(() => expect(cy.awareness.getStates().get(adaId)).toMatchObject({ user: { name: 'Ada' } }), 10_000);
    ben.awareness.setLocalStateField('user', { name: 'Ben' });
    await eventually(() => expect(ada.awareness.getStates().get(ben.awareness.clientID)).toMatchObject({ user: { name: 'Ben' } }));
    ada.destroy();
    await eventually(() => expect(ben.awareness.getStates().has(adaId)).toBe(false), 10_000);
    await eventually(() => expect(cy.awareness.getStates().has(adaId)).toBe(false), 10_000);
  });

  it('hand-built and malformed messages on a room channel are counted and ignored: no crash, no corruption', async () => {
    const { code, workshopId, people } = await workshop(['Writer', 'Reader']);
    const [a, b] = cluster.apps;
    const writer = await connect(a!, code, people[0]!.token);
    const reader = await connect(b!, code, people[1]!.token);
    write(writer, people[0]!, 'before');
    await eventually(() => expect(texts(reader)).toEqual(['before']));
    const malformedBefore = await metric(b!, 'cross_instance_malformed_total');
    const lastSeq = await storage.docs.lastSeq(workshopId);
    const channel = roomChannel(workshopId);
    const header = { from: 'attacker', workshopId };
    const hostile: Uint8Array[] = [
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]), // varint overflow
      Buffer.from('{"kind":"update"}'), // JSON, not our format
      encodeRoomMessage({
        kind: 'update',
        ...header,
        first: lastSeq + 1,
        last: lastSeq + 1,
        update: new Uint8Array([1, 2, 3, 4, 5]),
      }).slice(0, 12), // truncated
      encodeRoomMessage({ kind: 'update', ...header, first: lastSeq + 1, last: lastSeq + 1, update: new Uint8Array([9, 200, 3, 7, 1, 1]) }), // not a Yjs update
      encodeRoomMessage({ kind: 'update', ...header, workshopId: 'another-workshop', first: 1, last: 1, update: new Uint8Array([0, 0]) }),
      encodeRoomMessage({ kind: 'update', ...header, first: 5, last: 2, update: new Uint8Array([0, 0]) }), // range backwards
      encodeRoomMessage({ kind: 'stored', ...header, first: lastSeq + 1_000_000, last: lastSeq + 1_000_000 }), // seqs never stored
      encodeRoomMessage({ kind: 'awareness', ...header, update: new Uint8Array([3, 1, 1]) }), // presence cut short
      hugeClaim(),
    ];
    for (const message of hostile) await redis.publish(channel, Buffer.from(message));
    // Parsing refuses the first six and the last; the not-a-update is refused when decoded.
    await eventually(async () => expect(await metric(b!, 'cross_instance_malformed_total')).toBeGreaterThanOrEqual(malformedBefore + 7));
    for (const app of cluster.apps) expect((await fetch(`${app.url}/healthz`)).ok).toBe(true);
    // The room goes on: a new note crosses, and both clients and storage agree.
    write(writer, people[0]!, 'after');
    await eventually(() => expect(texts(reader)).toEqual(['after', 'before']));
    expect(texts(writer)).toEqual(['after', 'before']);
    expect(await storedTexts(workshopId)).toEqual(['after', 'before']);
    expect(readNotes(reader.doc)).toEqual(readNotes(writer.doc));
    // Nothing of the hand-built bytes reached a doc: both clients hold exactly the same items.
    expect(Y.encodeStateVector(reader.doc)).toEqual(Y.encodeStateVector(writer.doc));
  });

  it('an instance alone with a room publishes none of its commits; one that opens the room gets them all, then live both ways', async () => {
    const { code, workshopId, people } = await workshop(['Alone', 'Later']);
    const [a, b] = cluster.apps;
    const sent = () => metric(a!, 'cross_instance_room_messages_total', 'direction="sent",kind="update"');
    const alone = await connect(a!, code, people[0]!.token);
    const expected: string[] = [];
    /** Writes on A and waits until PostgreSQL has it; resolves to how many updates A published meanwhile. */
    const writeAlone = async (text: string) => {
      const before = await sent();
      write(alone, people[0]!, text);
      expected.push(text);
      await eventually(async () => expect(await storedTexts(workshopId)).toContain(text));
      return (await sent()) - before;
    };
    // Until Redis has counted the channel's listeners the room counts as shared (it publishes).
    await eventually(async () => expect(await writeAlone(`counted ${expected.length}`)).toBe(0));
    for (let i = 0; i < 5; i += 1) expect(await writeAlone(`alone ${i}`)).toBe(0);

    const shared = () => metric(a!, 'rooms_shared');
    const sharedAlone = await shared();
    const later = await connect(b!, code, people[1]!.token);
    expect(texts(later)).toEqual([...expected].sort());
    // The catch-up poll is 10 minutes here: these cross on Redis (or the newcomer's one read).
    write(alone, people[0]!, 'after B opened');
    write(later, people[1]!, 'from B');
    expected.push('after B opened', 'from B');
    for (const client of [alone, later]) await eventually(() => expect(texts(client)).toEqual([...expected].sort()), 10_000);
    const before = await sent();
    write(alone, people[0]!, 'published');
    expected.push('published');
    await eventually(() => expect(texts(later)).toContain('published'));
    expect(await sent()).toBeGreaterThan(before);
    expect(await shared()).toBe(sharedAlone + 1);

    // B's room closes with its last client: within a count or two, A stops publishing again.
    later.destroy();
    await eventually(async () => expect(await writeAlone(`after B left ${expected.length}`)).toBe(0), 30_000);
    expect(await shared()).toBe(sharedAlone);
    expect(await storedTexts(workshopId)).toEqual([...expected].sort());
  });

  it('a message lost on the way (a gap in the seqs) is read from PostgreSQL: every client converges', async () => {
    const { code, workshopId, people } = await workshop(['On A', 'On B']);
    const [a, b] = cluster.apps;
    const onA = await connect(a!, code, people[0]!.token);
    const onB = await connect(b!, code, people[1]!.token);
    write(onA, people[0]!, 'first');
    await eventually(() => expect(texts(onB)).toEqual(['first']));
    const gapsBefore = await metric(b!, 'cross_instance_gaps_recovered_total');
    // An update committed to PostgreSQL whose message never came (as if Redis dropped it) ...
    const ghost = new Y.Doc();
    Y.applyUpdate(ghost, Y.encodeStateAsUpdate(onB.doc));
    const before = Y.encodeStateVector(ghost);
    write({ doc: ghost } as WebsocketProvider, people[1]!, 'lost on Redis');
    await storage.docs.append([{ workshopId, update: Y.encodeStateAsUpdate(ghost, before) }]);
    // ... is found missing when the next one arrives (its seq is one too far), and read.
    write(onA, people[0]!, 'next');
    const expected = ['first', 'lost on Redis', 'next'];
    await eventually(() => expect(texts(onB)).toEqual(expected));
    await eventually(() => expect(texts(onA)).toEqual(expected));
    expect(await metric(b!, 'cross_instance_gaps_recovered_total')).toBeGreaterThan(gapsBefore);
    expect(await storedTexts(workshopId)).toEqual(expected);
  });
});

/** A well-formed start whose update claims 2 GiB. */
function hugeClaim(): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const n of [1, 0]) encoding.writeVarUint(encoder, n);
  encoding.writeVarString(encoder, 'attacker');
  encoding.writeVarString(encoder, 'x');
  for (const n of [1, 1, 2 ** 31]) encoding.writeVarUint(encoder, n);
  return encoding.toUint8Array(encoder);
}
