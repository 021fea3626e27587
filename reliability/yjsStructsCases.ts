import * as Y from 'yjs';
import { BOARD_ROOTS } from '../lib/roots';
import { META_FIELDS, PERSONA_FIELDS } from '../lib/persona';
import { NOTE_FIELDS } from '../lib/note';
import {
  craftUpdate,
  type CraftedContent,
  type CraftedDeletes,
  type CraftedId,
  type CraftedItem,
  type CraftedGap,
} from '../tests/unit/helpers/craftUpdate';
import type { Rng } from '../tests/helpers/prng';

/**
 * The struct-aware cases of `yjs-structs`: each one update, built struct by struct from what the
 * server's doc holds now (a mirror the attacker keeps): any client id (the attacker's own, other
 * participants', the server's, new ones), clocks at, behind and ahead of the server's state,
 * lengths from 0, every content type, parents by root name or by item id, origins, right
 * origins, map keys of every record and field, and delete sets over existing and missing ranges.
 */

export interface Person {
  participantId: string;
  name: string;
}

/** What the attacker knows of the server's doc at the start of a batch. */
export interface Catalog {
  state(client: number): number;
  clients: { own: number[]; others: number[]; server: number[] };
  /** Ids of items: root entries (records, meta keys), fields, and deleted ones. */
  records: { root: string; key: string; id: CraftedId; fields: { key: string; id: CraftedId }[] }[];
  meta: CraftedId[];
  deleted: CraftedId[];
  personaId: string;
  attacker: Person;
  others: Person[];
}

const idOf = (item: Y.Item): CraftedId => ({ client: item.id.client, clock: item.id.clock });

/** Reads the catalog from the attacker's mirror of the server's doc. */
export function catalog(
  mirror: Y.Doc,
  own: ReadonlySet<number>,
  others: ReadonlySet<number>,
  people: { attacker: Person; others: Person[] },
): Catalog {
  const records: Catalog['records'] = [];
  const deleted: CraftedId[] = [];
  for (const root of Object.values(BOARD_ROOTS)) {
    if (root === BOARD_ROOTS.meta || !mirror.share.has(root)) continue;
    for (const [key, item] of mirror.getMap(root)._map) {
      if (item.deleted) {
        if (deleted.length < 200) deleted.push(idOf(item));
        continue;
      }
      const type = item.content instanceof Y.ContentType ? item.content.type : null;
      const fields = type
        ? [...type._map].filter(([, field]) => !field.deleted).map(([field, value]) => ({ key: field, id: idOf(value) }))
        : [];
      records.push({ root, key, id: idOf(item), fields });
    }
  }
  const clients = [...mirror.store.clients.keys()];
  const personas = records.filter((r) => r.root === BOARD_ROOTS.personas);
  return {
    state: (client) => Y.getState(mirror.store, client),
    clients: {
      own: clients.filter((c) => own.has(c)),
      others: clients.filter((c) => others.has(c)),
      server: clients.filter((c) => !own.has(c) && !others.has(c)),
    },
    records,
    meta: [...mirror.getMap(BOARD_ROOTS.meta)._map.values()].map(idOf),
    deleted,
    personaId: personas[0]?.key ?? 'p000000000000000',
    ...people,
  };
}

const WEIRD_KEYS = ['unknown', '__proto__', 'constructor', '', 'custom_abcdefghijklmnop', 'custom_BAD'];
const FIELD_KEYS = [
  ...new Set<string>([...NOTE_FIELDS, ...PERSONA_FIELDS, ...META_FIELDS, 'name', 'title', 'order', 'questionId', 'isDone', 'dueDate']),
];
const HOSTILE_VALUES: unknown[] = [
  null,
  undefined,
  0,
  -1,
  1.5,
  true,
  '',
  'x'.repeat(2_001),
  [],
  { a: 1 },
  JSON.parse('{"__proto__":{"p":1}}'),
  new Uint8Array([1, 2]),
];

function valueFor(rng: Rng, key: string, cat: Catalog, record: string): unknown {
  if (rng.chance(0.2)) return rng.pick(HOSTILE_VALUES);
  const people = [cat.attacker, ...cat.others];
  switch (key) {
    case 'text':
      return rng.pick(['Mallory was here', 'short', 'y'.repeat(rng.int(30))]);
    case 'quadrant':
      return rng.pick(['sees', 'gains', 'pains', 'Feels!']);
    case 'color':
      return rng.pick(['pink', 'green', 'black']);
    case 'evidence':
      return rng.pick(['observed', 'assumed', null]);
    case 'authorId':
      return rng.pick(people).participantId;
    case 'authorName':
      return rng.pick([...people.map((p) => p.name), '']);
    case 'createdAt':
    case 'order':
    case 'deletedAt':
      return rng.pick([1, 2_000, Date.now()]);
    case 'id':
      return rng.chance(0.8) ? record : 'other00000000000';
    case 'personaId':
      return cat.personaId;
    case 'schemaVersion':
      return rng.pick([1, 2]);
    default:
      return rng.pick(['a value', 'Owned', 'Mia', 1, null]);
  }
}

