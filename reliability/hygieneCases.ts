import * as Y from 'yjs';
import { metaMap, notesMap, personasMap } from '../lib/board';
import { LIMITS } from '../lib/limits';
import { Crafter, idFrom, syncUpdateFrame } from './rawYjs';

/**
 * Hostile Yjs updates a participant's connection can send, one list per kind of the issue's
 * "document hygiene" item. Each attempt is the frames for one connection plus markers: strings
 * (record ids, keys, text) that must never reach the stored document.
 */

export interface Author {
  participantId: string;
  name: string;
}

export interface CaseContext {
  /** The server's current state (a synced observer's copy). */
  base(): Uint8Array;
  personaId: string;
  author: Author;
  /** Someone else in the workshop, for forged authors. */
  otherAuthor: Author;
  /** A note the observer wrote, for edits. */
  existingNoteId: string;
  random: () => number;
  clientId(): number;
}

export interface Attempt {
  frames: Uint8Array[];
  markers: string[];
}

export interface HygieneCase {
  kind: string;
  name: string;
  /** `accepted` marks the control cases that show the limit is where we think it is. */
  expect: 'refused' | 'accepted';
  make(ctx: CaseContext): Attempt;
}

export function noteFields(
  ctx: Pick<CaseContext, 'personaId' | 'author'>,
  id: string,
  text: unknown,
  author: Author = ctx.author,
): Record<string, unknown> {
  return {
    id,
    personaId: ctx.personaId,
    quadrant: 'sees',
    text,
    color: 'yellow',
    authorId: author.participantId,
    authorName: author.name,
    createdAt: 1,
  };
}

/** Writes a note as `Y.Map` fields in order, valid or not (no `lib/` checks on the way). */
export function writeNote(doc: Y.Doc, fields: Record<string, unknown>, extra: [string, unknown][] = []): void {
  const map = new Y.Map<unknown>();
  notesMap(doc).set(String(fields.id), map);
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  for (const [key, value] of extra) map.set(key, value);
}

function one(ctx: CaseContext, edit: (doc: Y.Doc) => void, markers: string[]): Attempt {
  const crafter = new Crafter(ctx.base(), ctx.clientId());
  return { frames: [syncUpdateFrame(crafter.change(edit))], markers };
}

function newNote(ctx: CaseContext, text: unknown, extra: [string, unknown][] = [], author?: Author): Attempt {
  const id = idFrom(ctx.random);
  return one(ctx, (doc) => writeNote(doc, noteFields(ctx, id, text, author), extra), [id]);
}

const hostileText = (ctx: CaseContext, chars: number) => {
  const marker = `hyg${idFrom(ctx.random)}`;
  return { marker, text: (marker + ' ').padEnd(chars, 'x') };
};

/** Updates whose dependencies never arrive: the client withholds the update they build on. */
const MISSING_DEPS: HygieneCase[] = [
  {
    kind: 'missingDeps',
    name: 'skipsAhead',
    expect: 'refused',
    make(ctx) {
      const [a, b] = [idFrom(ctx.random), idFrom(ctx.random)];
      const crafter = new Crafter(ctx.base(), ctx.clientId());
      crafter.change((doc) => writeNote(doc, noteFields(ctx, a, `withheld ${a}`)));
      return { frames: [syncUpdateFrame(crafter.change((doc) => writeNote(doc, noteFields(ctx, b, `orphan ${b}`))))], markers: [a, b] };
    },
  },
  {
    kind: 'missingDeps',
    name: 'unknownParent',
    expect: 'refused',
    make(ctx) {
      const id = idFrom(ctx.random);
      const first = new Crafter(ctx.base(), ctx.clientId());
      const withheld = first.change((doc) => writeNote(doc, noteFields(ctx, id, `withheld ${id}`)));
      const second = new Crafter(ctx.base(), ctx.clientId());
      second.absorb(withheld);
      const marker = `hyg${idFrom(ctx.random)}`;
      const update = second.change((doc) => (notesMap(doc).get(id) as Y.Map<unknown>).set('text', marker));
      return { frames: [syncUpdateFrame(update)], markers: [id, marker] };
    },
  },
  {
    kind: 'missingDeps',
    name: 'unknownOrigin',
    expect: 'refused',
    make(ctx) {
      const [m1, m2] = [`hyg${idFrom(ctx.random)}`, `hyg${idFrom(ctx.random)}`];
      const first = new Crafter(ctx.base(), ctx.clientId());
      const withheld = first.change((doc) => (notesMap(doc).get(ctx.existingNoteId) as Y.Map<unknown>).set('text', m1));
      const second = new Crafter(ctx.base(), ctx.clientId());
      second.absorb(withheld);
      const update = second.change((doc) => (notesMap(doc).get(ctx.existingNoteId) as Y.Map<unknown>).set('text', m2));
      return { frames: [syncUpdateFrame(update)], markers: [m1, m2] };
    },
  },
  {
    kind: 'missingDeps',
    name: 'deletesUnknown',
    expect: 'refused',
    make(ctx) {
      const id = idFrom(ctx.random);
      const first = new Crafter(ctx.base(), ctx.clientId());
      const withheld = first.change((doc) => writeNote(doc, noteFields(ctx, id, `withheld ${id}`)));
      const second = new Crafter(ctx.base(), ctx.clientId());
      second.absorb(withheld);
      return { frames: [syncUpdateFrame(second.change((doc) => notesMap(doc).delete(id)))], markers: [id] };
    },
  },
];

