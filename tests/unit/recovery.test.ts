import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addNote,
  deleteNote,
  editNoteText,
  metaMap,
  moveNote,
  notesMap,
  readBoard,
  readNotes,
  setNoteColor,
  setNoteEvidence,
} from '../../lib/board';
import type { Refusal } from '../../lib/boardNotices';
import { applyRecordChanges, sortRefused, unsyncedChanges, type RecordChange, type RefusalHistory } from '../../lib/recovery';
import { validateUpdate, type UpdateAuthor } from '../../server/yjs/validateUpdate';
import { takeOver } from '../../components/sync/boardRecovery';
import { ANN, BOB, diff, newBoard, noteInput, syncedCopy } from './helpers/boardDocs';

/**
 * How a browser recovers from a refused update (lib/recovery.ts): its un-synced changes, by
 * record, re-applied to a fresh doc from the server minus the refused ones, under a new client id.
 */

const FACILITATOR: UpdateAuthor = { participantId: 'fac0000000000009', name: 'Facilitator', role: 'facilitator' };

function room() {
  const { doc: server, persona } = newBoard();
  const bob = syncedCopy(server, 20);
  const bobs = addNote(bob, noteInput(persona.id, { authorId: BOB.participantId, authorName: BOB.name, text: 'Bob’s', now: 10 }));
  const ann = syncedCopy(server, 10);
  const annsOld = addNote(ann, noteInput(persona.id, { text: 'Ann’s old', now: 11 }));
  if (!bobs.ok || !annsOld.ok) throw new Error('setup');
  Y.applyUpdate(server, diff(bob, server));
  Y.applyUpdate(server, diff(ann, server));
  Y.applyUpdate(ann, diff(server, ann));
  return { server, persona, ann, bobNote: bobs.value.id, annNote: annsOld.value.id };
}

/** What the server sends a fresh connection: its whole state, in a doc with a new client id. */
function fresh(server: Y.Doc): Y.Doc {
  return syncedCopy(server, 99);
}

const refusal = (reason: Refusal['reason'], root: string | null, record: string | null, field: string | null): Refusal => ({
  reason,
  root,
  record,
  field,
});

describe('unsyncedChanges', () => {
  it('finds new records, field writes, field removals and deletes made offline, by record', () => {
    const { server, persona, ann, bobNote, annNote } = room();
    const added = addNote(ann, noteInput(persona.id, { text: 'typed offline', now: 20 }));
    if (!added.ok) throw new Error(added.error);
    moveNote(ann, bobNote, 'gains');
    setNoteEvidence(ann, bobNote, null);
    deleteNote(ann, annNote);
    const changes = unsyncedChanges(ann, fresh(server));
    expect(changes).toEqual(
      expect.arrayContaining<RecordChange>([
        { kind: 'create', root: 'notes', record: added.value.id, values: expect.objectContaining({ text: 'typed offline' }) },
        { kind: 'set', root: 'notes', record: bobNote, field: 'quadrant', value: 'gains' },
        { kind: 'set', root: 'notes', record: bobNote, field: 'evidence', value: null },
        { kind: 'delete', root: 'notes', record: annNote },
      ]),
    );
    expect(changes).toHaveLength(4);
  });

  it('finds nothing for a note added and deleted offline (an honest client then sends GC structs)', () => {
    const { server, persona, ann } = room();
    const added = addNote(ann, noteInput(persona.id, { now: 30 }));
    if (!added.ok) throw new Error(added.error);
    editNoteText(ann, added.value.id, 'second thoughts');
    deleteNote(ann, added.value.id);
    expect(unsyncedChanges(ann, fresh(server))).toEqual([]);
  });

  it("finds a field removed offline, and the facilitator's meta changes", () => {
    const { server, ann, bobNote } = room();
    setNoteEvidence(ann, bobNote, 'observed');
    Y.applyUpdate(server, diff(ann, server));
    notesMap(ann).get(bobNote)!.delete('evidence');
    metaMap(ann).set('title', 'Renamed offline');
    expect(unsyncedChanges(ann, fresh(server))).toEqual([
      { kind: 'set', root: 'meta', record: null, field: 'title', value: 'Renamed offline' },
      { kind: 'unset', root: 'notes', record: bobNote, field: 'evidence' },
    ]);
  });
});