const newKey = (rng: Rng) => Array.from({ length: 16 }, () => '0123456789abcdefghijklmnopqrstuvwxyz'[rng.int(36)]).join('');

function content(rng: Rng, key: string, cat: Catalog, record: string): CraftedContent {
  const r = rng.next();
  if (r < 0.55) return { any: valueFor(rng, key, cat, record) };
  if (r < 0.6) return { any: [], isMany: true };
  if (r < 0.64) return { any: [valueFor(rng, key, cat, record), 'x'], isMany: true };
  if (r < 0.72) return { deleted: rng.pick([0, 1, 1, 2]) };
  if (r < 0.8) return { map: true };
  if (r < 0.84) return { type: rng.pick([0, 2, 3, 4, 5, 6] as const) };
  if (r < 0.88) return { string: rng.pick(['', 'ab']) };
  if (r < 0.91) return { json: rng.pick([[], [1], ['a', 'b']]) };
  if (r < 0.94) return { binary: new Uint8Array(rng.int(3)) };
  if (r < 0.96) return { embed: { x: 1 } };
  if (r < 0.98) return { format: ['bold', true] };
  return { doc: 'subdoc' };
}

function anyItemId(rng: Rng, cat: Catalog): CraftedId {
  const r = rng.next();
  const record = cat.records.length > 0 ? rng.pick(cat.records) : null;
  if (r < 0.5 && record && record.fields.length > 0) return rng.pick(record.fields).id;
  if (r < 0.7 && record) return record.id;
  if (r < 0.85 && cat.meta.length > 0) return rng.pick(cat.meta);
  if (r < 0.9 && cat.deleted.length > 0) return rng.pick(cat.deleted);
  return { client: rng.pick([...cat.clients.server, ...cat.clients.others, 7]), clock: rng.int(50) };
}

/** One random struct (item, GC or Skip) at a random place. */
function randomStruct(rng: Rng, cat: Catalog): CraftedItem | CraftedGap {
  if (rng.chance(0.06)) return { gc: rng.int(4) };
  if (rng.chance(0.03)) return { skip: rng.int(4) };
  const record = cat.records.length > 0 && rng.chance(0.8) ? rng.pick(cat.records) : null;
  const r = rng.next();
  let item: CraftedItem;
  if (r < 0.45) {
    const origin = record && record.fields.length > 0 && rng.chance(0.6) ? rng.pick(record.fields).id : anyItemId(rng, cat);
    item = { origin, content: content(rng, rng.pick(FIELD_KEYS), cat, record?.key ?? newKey(rng)) };
  } else if (r < 0.7) {
    const root = rng.chance(0.85) ? rng.pick(Object.values(BOARD_ROOTS)) : rng.pick(['evil', 'notes2', '__proto__']);
    const key = rng.chance(0.4) && record ? record.key : rng.chance(0.8) ? newKey(rng) : rng.pick([...WEIRD_KEYS, ...FIELD_KEYS]);
    item = { parent: root, parentSub: rng.chance(0.95) ? key : undefined, content: content(rng, key, cat, key) };
  } else {
    const parent = record && rng.chance(0.85) ? record.id : anyItemId(rng, cat);
    const key = rng.chance(0.85) ? rng.pick(FIELD_KEYS) : rng.pick(WEIRD_KEYS);
    item = { parent, parentSub: rng.chance(0.97) ? key : undefined, content: content(rng, key, cat, record?.key ?? key) };
  }
  if (rng.chance(0.05)) item.rightOrigin = anyItemId(rng, cat);
  return item;
}