const NON_STRING_TEXTS: [string, () => unknown][] = [
  ['number', () => 12345],
  ['boolean', () => true],
  ['null', () => null],
  ['object', () => ({ text: 'x' })],
  ['array', () => ['x']],
  ['yText', () => new Y.Text('x')],
  ['binary', () => new Uint8Array([1, 2, 3])],
];

const NON_STRING: HygieneCase[] = [
  ...NON_STRING_TEXTS.map(([name, value]): HygieneCase => ({
    kind: 'nonStringText',
    name,
    expect: 'refused',
    make: (ctx) => newNote(ctx, value()),
  })),
  {
    kind: 'nonStringText',
    name: 'editToNumber',
    expect: 'refused',
    make: (ctx) => one(ctx, (doc) => (notesMap(doc).get(ctx.existingNoteId) as Y.Map<unknown>).set('text', 4242), []),
  },
];

/** `{"__proto__": …}` parsed as JSON is an own key; lib0 decodes it by assignment. */
const protoValue = () => JSON.parse('{"__proto__":{"polluted":"yes"},"text":"x"}') as unknown;

const PROTO_KEYS: HygieneCase[] = [
  ...['__proto__', 'constructor', 'hasOwnProperty'].map((key): HygieneCase => ({
    kind: 'protoKeys',
    name: `noteField:${key}`,
    expect: 'refused',
    make: (ctx) => newNote(ctx, 'a note', [[key, { polluted: 'yes' }]]),
  })),
  ...['__proto__', 'constructor'].map((key): HygieneCase => ({
    kind: 'protoKeys',
    name: `recordKey:${key}`,
    expect: 'refused',
    make: (ctx) => one(ctx, (doc) => writeNote(doc, noteFields(ctx, key, 'a note')), [key]),
  })),
  ...['__proto__', 'constructor'].map((key): HygieneCase => ({
    kind: 'protoKeys',
    name: `root:${key}`,
    expect: 'refused',
    make: (ctx) => one(ctx, (doc) => doc.getMap(key).set('polluted', 'yes'), [key]),
  })),
  { kind: 'protoKeys', name: 'protoValue', expect: 'refused', make: (ctx) => newNote(ctx, protoValue()) },
  {
    kind: 'protoKeys',
    name: 'personaField:constructor',
    expect: 'refused',
    make: (ctx) =>
      one(ctx, (doc) => (personasMap(doc).get(ctx.personaId) as Y.Map<unknown>).set('constructor', 'polluted'), ['constructor']),
  },
  {
    kind: 'protoKeys',
    name: 'meta:__proto__',
    expect: 'refused',
    make: (ctx) => one(ctx, (doc) => metaMap(doc).set('__proto__', 'polluted'), ['__proto__']),
  },
];

function overLimit(name: string, chars: number): HygieneCase {
  return {
    kind: 'textOverLimit',
    name,
    expect: 'refused',
    make(ctx) {
      const { marker, text } = hostileText(ctx, chars);
      const attempt = newNote(ctx, text);
      return { ...attempt, markers: [...attempt.markers, marker] };
    },
  };
}

const TEXT_LIMIT: HygieneCase[] = [
  overLimit('limitPlus1', LIMITS.noteTextChars + 1),
  overLimit('10k', 10_000),
  overLimit('1M', 1_000_000),
  {
    kind: 'textOverLimit',
    name: 'editPlus1',
    expect: 'refused',
    make(ctx) {
      const { marker, text } = hostileText(ctx, LIMITS.noteTextChars + 1);
      return one(ctx, (doc) => (notesMap(doc).get(ctx.existingNoteId) as Y.Map<unknown>).set('text', text), [marker]);
    },
  },
  {
    kind: 'textOverLimit',
    name: 'atLimit(control)',
    expect: 'accepted',
    make(ctx) {
      const { text } = hostileText(ctx, LIMITS.noteTextChars);
      return newNote(ctx, text);
    },
  },
];

const FORGED: HygieneCase[] = [
  { kind: 'forgedAuthor', name: 'authorId', expect: 'refused', make: (ctx) => newNote(ctx, 'forged', [], ctx.otherAuthor) },
  {
    kind: 'forgedAuthor',
    name: 'authorName',
    expect: 'refused',
    make: (ctx) => newNote(ctx, 'forged', [], { participantId: ctx.author.participantId, name: ctx.otherAuthor.name }),
  },
];

export const HYGIENE_CASES: readonly HygieneCase[] = [...MISSING_DEPS, ...NON_STRING, ...PROTO_KEYS, ...TEXT_LIMIT, ...FORGED];
