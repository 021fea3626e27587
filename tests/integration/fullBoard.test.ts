import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addNote, deleteNote, notesMap, readNotes, readPersonas } from '../../lib/board';
import type { BoardNotice } from '../../lib/boardNotices';
import { LIMITS } from '../../lib/limits';
import { Harness, synced, watchNotices } from './harness';

/**
 * A board at its 8 MiB cap recovers: deletes that shrink it and the facilitator's changes go
 * through, participants' other writes are refused in band, and everyone is told from 90 % on.
 */

let h: Harness;
/** Filling and compacting 8 MiB keeps a loaded machine's event loop busy for seconds. */
const SLOW = { timeout: 20_000 };
beforeEach(async () => {
  h = new Harness();
  await h.start();
});
afterEach(() => h.close());

const BIG = 'x'.repeat(LIMITS.noteTextChars);

async function room() {
  const created = await h.createWorkshop();
  const facilitatorSession = await h.facilitator(created.code, created.facilitatorKey);
  const ann = await h.join(created.code, 'Ann');
  const annProvider = h.provider(created.code, ann.token);
  const annNotices = watchNotices(annProvider);
  await synced(annProvider);
  const facilitator = h.provider(created.code, facilitatorSession.token);
  await synced(facilitator);
  const workshopId = (await h.server.storage.workshops.byCode(created.code))!.id;
  const personaId = readPersonas(annProvider.doc)[0]!.id;
  /** Server-side writes of Ann's big notes until the board's encoded size reaches `share` of the limit. */
  const fillTo = async (share: number) =>
    await h.server.rooms.change(workshopId, (doc) => {
      while (Y.encodeStateAsUpdate(doc).byteLength < LIMITS.docBytes * share) {
        doc.transact(() => {
          for (let i = 0; i < 200; i++)
            addNote(doc, { personaId, quadrant: 'sees', text: BIG, authorId: ann.participantId, authorName: 'Ann' });
        });
      }
    });
  return { created, ann, annProvider, annNotices, facilitator, workshopId, personaId, fillTo };
}

const sizes = (notices: BoardNotice[]) => notices.filter((n) => n.kind === 'size');
const refusals = (notices: BoardNotice[]) => notices.flatMap((n) => (n.kind === 'refused' ? n.refusals.map((r) => r.reason) : []));

describe('a full board', () => {
  it('warns everyone from 90 %, refuses participants past the cap, still takes deletes and the facilitator', async () => {
    const r = await room();
    await r.fillTo(0.91);
    await vi.waitFor(
      () => expect(sizes(r.annNotices).at(-1)).toMatchObject({ kind: 'size', isNearlyFull: true, limitBytes: LIMITS.docBytes }),
      SLOW,
    );

    // A connection opened now is told at once.
    const late = h.provider(r.created.code, (await h.join(r.created.code, 'Late')).token);
    const lateNotices = watchNotices(late);
    await synced(late);
    await vi.waitFor(async () => expect(sizes(lateNotices)).toMatchObject([{ isNearlyFull: true }]), SLOW);

    await r.fillTo(1.01);
    const added = addNote(r.annProvider.doc, {
      personaId: r.personaId,
      quadrant: 'gains',
      text: 'one more',
      authorId: r.ann.participantId,
      authorName: 'Ann',
    });
    if (!added.ok) throw new Error(added.error);
    await vi.waitFor(async () => expect(refusals(r.annNotices)).toContain('board-full'), SLOW);
    expect(r.annProvider.wsconnected).toBe(true); // in band: no close, no reconnect

    // The facilitator's note goes through; so does Ann deleting her own notes.
    const byFacilitator = addNote(r.facilitator.doc, {
      personaId: r.personaId,
      quadrant: 'pains',
      text: 'Facilitator on a full board',
      authorId: (await h.facilitator(r.created.code, r.created.facilitatorKey)).participantId,
      authorName: 'Facilitator',
    });
    expect(byFacilitator.ok).toBe(true);
    await vi.waitFor(
      async () =>
        expect((await h.server.rooms.readDoc(r.workshopId, readNotes)).some((n) => n.text === 'Facilitator on a full board')).toBe(true),
      SLOW,
    );
    const mine = readNotes(r.annProvider.doc).filter((n) => n.text === BIG);
    r.annProvider.doc.transact(() => {
      for (const note of mine.slice(0, Math.ceil(mine.length * 0.3))) deleteNote(r.annProvider.doc, note.id);
    });
    await vi.waitFor(
      async () => expect(await h.server.rooms.readDoc(r.workshopId, (doc) => notesMap(doc).size)).toBeLessThan(mine.length),
      SLOW,
    );
    // Compacted near the limit, the board measures under 90 % again and everyone is told.
    await vi.waitFor(async () => expect(sizes(r.annNotices).at(-1)).toMatchObject({ isNearlyFull: false }), SLOW);
    // Ann's refused note blocks her old client id (later structs build on it): as the browser
    // does, a fresh doc takes over, and her next note goes through.
    const fresh = h.provider(r.created.code, r.ann.token, new Y.Doc());
    await synced(fresh);
    const again = addNote(fresh.doc, {
      personaId: r.personaId,
      quadrant: 'gains',
      text: 'room again',
      authorId: r.ann.participantId,
      authorName: 'Ann',
    });
    expect(again.ok).toBe(true);
    await vi.waitFor(
      async () => expect((await h.server.rooms.readDoc(r.workshopId, readNotes)).some((n) => n.text === 'room again')).toBe(true),
      SLOW,
    );
  }, 90_000);
});
