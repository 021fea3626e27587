import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { createLogger } from '../../server/log';
import { SqliteStorage } from '../../server/storage/sqlite/SqliteStorage';
import { Workshops } from '../../server/Workshops';
import { encodeAwarenessMessage } from '../../server/yjs/messages';
import type { RoomConnection } from '../../server/yjs/RoomConnection';
import { PRESENCE_RENEWAL_BATCH_MS } from '../../server/yjs/RoomPresence';
import { UpdateLog } from '../../server/yjs/UpdateLog';
import { YjsRoom } from '../../server/yjs/YjsRoom';

/**
 * Presence in a room, with connections that record what the server sends them: changes go out
 * at once, renewals (same state, newer clock: every y-websocket client sends one each 15 s) in
 * one batched message, and echoed entries of other clients are dropped.
 */

let dir: string;
let storage: SqliteStorage;
let room: YjsRoom;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pw-presence-'));
  storage = SqliteStorage.open(dir);
  const workshopId = (await new Workshops(storage).create('Presence')).workshop.id;
  room = await YjsRoom.load(workshopId, storage, new UpdateLog(storage.docs), createLogger('silent'), { canWrite: () => true });
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(async () => {
  vi.useRealTimers();
  await room.close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Peer {
  conn: RoomConnection;
  /** This peer's own presence, as its browser would hold it. */
  awareness: awarenessProtocol.Awareness;
  /** Awareness messages the server sent this peer, as [client id, clock, state] entries. */
  received: [number, number, unknown][][];
}

function peer(name: string): Peer {
  const received: Peer['received'] = [];
  const send = (message: Uint8Array) => {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== 1) return;
    const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    const entries: [number, number, unknown][] = [];
    for (let n = decoding.readVarUint(inner); n > 0; n--) {
      entries.push([decoding.readVarUint(inner), decoding.readVarUint(inner), JSON.parse(decoding.readVarString(inner))]);
    }
    received.push(entries);
  };
  const conn = {
    connectionId: name,
    identity: { workshopId: 'w', participantId: name, name, role: 'participant' },
    awarenessClientId: null,
    messageBudget: { take: () => true },
    awarenessBudget: { take: () => true },
    isOpen: true,
    send,
    sendFramed: (framed: { message: Uint8Array }) => send(framed.message),
    close: () => undefined,
  } as unknown as RoomConnection;
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState({ name });
  room.addConnection(conn);
  return { conn, awareness, received };
}

/** The peer publishes its own presence (as y-websocket does on every local change or renewal). */
function publish(p: Peer, clients: number[] = [p.awareness.clientID], from: awarenessProtocol.Awareness = p.awareness): void {
  const encoder = encoding.createEncoder();
  encoding.writeUint8Array(encoder, encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(from, clients)));
  room.receive(p.conn, encoding.toUint8Array(encoder));
}

/** What a peer's own entry looks like now: [client id, clock, state]. */
function entry(p: Peer): [number, number, unknown] {
  return [p.awareness.clientID, p.awareness.meta.get(p.awareness.clientID)!.clock, p.awareness.getLocalState()];
}

function renew(p: Peer): void {
  p.awareness.setLocalState(p.awareness.getLocalState());
  publish(p);
}

describe('presence in a room', () => {
  it('forwards a new or changed state to everyone at once, the sender included', () => {
    const ann = peer('Ann');
    const bob = peer('Bob');
    publish(ann);
    expect(bob.received.at(-1)).toEqual([entry(ann)]);
    expect(ann.received.at(-1)).toEqual(bob.received.at(-1));
    ann.awareness.setLocalStateField('cursor', 3);
    publish(ann);
    expect(bob.received.at(-1)).toEqual([entry(ann)]);
    expect(entry(ann)[2]).toEqual({ name: 'Ann', cursor: 3 });
  });

  it('forwards renewals only after the batch delay, all in one message', () => {
    const ann = peer('Ann');
    const bob = peer('Bob');
    const cy = peer('Cy');
    publish(ann);
    publish(bob);
    const before = cy.received.length;
    renew(ann);
    renew(bob);
    expect(cy.received.length).toBe(before);
    vi.advanceTimersByTime(PRESENCE_RENEWAL_BATCH_MS - 1);
    expect(cy.received.length).toBe(before);
    vi.advanceTimersByTime(1);
    expect(cy.received.length).toBe(before + 1);
    expect(cy.received.at(-1)).toEqual([entry(ann), entry(bob)]);
    vi.advanceTimersByTime(PRESENCE_RENEWAL_BATCH_MS * 2);
    expect(cy.received.length).toBe(before + 1);
  });

  it('sends renewals that are due along with a change', () => {
    const ann = peer('Ann');
    const bob = peer('Bob');
    publish(ann);
    publish(bob);
    renew(ann);
    bob.awareness.setLocalStateField('name', 'Robert');
    publish(bob);
    expect(ann.received.at(-1)).toEqual([entry(ann), entry(bob)]);
    expect(entry(bob)[2]).toEqual({ name: 'Robert' });
    vi.advanceTimersByTime(PRESENCE_RENEWAL_BATCH_MS);
    expect(ann.received.at(-1)?.[1]?.[2]).toEqual({ name: 'Robert' });
  });

  it('drops the entries of other clients that a peer echoes back', () => {
    const ann = peer('Ann');
    const bob = peer('Bob');
    publish(ann);
    publish(bob);
    const sent = ann.received.length;
    // Bob's browser applied Ann's state and sends it back, as y-websocket does with every update.
    awarenessProtocol.applyAwarenessUpdate(
      bob.awareness,
      awarenessProtocol.encodeAwarenessUpdate(ann.awareness, [ann.awareness.clientID]),
      'server',
    );
    ann.awareness.setLocalStateField('name', 'forged by Bob');
    bob.awareness.setLocalStateField('name', 'Bob');
    publish(bob, [ann.awareness.clientID], ann.awareness);
    vi.advanceTimersByTime(PRESENCE_RENEWAL_BATCH_MS);
    expect(ann.received.length).toBe(sent);
  });

  it('tells everyone at once when a connection leaves', () => {
    const ann = peer('Ann');
    const bob = peer('Bob');
    publish(ann);
    renew(bob);
    room.removeConnection(ann.conn);
    const last = bob.received.at(-1)!;
    expect(last.find(([id]) => id === ann.awareness.clientID)?.[2]).toBeNull();
  });
});