/** A complete note under `client`: honest-looking, sometimes with a forged author or a bad field. */
function noteStructs(rng: Rng, cat: Catalog, client: number, clock: number): CraftedItem[] {
  const key = newKey(rng);
  const author = rng.chance(0.7) ? cat.attacker : rng.pick([cat.attacker, ...cat.others]);
  const fields: Record<string, unknown> = {
    id: key,
    personaId: cat.personaId,
    quadrant: rng.pick(['sees', 'hears', 'gains']),
    text: `fuzz ${key}`,
    color: 'yellow',
    authorId: author.participantId,
    authorName: author.name,
    createdAt: 5_000,
  };
  if (rng.chance(0.15)) fields[rng.pick(Object.keys(fields))] = rng.pick(HOSTILE_VALUES);
  if (rng.chance(0.1)) delete fields[rng.pick(Object.keys(fields))];
  return [
    { parent: BOARD_ROOTS.notes, parentSub: key, content: { map: true } },
    ...Object.entries(fields).map(([field, any]) => ({ parent: { client, clock }, parentSub: field, content: { any } })),
  ];
}

/** A field write of an existing record, as the app sends it (origin: the value replaced). */
function fieldEdit(rng: Rng, cat: Catalog): { item: CraftedItem; replaces: CraftedId | null } | null {
  const record = cat.records.length > 0 ? rng.pick(cat.records) : null;
  if (!record) return null;
  const field = record.fields.length > 0 && rng.chance(0.85) ? rng.pick(record.fields) : null;
  if (field) return { item: { origin: field.id, content: { any: valueFor(rng, field.key, cat, record.key) } }, replaces: field.id };
  const key = rng.pick(FIELD_KEYS);
  return { item: { parent: record.id, parentSub: key, content: { any: valueFor(rng, key, cat, record.key) } }, replaces: null };
}

function deletes(rng: Rng, cat: Catalog): CraftedDeletes[] {
  return Array.from({ length: 1 + rng.int(2) }, () => {
    const r = rng.next();
    if (r < 0.75) {
      const id = anyItemId(rng, cat);
      return { client: id.client, ranges: [[id.clock, rng.pick([1, 1, 1, 2, 3])]] as [number, number][] };
    }
    const client = rng.pick([...cat.clients.server, ...cat.clients.others, ...cat.clients.own, 9]);
    const clock = r < 0.9 ? cat.state(client) + rng.int(3) : rng.int(cat.state(client) + 1);
    return { client, ranges: [[clock, r < 0.9 ? 1 + rng.int(2) : 0]] as [number, number][] };
  });
}

export type CaseKind = 'random' | 'note' | 'fieldEdit' | 'deletes';

/** Picks a client id for new structs: the attacker's own, someone else's, the server's, or new. */
function clientFor(rng: Rng, cat: Catalog, fresh: () => number): number {
  const r = rng.next();
  if (r < 0.4 && cat.clients.own.length > 0) return rng.pick(cat.clients.own);
  if (r < 0.6) return fresh();
  if (r < 0.8 && cat.clients.others.length > 0) return rng.pick(cat.clients.others);
  if (cat.clients.server.length > 0) return rng.pick(cat.clients.server);
  return fresh();
}

/** A clock at the server's state for `client` (mostly), behind it, ahead of it, or zero. */
function clockFor(rng: Rng, cat: Catalog, client: number): number {
  const state = cat.state(client);
  const r = rng.next();
  if (r < 0.7) return state;
  if (r < 0.82) return Math.max(0, state - 1 - rng.int(3));
  if (r < 0.92) return state + 1 + rng.int(3);
  return 0;
}

export function buildCase(rng: Rng, cat: Catalog, fresh: () => number): { kind: CaseKind; update: Uint8Array } {
  const client = clientFor(rng, cat, fresh);
  const clock = clockFor(rng, cat, client);
  const r = rng.next();
  if (r < 0.12) return { kind: 'note', update: craftUpdate([{ client, clock, items: noteStructs(rng, cat, client, clock) }]) };
  if (r < 0.3) {
    const edit = fieldEdit(rng, cat);
    if (edit) {
      const ds =
        edit.replaces && rng.chance(0.8)
          ? [{ client: edit.replaces.client, ranges: [[edit.replaces.clock, 1]] as [number, number][] }]
          : [];
      return { kind: 'fieldEdit', update: craftUpdate([{ client, clock, items: [edit.item] }], ds) };
    }
  }
  if (r < 0.45) return { kind: 'deletes', update: craftUpdate([], deletes(rng, cat)) };
  const clients = [{ client, clock, items: Array.from({ length: 1 + rng.int(3) }, () => randomStruct(rng, cat)) }];
  if (rng.chance(0.1)) {
    const second = clientFor(rng, cat, fresh);
    if (second !== client) clients.push({ client: second, clock: clockFor(rng, cat, second), items: [randomStruct(rng, cat)] });
  }
  return { kind: 'random', update: craftUpdate(clients, rng.chance(0.3) ? deletes(rng, cat) : []) };
}
