import { randomInt } from 'node:crypto';
import { addNote, isLivePersona, notesMap } from '../../lib/board';
import { newId } from '../../lib/ids';
import { LIMITS } from '../../lib/limits';
import type { NoteColor } from '../../lib/note';
import type { QuadrantId } from '../../lib/quadrants';
import type { CommandReply, DraftCommand } from '../../lib/session/commands';
import type { DraftView } from '../../lib/session/drafts';
import { currentStep, type SessionState } from '../../lib/session/state';
import type { Identity } from '../identity';
import type { ServerLimits } from '../limits';
import type { DraftRow, Store } from '../storage/Store';
import type { RoomRegistry } from '../yjs/RoomRegistry';
import { activePersonaId } from './activePersona';
import { DraftBook } from './DraftBook';

/** What a note adds to the encoded board at most, besides its text and author name (measured: about 300 bytes). */
const NOTE_OVERHEAD_BYTES = 384;

const done: CommandReply = { ok: true };
const refuse = (error: string, status?: 409): CommandReply => (status ? { ok: false, error, status } : { ok: false, error });

/** What a reveal wrote, and what it had to leave pending. */
export interface RevealOutcome {
  revealed: DraftRow[];
  /** Left pending: the board would pass its size or note cap. */
  leftForSpace: number;
  /** Left pending: their persona was deleted since (restoring it lets them out). */
  leftForPersona: number;
}

/**
 * Private writing. A draft lives only in SQLite (and the `DraftBook` in memory) and on its
 * author's screens until the facilitator reveals it: then the server writes it into the board
 * doc, once (the note takes the draft's id). In an anonymous step the note carries no name, an
 * unlinkable author id, the reveal's time and a shuffled place; the drafts table forgets its author.
 */
export class Drafts {
  readonly book: DraftBook;

  constructor(
    private readonly store: Store,
    private readonly rooms: RoomRegistry,
    private readonly limits: Pick<ServerLimits, 'draftsPerParticipant' | 'draftsPerWorkshop'>,
    private readonly now: () => number,
  ) {
    this.book = new DraftBook(store.drafts);
  }

  apply(identity: Identity, command: DraftCommand, session: SessionState): { reply: CommandReply; revealed: DraftRow[] } {
    const { workshopId, participantId } = identity;
    switch (command.type) {
      case 'draft.add':
        return this.add(identity, command, session);
      case 'draft.edit':
        return {
          reply: this.book.edit(command.draftId, participantId, command.text)
            ? done
            : refuse('That private note was already revealed or deleted.'),
          revealed: [],
        };
      case 'draft.delete':
        return {
          reply: this.book.delete(workshopId, command.draftId, participantId)
            ? done
            : refuse('That private note was already revealed or deleted.'),
          revealed: [],
        };
      case 'drafts.reveal': {
        const outcome = this.reveal(workshopId, this.book.all(workshopId));
        return { reply: revealReply(outcome), revealed: outcome.revealed };
      }
    }
  }

  private add(
    identity: Identity,
    command: Extract<DraftCommand, { type: 'draft.add' }>,
    session: SessionState,
  ): { reply: CommandReply; revealed: DraftRow[] } {
    const refusal = this.refuseAdd(identity, command.draftId, session);
    if (refusal) return { reply: refusal, revealed: [] };
    const step = currentStep(session);
    const personaId = activePersonaId(this.rooms, identity.workshopId, session);
    if (!personaId) return { reply: refuse('There is no persona to add notes to.'), revealed: [] };
    const draft: DraftRow = {
      id: command.draftId,
      workshopId: identity.workshopId,
      participantId: identity.participantId,
      stepId: step.id,
      personaId,
      quadrant: command.quadrant,
      text: command.text,
      color: command.color,
      isAnonymous: step.isAnonymous,
      createdAt: this.now(),
    };
    // An id the table already holds is a draft revealed before: this is a retry, already done.
    if (!this.book.add(draft)) return { reply: done, revealed: [] };
    // Anonymous but not private: nothing to wait for.
    if (step.isPrivate) return { reply: done, revealed: [] };
    const outcome = this.reveal(identity.workshopId, [draft]);
    return {
      reply: outcome.revealed.length > 0 ? done : { ok: true, notice: 'Your note waits with the facilitator: the board is full.' },
      revealed: outcome.revealed,
    };
  }

