import * as Y from 'yjs';
import { addNote, notesMap } from '../lib/board';
import { encodeAwarenessEntries, encodeAwarenessMessage, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from '../server/yjs/messages';

/** Seeded generators of hostile payloads for the Yjs endpoint, raw TCP and socket.io. */
export type Random = () => number;

const int = (random: Random, n: number) => Math.floor(random() * n);
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)]!;

export function randomBytes(random: Random, max: number): Uint8Array {
  const bytes = new Uint8Array(int(random, max + 1));
  for (let i = 0; i < bytes.length; i++) bytes[i] = int(random, 256);
  return bytes;
}

/** Valid-looking updates built on the room's real state, to corrupt. */
export function baseUpdates(state: Uint8Array, personaId: string): { first: Uint8Array; dependent: Uint8Array; deep: Uint8Array } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const before = Y.encodeStateVector(doc);
  const made = addNote(doc, { personaId, quadrant: 'sees', text: 'fuzz base', authorId: 'fuzz', authorName: 'Fuzz' });
  const first = Y.encodeStateAsUpdate(doc, before);
  const middle = Y.encodeStateVector(doc);
  const note = made.ok ? notesMap(doc).get(made.value.id) : undefined;
  note?.set('text', 'fuzz edited');
  const dependent = Y.encodeStateAsUpdate(doc, middle); // needs `first`, which is never sent
  // Deep nesting: maps within maps inside a note record.
  const nested = Y.encodeStateVector(doc);
  let level = new Y.Map<unknown>();
  note?.set('extra', level);
  for (let i = 0; i < 200; i++) {
    const child = new Y.Map<unknown>();
    level.set('n', child);
    level = child;
  }
  const deep = Y.encodeStateAsUpdate(doc, nested);
  doc.destroy();
  return { first, dependent, deep };
}

function corrupt(random: Random, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes);
  const flips = 1 + int(random, 4);
  for (let i = 0; i < flips && out.length > 0; i++) {
    const at = int(random, out.length);
    out[at] = out[at]! ^ (1 << int(random, 8));
  }
  return out;
}

function truncate(random: Random, bytes: Uint8Array): Uint8Array {
  return bytes.slice(0, int(random, Math.max(1, bytes.length)));
}

