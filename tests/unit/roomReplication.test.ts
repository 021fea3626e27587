import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { encodeRoomMessage, parseRoomMessage, roomChannel, senderOf, type RoomMessage } from '../../server/cluster/roomMessages';
import { createLogger } from '../../server/log';
import type { DocLog, LoggedUpdate } from '../../server/storage/ports';
import { AppliedSeqs } from '../../server/yjs/AppliedSeqs';
import { STORED } from '../../server/yjs/RoomCatchUp';
import type { RelayChannel, RelayListener } from '../../server/yjs/RoomRelay';
import { GAP_WAIT_MS, RoomReplication } from '../../server/yjs/RoomReplication';

/**
 * The cross-instance message format (parse refuses anything not exactly ours) and the order in
 * which a replica applies relayed updates: in seq order, duplicates dropped, early ones held,
 * a gap read from the log, seqs nobody stored never applied.
 */

const W = 'workshop-1';

describe('room messages', () => {
  const messages: RoomMessage[] = [
    { kind: 'update', from: 'i1', workshopId: W, first: 3, last: 5, update: new Uint8Array([0, 0]) },
    { kind: 'stored', from: 'i1', workshopId: W, first: 9, last: 9 },
    { kind: 'awareness', from: 'i2', workshopId: W, update: new Uint8Array([1, 2, 3]) },
    { kind: 'awareness-query', from: 'i3', workshopId: W },
  ];

  it('reads back what it wrote, for every kind', () => {
    for (const message of messages) expect(parseRoomMessage(roomChannel(W), encodeRoomMessage(message))).toEqual(message);
  });

  it('refuses another channel, trailing bytes, truncation, a backwards range, an unknown version or kind', () => {
    const update = encodeRoomMessage(messages[0]!);
    expect(parseRoomMessage(roomChannel('other'), update)).toBeNull();
    expect(parseRoomMessage('pw:notices', update)).toBeNull();
    expect(parseRoomMessage(roomChannel(W), new Uint8Array([...update, 0]))).toBeNull();
    for (let cut = 0; cut < update.byteLength; cut += 1) expect(parseRoomMessage(roomChannel(W), update.slice(0, cut))).toBeNull();
    expect(parseRoomMessage(roomChannel(W), encodeRoomMessage({ ...messages[0]!, first: 6 } as RoomMessage))).toBeNull();
    expect(parseRoomMessage(roomChannel(W), new Uint8Array([2, ...update.slice(1)]))).toBeNull();
    expect(parseRoomMessage(roomChannel(W), new Uint8Array([1, 9, ...update.slice(2)]))).toBeNull();
    expect(parseRoomMessage(roomChannel(W), new Uint8Array(600 * 1024))).toBeNull();
  });

  it('names the sender from the header alone (an instance skips its own echo unparsed), null without one', () => {
    for (const message of messages) expect(senderOf(encodeRoomMessage(message))).toBe(message.from);
    const update = encodeRoomMessage(messages[0]!);
    expect(senderOf(update.slice(0, 3))).toBeNull();
    expect(senderOf(new Uint8Array([2, ...update.slice(1)]))).toBeNull();
    expect(senderOf(new Uint8Array([1, 0, 200, 2, ...new Array<number>(300).fill(65)]))).toBeNull();
  });
});

/** A log another instance wrote to: seq → update. */
class Log implements Partial<DocLog> {
  readonly rows = new Map<number, Uint8Array>();
  reads = 0;
  async since(_workshopId: string, afterSeq: number): Promise<LoggedUpdate[]> {
    this.reads += 1;
    return [...this.rows.entries()].filter(([seq]) => seq > afterSeq).map(([seq, data]) => ({ seq, data }));
  }
  async lastSeq(): Promise<number> {
    return Math.max(0, ...this.rows.keys());
  }
}

/** A writer elsewhere: each change is one update with the next seq, stored in `log`. */
function writer(log: Log) {
  const doc = new Y.Doc();
  let seq = 0;
  return (text: string) => {
    const before = Y.encodeStateVector(doc);
    doc.getArray<string>('notes').push([text]);
    const update = Y.encodeStateAsUpdate(doc, before);
    log.rows.set(++seq, update);
    return { seq, update };
  };
}

function replica(log: Log) {
  const doc = new Y.Doc();
  const seqs = new AppliedSeqs(0);
  let listener: RelayListener | null = null;
  const queries = { count: 0 };
  const relay: RelayChannel = {
    attach: (l) => (listener = l),
    hasPeers: () => true,
    publishUpdate: () => undefined,
    publishAwareness: () => undefined,
    queryAwareness: () => void (queries.count += 1),
    close: () => undefined,
  };
  const hooks = { onGapRecovered: vi.fn(), onMalformed: vi.fn() };
  const target = { workshopId: W, doc, seqs, isLive: () => true, hasClients: () => true, onRead: () => undefined };
  const replication = new RoomReplication(log as unknown as DocLog, target, relay, createLogger('silent'), hooks);
  replication.start({ applyRemote: () => undefined, publishLocal: () => undefined }, 3_600_000);
  const applied: string[] = [];
  /** Doc updates, each one message to the room's clients. */
  const events = { count: 0 };
  doc.on('update', (_u: Uint8Array, origin: unknown) => {
    expect(origin).toBe(STORED);
    events.count += 1;
  });
  doc.getArray<string>('notes').observe((event) => applied.push(...event.changes.delta.flatMap((d) => (d.insert as string[]) ?? [])));
  return { doc, seqs, hooks, listener: () => listener!, applied, events, queries, replication, close: () => replication.close() };
}