  private refuseAdd(identity: Identity, draftId: string, session: SessionState): CommandReply | null {
    const { workshopId, participantId } = identity;
    const step = currentStep(session);
    if (!step.isPrivate && !step.isAnonymous) return refuse('This step is not for private notes: add your note to the board.', 409);
    if (session.isBoardLocked && identity.role !== 'facilitator') return refuse('The board is locked.');
    const existing = this.book.authorOf(draftId);
    if (existing) return existing.participantId === participantId ? null : refuse('That private note id is taken.', 409);
    const mine = this.book.countOf(workshopId, participantId);
    if (mine >= this.limits.draftsPerParticipant) {
      return refuse(`You have ${mine} private notes waiting, the most one person may hold before the reveal.`, 409);
    }
    const all = this.book.count(workshopId);
    if (all >= this.limits.draftsPerWorkshop) {
      return refuse(`This workshop has ${all} private notes waiting, the most it may hold. Ask the facilitator to reveal them.`, 409);
    }
    return null;
  }

  /**
   * Writes drafts into the board in one change, linear in their number, within the board's
   * size and note caps: what does not fit stays pending (nothing is lost). Named notes keep
   * their time and order; anonymous ones are shuffled and take the reveal's time, so neither
   * their place in the document nor their timestamp points at whoever wrote them.
   */
  reveal(workshopId: string, drafts: readonly DraftRow[]): RevealOutcome {
    const outcome: RevealOutcome = { revealed: [], leftForSpace: 0, leftForPersona: 0 };
    if (drafts.length === 0) return outcome;
    const now = this.now();
    const names = new Map(this.store.participantsOf(workshopId).map((p) => [p.id, p.name]));
    const ordered = [...drafts.filter((draft) => !draft.isAnonymous), ...shuffled(drafts.filter((draft) => draft.isAnonymous))];
    let room = LIMITS.docBytes - this.rooms.approximateBytes(workshopId);
    this.rooms.change(workshopId, (doc) => {
      const notes = notesMap(doc);
      let noteCount = notes.size; // counted once: Y.Map's size walks every entry
      for (const draft of ordered) {
        if (notes.has(draft.id)) {
          outcome.revealed.push(draft); // written by an earlier reveal that was not marked
          continue;
        }
        const authorName = draft.isAnonymous ? '' : (names.get(draft.participantId) ?? '');
        const bytes = NOTE_OVERHEAD_BYTES + Buffer.byteLength(draft.text) + Buffer.byteLength(authorName);
        if (bytes > room || noteCount >= LIMITS.notesPerWorkshop) {
          outcome.leftForSpace += 1;
          continue;
        }
        if (!isLivePersona(doc, draft.personaId)) {
          outcome.leftForPersona += 1;
          continue;
        }
        const added = addNote(
          doc,
          {
            id: draft.id,
            personaId: draft.personaId,
            quadrant: draft.quadrant as QuadrantId,
            color: draft.color as NoteColor,
            text: draft.text,
            authorId: draft.isAnonymous ? newId() : draft.participantId,
            authorName,
            now: draft.isAnonymous ? now : draft.createdAt,
          },
          noteCount,
        );
        if (!added.ok) {
          outcome.leftForPersona += 1;
          continue;
        }
        room -= bytes;
        noteCount += 1;
        outcome.revealed.push(draft);
      }
    });
    this.book.markRevealed(workshopId, outcome.revealed, now);
    return outcome;
  }

  /** The workshop's pending count and one person's own drafts, from memory. */
  pendingCount(workshopId: string): number {
    return this.book.count(workshopId);
  }

  mine(workshopId: string, participantId: string): DraftView[] {
    return this.book.mine(workshopId, participantId).map(toView);
  }
}

/** What the facilitator is told when a reveal could not write everything. */
function revealReply(outcome: RevealOutcome): CommandReply {
  const notes = (n: number) => (n === 1 ? '1 private note' : `${n} private notes`);
  const parts: string[] = [];
  if (outcome.leftForSpace > 0) {
    parts.push(`${notes(outcome.leftForSpace)} stay private: the board is full. Delete notes, then reveal again.`);
  }
  if (outcome.leftForPersona > 0) {
    parts.push(`${notes(outcome.leftForPersona)} belong to a deleted persona: restore it, then reveal again.`);
  }
  if (parts.length === 0) return done;
  return { ok: true, notice: `Revealed ${notes(outcome.revealed.length)}. ${parts.join(' ')}` };
}

/** Fisher–Yates with a cryptographic source: the order must not be guessable. */
function shuffled<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function toView(draft: DraftRow): DraftView {
  return {
    draftId: draft.id,
    personaId: draft.personaId,
    quadrant: draft.quadrant as QuadrantId,
    text: draft.text,
    color: draft.color as NoteColor,
    createdAt: draft.createdAt,
  };
}