/** A varint that never ends or encodes more than 2^53. */
function hugeVarint(random: Random): Uint8Array {
  const length = 5 + int(random, 20);
  const isTerminated = random() < 0.5;
  return new Uint8Array(Array.from({ length }, (_, i) => (i === length - 1 && isTerminated ? 0x7f : 0xff)));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

/** One hostile Yjs-endpoint payload (binary unless a string). */
export function yjsCase(random: Random, base: ReturnType<typeof baseUpdates>): { kind: string; data: Uint8Array | string } {
  const kind = pick(random, [
    'random',
    'corruptUpdate',
    'truncatedUpdate',
    'missingDeps',
    'deepNesting',
    'hugeVarint',
    'badType',
    'awarenessFlood',
    'awarenessGarbage',
    'text',
    'step1Garbage',
    'step2Corrupt',
  ] as const);
  switch (kind) {
    case 'random':
      return { kind, data: randomBytes(random, 64) };
    case 'corruptUpdate':
      return { kind, data: encodeSyncUpdate(corrupt(random, base.first)) };
    case 'truncatedUpdate':
      return { kind, data: truncate(random, encodeSyncUpdate(base.first)) };
    case 'missingDeps':
      return { kind, data: encodeSyncUpdate(base.dependent) };
    case 'deepNesting':
      return { kind, data: encodeSyncUpdate(base.deep) };
    case 'hugeVarint':
      return { kind, data: concat(new Uint8Array([int(random, 2)]), hugeVarint(random), randomBytes(random, 8)) };
    case 'badType':
      return { kind, data: concat(new Uint8Array([4 + int(random, 250)]), randomBytes(random, 16)) };
    case 'awarenessFlood': {
      const entries = Array.from({ length: 1 + int(random, 300) }, () => ({
        clientId: int(random, 2 ** 31),
        clock: int(random, 1e6),
        state: '{"user":{"name":"x"}}',
      }));
      return { kind, data: encodeAwarenessMessage(encodeAwarenessEntries(entries)) };
    }
    case 'awarenessGarbage':
      return { kind, data: encodeAwarenessMessage(concat(new Uint8Array([1, int(random, 255), 1]), randomBytes(random, 32))) };
    case 'text':
      return { kind, data: Buffer.from(randomBytes(random, 32)).toString('latin1') };
    case 'step1Garbage':
      return { kind, data: encodeSyncStep1(randomBytes(random, 32)) };
    case 'step2Corrupt':
      return { kind, data: encodeSyncStep2(corrupt(random, base.first)) };
  }
}

function frame(first: number, payload: Uint8Array, options: { mask?: boolean; length?: bigint } = {}): Buffer {
  const mask = options.mask ?? true;
  const length = options.length ?? BigInt(payload.length);
  const header: number[] = [first];
  if (length < 126n) header.push((mask ? 0x80 : 0) | Number(length));
  else if (length < 65536n) header.push((mask ? 0x80 : 0) | 126, Number(length >> 8n) & 255, Number(length) & 255);
  else {
    header.push((mask ? 0x80 : 0) | 127);
    for (let i = 7; i >= 0; i--) header.push(Number((length >> BigInt(i * 8)) & 255n));
  }
  if (!mask) return Buffer.concat([Buffer.from(header), payload]);
  const key = [1, 2, 3, 4];
  return Buffer.concat([Buffer.from([...header, ...key]), Buffer.from(payload.map((b, i) => b ^ key[i % 4]!))]);
}

/** Raw TCP: what to write after (or instead of) a valid upgrade request. */
export function tcpCase(random: Random): { kind: string; upgrade: boolean; data: Buffer } {
  const kind = pick(random, [
    'garbage',
    'partialHandshake',
    'reservedBits',
    'badOpcode',
    'oversizeLength',
    'orphanContinuation',
    'unfinishedFragment',
    'badUtf8',
    'unmasked',
    'controlTooLong',
  ] as const);
  const payload = randomBytes(random, 24);
  switch (kind) {
    case 'garbage':
      return { kind, upgrade: false, data: Buffer.from(randomBytes(random, 200)) };
    case 'partialHandshake':
      return {
        kind,
        upgrade: false,
        data: Buffer.from(
          'GET /yjs/ABCD-EFGH HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Up'.slice(0, 10 + int(random, 70)),
        ),
      };
    case 'reservedBits':
      return { kind, upgrade: true, data: frame(0x82 | (0x10 << int(random, 3)), payload) };
    case 'badOpcode':
      return { kind, upgrade: true, data: frame(0x80 | pick(random, [3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf]), payload) };
    case 'oversizeLength':
      return {
        kind,
        upgrade: true,
        data: frame(0x82, payload, { length: pick(random, [2n ** 63n - 1n, 2n ** 40n, 17n * 1024n * 1024n]) }),
      };
    case 'orphanContinuation':
      return { kind, upgrade: true, data: frame(0x80, payload) };
    case 'unfinishedFragment':
      return { kind, upgrade: true, data: Buffer.concat([frame(0x02, payload), frame(0x82, payload)]) };
    case 'badUtf8':
      return { kind, upgrade: true, data: frame(0x81, new Uint8Array([0xc3, 0x28, 0xff, 0xfe])) };
    case 'unmasked':
      return { kind, upgrade: true, data: frame(0x82, payload, { mask: false }) };
    case 'controlTooLong':
      return { kind, upgrade: true, data: frame(0x89, new Uint8Array(126 + int(random, 60))) };
  }
}

/** engine.io / socket.io packets that make no sense. */
export function socketIoCase(random: Random): string | Uint8Array {
  return pick(random, [
    () => Buffer.from(randomBytes(random, 64)).toString('latin1'),
    () => `4${Buffer.from(randomBytes(random, 16)).toString('base64')}`,
    () => `40${'{'.repeat(int(random, 50))}`,
    () => `42["command",${'['.repeat(int(random, 200))}]`,
    () => `42${JSON.stringify(['command', { id: 'x'.repeat(int(random, 100)), type: 'step.goto', stepId: { __proto__: 1 } }])}`,
    () => `45${int(random, 9)}-["x",{"_placeholder":true,"num":${int(random, 1e9)}}]`,
    () => `${int(random, 10)}${int(random, 10)}${Buffer.from(randomBytes(random, 8)).toString('hex')}`,
    () => randomBytes(random, 64),
  ])();
}
