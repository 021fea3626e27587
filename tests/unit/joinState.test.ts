import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { JoinState } from '../../server/yjs/JoinState';
import { MESSAGE } from '../../server/yjs/messages';
import { seededRng } from '../helpers/prng';

/** Applies the sync messages a fresh client is sent, as y-websocket would; returns that client's doc. */
function joinWith(messages: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const message of messages) {
    const decoder = decoding.createDecoder(message);
    expect(decoding.readVarUint(decoder)).toBe(MESSAGE.sync);
    const step = decoding.readVarUint(decoder);
    expect([syncProtocol.messageYjsSyncStep2, syncProtocol.messageYjsUpdate]).toContain(step);
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
  }
  return doc;
}

/** A room's doc whose every update goes into the join state, as the room's broadcasts do. */
function room() {
  const doc = new Y.Doc();
  let encodes = 0;
  const join = new JoinState(() => {
    encodes++;
    return Y.encodeStateAsUpdate(doc);
  });
  doc.on('update', (update: Uint8Array) => join.extend(update));
  return { doc, join, encodes: () => encodes };
}

describe('JoinState: what a client with an empty doc is sent', () => {
  it('brings a fresh doc to the room’s state in at most two messages, after any run of edits and joins', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const rng = seededRng(seed);
      const { doc, join } = room();
      const notes = doc.getMap<Y.Map<unknown>>('notes');
      for (let step = 0; step < 400; step++) {
        const ids = [...notes.keys()];
        if (ids.length === 0 || rng.chance(0.3)) {
          const note = new Y.Map<unknown>();
          note.set('text', `note ${step}`);
          notes.set(`n${step}`, note);
        } else if (rng.chance(0.1)) notes.delete(rng.pick(ids));
        else notes.get(rng.pick(ids))!.set('text', `edit ${step} ${'x'.repeat(rng.int(40))}`);
        if (rng.chance(0.05)) {
          const messages = join.messages();
          expect(messages.length).toBeLessThanOrEqual(2);
          expect(joinWith(messages).getMap('notes').toJSON()).toEqual(notes.toJSON());
        }
      }
      expect(joinWith(join.messages()).getMap('notes').toJSON()).toEqual(notes.toJSON());
    }
  });

  it('encodes the whole doc again only when the tail grows long, and merges the tail once per change', () => {
    const { doc, join, encodes } = room();
    const notes = doc.getMap<string>('notes');
    for (let i = 0; i < 200; i++) notes.set(`n${i}`, `a note with some words in it, number ${i}`);
    expect(join.messages()).toHaveLength(1);
    expect(encodes()).toBe(1);

    notes.set('n1', 'edited');
    notes.set('n2', 'edited too');
    const afterEdits = join.messages();
    expect(afterEdits).toHaveLength(2);
    // The same tail: the same merged message, no new encode.
    expect(join.messages()[1]).toBe(afterEdits[1]);
    expect(encodes()).toBe(1);

    // A long tail (hundreds of edits since the base) is folded into a fresh base at the next join.
    for (let i = 0; i < 300; i++) notes.set(`n${i % 200}`, `edit ${i}`);
    expect(join.messages()).toHaveLength(1);
    expect(encodes()).toBe(2);
    expect(joinWith(join.messages()).getMap('notes').toJSON()).toEqual(notes.toJSON());
  });
});
