import type * as Y from 'yjs';
import { actionsMap, addAction, addQuestion, lastOrders, questionsMap } from '../../lib/actions';
import { addNote, isLivePersona, notesMap } from '../../lib/board';
import { newId } from '../../lib/ids';
import { journeyStepsMap } from '../../lib/journey';
import { LIMITS } from '../../lib/limits';
import type { NoteColor } from '../../lib/note';
import type { QuadrantId } from '../../lib/quadrants';
import type { Result } from '../../lib/result';
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
  const maps = { notes: notesMap(doc), questions: questionsMap(doc), actions: actionsMap(doc) };
  const counts = { notes: maps.notes.size, questions: maps.questions.size, actions: maps.actions.size };
  const orders: { questions?: Map<string, number>; actions?: Map<string, number> } = {};
  const nextOrder = (root: 'questions' | 'actions', personaId: string): number => {
    const last = (orders[root] ??= lastOrders(maps[root]));
    const order = (last.get(personaId) ?? 0) + 1;
    last.set(personaId, order);
    return order;
  };
  let room = context.room;
  for (const draft of drafts) {
    const root = rootOf(draft.kind);
    if (maps[root].has(draft.id)) {
      outcome.revealed.push(draft); // written by an earlier reveal that was not marked
      continue;
    }
    const authorName = draft.isAnonymous ? '' : (context.names.get(draft.participantId) ?? '');
    const bytes = RECORD_OVERHEAD_BYTES + Buffer.byteLength(draft.text) + Buffer.byteLength(authorName);
    if (bytes > room || counts[root] >= CAPS[draft.kind]) {
      outcome.leftForSpace += 1;
      continue;
    }
    if (!isLivePersona(doc, draft.personaId) || !isOnLiveStep(doc, draft)) {
      outcome.leftForPersona += 1;
      continue;
    }
    const createdAt = draft.isAnonymous ? context.now : draft.createdAt;
    const written: Result<unknown> =
      root === 'notes'
        ? addNote(
            doc,
            {
              id: draft.id,
              personaId: draft.personaId,
              quadrant: draft.quadrant as QuadrantId,
              ...(draft.journeyStepId === null ? {} : { journeyStepId: draft.journeyStepId }),
              color: draft.color as NoteColor,
              text: draft.text,
              authorId: draft.isAnonymous ? newId() : draft.participantId,
              authorName,
              now: createdAt,
            },
            counts.notes,
          )
        : (root === 'questions' ? addQuestion : addAction)(
            doc,
            { personaId: draft.personaId, text: draft.text, now: createdAt },
            { id: draft.id, order: nextOrder(root, draft.personaId), count: counts[root] },
          );
    if (!written.ok) {
      outcome.leftForPersona += 1;
      continue;
    }
    room -= bytes;
    counts[root] += 1;
    outcome.revealed.push(draft);
  }
  return outcome;
}

function rootOf(kind: DraftKind): 'notes' | 'questions' | 'actions' {
  if (kind === 'question') return 'questions';
  if (kind === 'action') return 'actions';
  return 'notes';
}

/** A journey note's step is still on the board (an undo may bring a deleted one back); true for other kinds. */
function isOnLiveStep(doc: Y.Doc, draft: DraftRow): boolean {
  if (draft.kind !== 'journeyNote' || draft.journeyStepId === null) return true;
  return journeyStepsMap(doc).get(draft.journeyStepId)?.get('personaId') === draft.personaId;
}
