import * as Y from 'yjs';
import { z } from 'zod';
import { ActionItemSchema, QuestionSchema, readActions, readQuestions } from '../lib/actions';
import { BOARD_ROOTS, metaMap, notesMap, personasMap, readAllPersonas, readBoard, readNotes } from '../lib/board';
import { GroupSchema, groupsMap, readGroups } from '../lib/groups';
import { EXPORT_FORMAT } from '../lib/importFormat';
import { JourneyStepSchema, journeyStepsMap, readJourneySteps } from '../lib/journey';
import { NoteSchema } from '../lib/note';
import { MetaSchema, PersonaSchema } from '../lib/persona';
import { CustomProfileFieldsSchema, HiddenProfileFieldsSchema } from '../lib/profile';
import { QuadrantsSchema, TemplateIdSchema } from '../lib/quadrants';
import { parseImport } from '../server/workshops/importWorkshop';
import type { HonestPeer } from './yjsStructsPeers';
import { LocaleSchema } from '../lib/i18n/locales';

/** The invariants `yjs-structs` checks after each batch; each returns the problems it found. */

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.byteLength === b.byteLength && a.every((v, i) => v === b[i]);

/** Facilitator-only fields: `meta` exactly as it was (only a participant attacks). */
export function metaUnchanged(doc: Y.Doc, before: string): string[] {
  const now = JSON.stringify(metaMap(doc).toJSON());
  return now === before ? [] : [`meta changed: ${now.slice(0, 200)}`];
}

/** Only the board's roots, and every record in them reads back valid (nothing half-made or broken). */
export function recordsValid(doc: Y.Doc): string[] {
  const problems: string[] = [];
  const unknown = [...doc.share.keys()].filter((key) => !Object.values(BOARD_ROOTS).includes(key as never));
  if (unknown.length > 0) problems.push(`unknown roots: ${unknown.join(', ')}`);
  const counts: [string, number, number][] = [
    ['notes', notesMap(doc).size, readNotes(doc).length],
    ['personas', personasMap(doc).size, readAllPersonas(doc).length],
    ['groups', groupsMap(doc).size, readGroups(doc).length],
    ['journeySteps', journeyStepsMap(doc).size, readJourneySteps(doc).length],
    ['questions', doc.getMap(BOARD_ROOTS.questions).size, readQuestions(doc).length],
    ['actions', doc.getMap(BOARD_ROOTS.actions).size, readActions(doc).length],
  ];
  for (const [root, stored, valid] of counts)
    if (stored !== valid) problems.push(`${root}: ${stored - valid} of ${stored} records invalid`);
  if (notesMap(doc).size !== readNotes(doc).length) {
    const valid = new Set(readNotes(doc).map((note) => note.id));
    for (const [key, note] of notesMap(doc))
      if (!valid.has(key)) problems.push(`invalid note ${key}: ${JSON.stringify(note.toJSON()).slice(0, 300)}`);
  }
  if (!MetaSchema.safeParse(metaMap(doc).toJSON()).success) problems.push('meta invalid');
  return problems;
}

/** Every note an honest peer wrote (and did not delete) is there, its author and time untouched, its text its author's. */
export function honestNotesIntact(doc: Y.Doc, peers: readonly HonestPeer[]): string[] {
  const problems: string[] = [];
  const notes = new Map(readNotes(doc).map((note) => [note.id, note]));
  for (const peer of peers) {
    for (const expected of peer.notes.values()) {
      if (peer.offlineNotes.has(expected.id)) continue; // still on its device
      const note = notes.get(expected.id);
      if (!note) {
        problems.push(`${peer.seat.name}'s note ${expected.id} is gone`);
        continue;
      }
      const { id, personaId, authorId, authorName, createdAt } = note;
      if (JSON.stringify({ id, personaId, authorId, authorName, createdAt }) !== JSON.stringify(expected)) {
        problems.push(`${peer.seat.name}'s note ${expected.id} changed: ${JSON.stringify(note).slice(0, 200)}`);
      }
      const ownText = notesMap(peer.doc).get(expected.id)?.get('text');
      if (!peer.isOffline && ownText !== note.text)
        problems.push(`${peer.seat.name}'s note ${expected.id} has text the author did not write`);
    }
  }
  return problems;
}

/** Waits until every doc holds the same state and board; returns what still differs after `timeoutMs`. */
export async function converged(docs: readonly { name: string; doc: Y.Doc }[], timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [first, ...rest] = docs;
    const vector = Y.encodeStateVector(first!.doc);
    const board = JSON.stringify(readBoard(first!.doc));
    const apart = rest.filter(({ doc }) => !sameBytes(Y.encodeStateVector(doc), vector) || JSON.stringify(readBoard(doc)) !== board);
    if (apart.length === 0) return [];
    if (Date.now() > deadline) return apart.map(({ name }) => `${name} diverged from ${first!.name}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The same state vector and board in two docs (a fresh client against a long-lived one, or across a restart). */
export function sameDoc(a: Y.Doc, b: Y.Doc, what: string): string[] {
  if (!sameBytes(Y.encodeStateVector(a), Y.encodeStateVector(b))) {
    const [va, vb] = [Y.decodeStateVector(Y.encodeStateVector(a)), Y.decodeStateVector(Y.encodeStateVector(b))];
    const clients = [...new Set([...va.keys(), ...vb.keys()])].filter((c) => va.get(c) !== vb.get(c));
    return [`${what}: state vectors differ at ${clients.map((c) => `${c}: ${va.get(c)} vs ${vb.get(c)}`).join(', ')}`];
  }
  return JSON.stringify(readBoard(a)) === JSON.stringify(readBoard(b)) ? [] : [`${what}: boards differ`];
}

const ExportSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  code: z.string(),
  title: z.string(),
  exportedAt: z.string(),
  locale: LocaleSchema,
  profile: z.strictObject({ hidden: HiddenProfileFieldsSchema, custom: CustomProfileFieldsSchema }),
  template: TemplateIdSchema,
  quadrants: QuadrantsSchema,
  personas: z.array(
    z.strictObject({
      ...PersonaSchema.shape,
      notes: z.array(z.strictObject(NoteSchema.shape)),
      journeySteps: z.array(z.strictObject(JourneyStepSchema.shape)),
      questions: z.array(z.strictObject(QuestionSchema.shape)),
      actions: z.array(z.strictObject(ActionItemSchema.shape)),
    }),
  ),
  notes: z.array(z.strictObject(NoteSchema.shape)),
  groups: z.array(z.strictObject(GroupSchema.shape)),
});

/** `export.json` validates against the schemas, and imports. */
export async function exportValid(url: string, code: string, facilitatorKey: string): Promise<string[]> {
  const res = await fetch(`${url}/api/workshops/${code}/export.json`, { headers: { authorization: `Bearer ${facilitatorKey}` } });
  if (res.status !== 200) return [`export.json answered ${res.status}`];
  const body: unknown = await res.json();
  const parsed = ExportSchema.safeParse(body);
  if (!parsed.success) return [`export.json invalid: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`];
  const imported = parseImport(body, 'imp0000000000000');
  return imported.ok ? [] : [`export.json does not import: ${imported.error}`];
}
