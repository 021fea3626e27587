import type * as Y from 'yjs';
import { actionsMap, addAction, addQuestion, lastOrders, questionsMap } from '../../lib/actions';
import { addNote, isLivePersona, notesMap } from '../../lib/board';
import { newId } from '../../lib/ids';
import { journeyStepsMap } from '../../lib/journey';
import { LIMITS } from '../../lib/limits';
import type { NoteColor } from '../../lib/note';
import type { QuadrantId } from '../../lib/quadrants';
import { refusalText } from '../../lib/refusals';
import type { Result } from '../../lib/result';
import type { CommandReply } from '../../lib/session/commands';
import type { DraftKind } from '../../lib/session/drafts';
import type { DraftRow } from '../storage/DraftStore';

/** What a record adds to the encoded board at most, besides its text and author name (measured: about 300 bytes for a note). */
const RECORD_OVERHEAD_BYTES = 384;

/** What a reveal wrote, and what it had to leave pending. */
export interface RevealOutcome {
  revealed: DraftRow[];
  /** Left pending: the board would pass its size cap or the cap of that kind of record. */
  leftForSpace: number;
  /** Left pending: their persona (or journey step) was deleted since (restoring it lets them out). */
  leftForPersona: number;
}

/**
 * What the facilitator is told when a reveal could not write everything: one keyed sentence
 * (`lib/refusals.ts`), so their screen words it in their language with its plurals.
 */
export function revealReply({ revealed, leftForSpace: full, leftForPersona: gone }: RevealOutcome): CommandReply {
  if (full === 0 && gone === 0) return { ok: true };
  const count = revealed.length;
  if (gone === 0) return { ok: true, notice: refusalText('revealedBoardFull', { count, full }) };
  if (full === 0) return { ok: true, notice: refusalText('revealedStepsGone', { count, gone }) };
  return { ok: true, notice: refusalText('revealedBoardFullStepsGone', { count, full, gone }) };
}

export interface RevealContext {
  /** Participants' names by id (named drafts are signed with them). */
  names: ReadonlyMap<string, string>;
  /** The reveal's time: anonymous records take it instead of their draft's. */
  now: number;
  /** Encoded bytes the board may still grow by. */
  room: number;
}

const CAPS: Record<DraftKind, number> = {
  note: LIMITS.notesPerWorkshop,
  journeyNote: LIMITS.notesPerWorkshop,
  question: LIMITS.questionsPerWorkshop,
  action: LIMITS.actionsPerWorkshop,
};

/**
 * Writes drafts (already in their final order) into `doc`, inside the caller's transaction,
 * linear in their number: each root's record count and each persona's last question and action
 * `order` are read once, not per draft. Records keep the draft's id, so a reveal applies once.
 * Named records keep their draft's time; anonymous ones take the reveal's, and anonymous notes
 * an unlinkable author id and no name. Questions and actions carry no author (the server's doc
 * writes them) and no owner: an owner is picked on the board, by anyone, after the reveal.
 */
export function writeDrafts(doc: Y.Doc, drafts: readonly DraftRow[], context: RevealContext): RevealOutcome {
  const outcome: RevealOutcome = { revealed: [], leftForSpace: 0, leftForPersona: 0 };
  const writer = new DraftWriter(doc, context);
  for (const draft of drafts) {
    const verdict = writer.write(draft);
    if (verdict === 'written') outcome.revealed.push(draft);
    else if (verdict === 'no-room') outcome.leftForSpace += 1;
    else outcome.leftForPersona += 1;
  }
  return outcome;
}

type Root = 'notes' | 'questions' | 'actions';

/** One reveal's writes: the board's counts, room and per-persona orders, each read once. */
class DraftWriter {
  private readonly maps: Record<Root, Y.Map<Y.Map<unknown>>>;
  private readonly counts: Record<Root, number>;
  private readonly orders: Partial<Record<'questions' | 'actions', Map<string, number>>> = {};
  private room: number;

  constructor(
    private readonly doc: Y.Doc,
    private readonly context: RevealContext,
  ) {
    this.maps = { notes: notesMap(doc), questions: questionsMap(doc), actions: actionsMap(doc) };
    this.counts = { notes: this.maps.notes.size, questions: this.maps.questions.size, actions: this.maps.actions.size };
    this.room = context.room;
  }

  write(draft: DraftRow): 'written' | 'no-room' | 'gone' {
    const root = rootOf(draft.kind);
    if (this.maps[root].has(draft.id)) return 'written'; // by an earlier reveal that was not marked
    const authorName = draft.isAnonymous ? '' : (this.context.names.get(draft.participantId) ?? '');
    const bytes = RECORD_OVERHEAD_BYTES + Buffer.byteLength(draft.text) + Buffer.byteLength(authorName);
    if (bytes > this.room || this.counts[root] >= CAPS[draft.kind]) return 'no-room';
    if (!isLivePersona(this.doc, draft.personaId) || !isOnLiveStep(this.doc, draft)) return 'gone';
    if (!this.add(root, draft, authorName).ok) return 'gone';
    this.room -= bytes;
    this.counts[root] += 1;
    return 'written';
  }

  private add(root: Root, draft: DraftRow, authorName: string): Result<unknown> {
    const createdAt = draft.isAnonymous ? this.context.now : draft.createdAt;
    if (root !== 'notes') {
      const add = root === 'questions' ? addQuestion : addAction;
      const place = { id: draft.id, order: this.nextOrder(root, draft.personaId), count: this.counts[root] };
      return add(this.doc, { personaId: draft.personaId, text: draft.text, now: createdAt }, place);
    }
    const note = {
      id: draft.id,
      personaId: draft.personaId,
      quadrant: draft.quadrant as QuadrantId,
      ...(draft.journeyStepId === null ? {} : { journeyStepId: draft.journeyStepId }),
      color: draft.color as NoteColor,
      text: draft.text,
      authorId: draft.isAnonymous ? newId() : draft.participantId,
      authorName,
      now: createdAt,
    };
    return addNote(this.doc, note, this.counts.notes);
  }

  /** The next `order` among the persona's questions or actions (their last one read once per reveal). */
  private nextOrder(root: 'questions' | 'actions', personaId: string): number {
    const last = (this.orders[root] ??= lastOrders(this.maps[root]));
    const order = (last.get(personaId) ?? 0) + 1;
    last.set(personaId, order);
    return order;
  }
}

function rootOf(kind: DraftKind): Root {
  if (kind === 'question') return 'questions';
  if (kind === 'action') return 'actions';
  return 'notes';
}

/** A journey note's step is still on the board (an undo may bring a deleted one back); true for other kinds. */
function isOnLiveStep(doc: Y.Doc, draft: DraftRow): boolean {
  if (draft.kind !== 'journeyNote' || draft.journeyStepId === null) return true;
  return journeyStepsMap(doc).get(draft.journeyStepId)?.get('personaId') === draft.personaId;
}