describe('a refused update, recovered', () => {
  it('keeps everything but the refused change, and the server accepts the rest under a new client id', () => {
    const { server, persona, ann, bobNote, annNote } = room();
    const added = addNote(ann, noteInput(persona.id, { text: 'typed offline', now: 20 }));
    if (!added.ok) throw new Error(added.error);
    moveNote(ann, bobNote, 'gains');
    editNoteText(ann, bobNote, 'Ann rewrote Bob’s note'); // what the server refuses
    deleteNote(ann, annNote);
    const verdict = validateUpdate(server, diff(ann, server), { author: ANN, docBytes: 0 });
    if (verdict.ok) throw new Error('expected a refusal');
    expect(verdict.refusals).toEqual([refusal('not-author', 'notes', bobNote, 'text')]);
    const next = fresh(server);
    const { notice: message } = takeOver(next, { previousDoc: ann, refusals: verdict.refusals, history: new Map() });
    expect(message).toBe('Your change to a note was not saved. Only its author or the facilitator can change or delete a note.');
    const resent = diff(next, server);
    expect(validateUpdate(server, resent, { author: ANN, docBytes: 0 })).toMatchObject({ ok: true });
    Y.applyUpdate(server, resent);
    const notes = readNotes(server);
    expect(notes.map((n) => n.text).sort()).toEqual(['Bob’s', 'typed offline']);
    expect(notes.find((n) => n.id === bobNote)?.quadrant).toBe('gains');
    expect(readBoard(next)).toEqual(readBoard(server));
  });

  it("keeps what others changed meanwhile on the same record (only this device's fields are re-applied)", () => {
    const { server, ann, bobNote } = room();
    moveNote(ann, bobNote, 'gains');
    const bob = syncedCopy(server, 21);
    setNoteColor(bob, bobNote, 'purple');
    Y.applyUpdate(server, diff(bob, server));
    const next = fresh(server);
    expect(takeOver(next, { previousDoc: ann, refusals: [refusal('foreign-client', null, null, null)], history: new Map() })).toEqual({
      notice: null,
      drafts: [],
    });
    Y.applyUpdate(server, diff(next, server));
    expect(readNotes(server).find((n) => n.id === bobNote)).toMatchObject({ quadrant: 'gains', color: 'purple' });
  });

  it('lets the facilitator re-create a deleted note under its original author; a participant only their own', () => {
    const { server, ann, bobNote } = room();
    const facilitator = syncedCopy(server, 30);
    const original = notesMap(facilitator).get(bobNote)!.toJSON() as Record<string, unknown>;
    deleteNote(facilitator, bobNote);
    expect(validateUpdate(server, diff(facilitator, server), { author: FACILITATOR, docBytes: 0 })).toMatchObject({ ok: true });
    Y.applyUpdate(server, diff(facilitator, server));
    const undo: RecordChange[] = [{ kind: 'create', root: 'notes', record: bobNote, values: original }];
    const byAnn = syncedCopy(server, 31);
    applyRecordChanges(byAnn, undo);
    expect(validateUpdate(server, diff(byAnn, server), { author: ANN, docBytes: 0 })).toMatchObject({ ok: false, error: 'forged author' });
    const byFacilitator = syncedCopy(server, 32);
    applyRecordChanges(byFacilitator, undo);
    expect(validateUpdate(server, diff(byFacilitator, server), { author: FACILITATOR, docBytes: 0 })).toMatchObject({ ok: true });
    Y.applyUpdate(server, diff(byFacilitator, server));
    expect(readNotes(server).find((n) => n.id === bobNote)).toEqual(original);
    expect(ann).toBeDefined();
  });
});

describe('sortRefused', () => {
  const changes: RecordChange[] = [
    { kind: 'create', root: 'notes', record: 'n000000000000001', values: { text: 'a' } },
    { kind: 'set', root: 'notes', record: 'n000000000000002', field: 'text', value: 'b' },
    { kind: 'set', root: 'notes', record: 'n000000000000002', field: 'color', value: 'pink' },
    { kind: 'delete', root: 'notes', record: 'n000000000000003' },
  ];

  it('drops what a refusal names: a field, a whole record, or a new record with a bad field', () => {
    const sorted = sortRefused(
      changes,
      [refusal('not-author', 'notes', 'n000000000000002', 'text'), refusal('invalid-value', 'notes', 'n000000000000001', 'quadrant')],
      new Map(),
    );
    expect(sorted.dropped).toEqual([changes[0], changes[1]]);
    expect(sorted.kept).toEqual([changes[2], changes[3]]);
    expect(sorted.cause?.reason).toBe('not-author');
  });

  it('drops every write (not the deletes) when the board is full', () => {
    const sorted = sortRefused(changes, [refusal('board-full', null, null, null)], new Map());
    expect(sorted.kept).toEqual([changes[3]]);
  });

  it('re-sends changes that are fine in themselves once; the second refusal drops them: no change is retried twice', () => {
    const history: RefusalHistory = new Map();
    const outOfOrder = [refusal('missing-dependency', null, null, null)];
    expect(sortRefused(changes, outOfOrder, history)).toMatchObject({ kept: changes, dropped: [], cause: null });
    expect(sortRefused(changes, outOfOrder, history)).toMatchObject({ kept: [], dropped: changes });
    const named = [refusal('foreign-client', 'notes', 'n000000000000002', 'color')];
    expect(sortRefused(changes, named, history).dropped).toEqual([]);
    expect(sortRefused(changes, named, history).dropped).toEqual([changes[2]]);
  });
});