const notes = (doc: Y.Doc) => doc.getArray<string>('notes').toArray();
const waitGap = () => new Promise((resolve) => setTimeout(resolve, GAP_WAIT_MS + 100));

describe('a replica applying relayed updates', () => {
  it('applies in seq order and drops what it already holds', () => {
    const log = new Log();
    const write = writer(log);
    const r = replica(log);
    const [a, b] = [write('a'), write('b')];
    r.listener().update(a.seq, a.seq, a.update);
    r.listener().update(a.seq, a.seq, a.update);
    r.listener().update(b.seq, b.seq, b.update);
    expect(notes(r.doc)).toEqual(['a', 'b']);
    expect(r.applied).toEqual(['a', 'b']);
    expect(r.seqs.contiguous).toBe(2);
    expect(log.reads).toBe(0);
    r.close();
  });

  it('holds an early update until the one before it comes, without reading the log', async () => {
    const log = new Log();
    const write = writer(log);
    const r = replica(log);
    const [a, b, c] = [write('a'), write('b'), write('c')];
    r.listener().update(c.seq, c.seq, c.update);
    r.listener().update(a.seq, a.seq, a.update);
    expect(r.seqs.contiguous).toBe(1);
    r.listener().update(b.seq, b.seq, b.update);
    expect(notes(r.doc)).toEqual(['a', 'b', 'c']);
    await waitGap();
    expect(log.reads).toBe(0);
    r.close();
  });

  it('sends what is released together (held updates, a read from the log) to the clients as one update', async () => {
    const log = new Log();
    const write = writer(log);
    const r = replica(log);
    const [a, b, c, d] = [write('a'), write('b'), write('c'), write('d')];
    r.listener().update(a.seq, a.seq, a.update);
    r.listener().update(c.seq, c.seq, c.update);
    r.listener().update(d.seq, d.seq, d.update);
    r.listener().update(b.seq, b.seq, b.update); // b on its own, then c and d together
    expect(notes(r.doc)).toEqual(['a', 'b', 'c', 'd']);
    expect(r.events.count).toBe(3);
    const h = [write('lost'), write('f'), write('g'), write('h')][3]!;
    r.listener().update(h.seq, h.seq, h.update); // e, f, g missing: all four read from the log
    await vi.waitFor(() => expect(notes(r.doc)).toEqual(['a', 'b', 'c', 'd', 'lost', 'f', 'g', 'h']));
    expect(r.events.count).toBe(4);
    r.close();
  });

  it('reads a lost update from the log once the gap stays open, and counts it', async () => {
    const log = new Log();
    const write = writer(log);
    const r = replica(log);
    const [a, , c] = [write('a'), write('lost'), write('c')];
    r.listener().update(a.seq, a.seq, a.update);
    r.listener().update(c.seq, c.seq, c.update);
    expect(notes(r.doc)).toEqual(['a']);
    await vi.waitFor(() => expect(notes(r.doc)).toEqual(['a', 'lost', 'c']));
    expect(r.seqs.contiguous).toBe(3);
    expect(r.hooks.onGapRecovered).toHaveBeenCalledTimes(1);
    r.close();
  });

  it('reads the log once just after opening: what an instance alone with the room committed before it heard of this one', async () => {
    const log = new Log();
    const write = writer(log);
    const r = replica(log);
    // Committed elsewhere after this replica loaded, never published (its owner was alone).
    write('a');
    write('b');
    await new Promise((resolve) => setTimeout(resolve, 2 * GAP_WAIT_MS + 200));
    expect(notes(r.doc)).toEqual(['a', 'b']);
    expect(r.seqs.contiguous).toBe(2);
    expect(log.reads).toBe(1);
    expect(r.queries.count).toBe(1);
    r.close();
  });

  it('after a Redis outage makes itself known again and reads what it missed, then once more a moment later', async () => {
    const log = new Log();
    const write = writer(log);
    const r = replica(log);
    await new Promise((resolve) => setTimeout(resolve, GAP_WAIT_MS + 100)); // the opening's read: nothing yet
    write('published while Redis was away');
    await r.replication.rejoin();
    expect(notes(r.doc)).toEqual(['published while Redis was away']);
    write('committed before the query reached its writer');
    await new Promise((resolve) => setTimeout(resolve, 2 * GAP_WAIT_MS + 200));
    expect(notes(r.doc)).toEqual(['published while Redis was away', 'committed before the query reached its writer']);
    expect(r.queries.count).toBe(2);
    r.close();
  });

  it('never applies seqs nobody stored, nor bytes that are not an update', async () => {
    const log = new Log();
    const write = writer(log);
    const r = replica(log);
    const a = write('a');
    const forged = new Y.Doc();
    forged.getArray<string>('notes').push(['forged']);
    r.listener().update(50, 50, Y.encodeStateAsUpdate(forged)); // far ahead: held, then found unstored
    r.listener().update(1, 1, new Uint8Array([9, 200, 3, 7, 1, 1])); // the next seq, garbage: read from the log instead
    await vi.waitFor(() => expect(r.hooks.onMalformed).toHaveBeenCalledTimes(2));
    r.listener().update(a.seq, a.seq, a.update);
    await waitGap();
    expect(notes(r.doc)).toEqual(['a']);
    expect(r.seqs.contiguous).toBe(1);
    r.close();
  });
});
