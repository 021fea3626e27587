import { randomInt } from 'node:crypto';
import { isLivePersona } from '../../lib/board';
import { journeyStepsMap } from '../../lib/journey';
import { LIMITS } from '../../lib/limits';
import type { NoteColor } from '../../lib/note';
import type { QuadrantId } from '../../lib/quadrants';
import { fail, ok, type Result } from '../../lib/result';
import { DRAFT_TEXT_CHARS, type CommandReply, type DraftCommand } from '../../lib/session/commands';
import { ANONYMOUS_BATCH_AUTHORS, type DraftView } from '../../lib/session/drafts';
import { currentStep, isDraftStep, type SessionState } from '../../lib/session/state';
import type { Identity } from '../identity';
import type { ServerLimits } from '../limits';
import type { DraftRow, Storage } from '../storage/ports';
import type { RoomRegistry } from '../yjs/RoomRegistry';
import { activePersonaId } from './activePersona';
import { DraftBook } from './DraftBook';
import { revealReply, writeDrafts, type RevealOutcome } from './revealDrafts';
import { refusalText } from '../../lib/refusals';

export type { RevealOutcome } from './revealDrafts';

type DraftAdd = Extract<DraftCommand, { type: 'draft.add' }>;
type DraftPlace = Pick<DraftRow, 'personaId' | 'quadrant' | 'journeyStepId'>;

const done: CommandReply = { ok: true };
const refuse = (error: string, status?: 409): CommandReply => (status ? { ok: false, error, status } : { ok: false, error });

/**
 * Private writing. A draft lives only in storage (and the `DraftBook` in memory) and on its
 * author's screens until the facilitator reveals it: then the server writes it into the board
 * doc, once (the note takes the draft's id). In an anonymous step the note carries no name, an
 * unlinkable author id, the reveal's time and a shuffled place; the drafts table forgets its author.
 */
export class Drafts {
  readonly book: DraftBook;

  constructor(
    private readonly storage: Storage,
    private readonly rooms: RoomRegistry,
    private readonly limits: Pick<ServerLimits, 'draftsPerParticipant' | 'draftsPerWorkshop'>,
    private readonly now: () => number,
  ) {
    this.book = new DraftBook(storage.drafts);
  }

  async apply(identity: Identity, command: DraftCommand, session: SessionState): Promise<{ reply: CommandReply; revealed: DraftRow[] }> {
    const { workshopId, participantId } = identity;
    switch (command.type) {
      case 'draft.add':
        return this.add(identity, command, session);
      case 'draft.edit':
        return { reply: await this.edit(participantId, command.draftId, command.text), revealed: [] };
      case 'draft.delete':
        return {
          reply: (await this.book.delete(workshopId, command.draftId, participantId)) ? done : refuse(refusalText('draftGone')),
          revealed: [],
        };
      case 'drafts.reveal': {
        const outcome = await this.reveal(workshopId, await this.book.all(workshopId));
        return { reply: revealReply(outcome), revealed: outcome.revealed };
      }
    }
  }

  private async add(identity: Identity, command: DraftAdd, session: SessionState): Promise<{ reply: CommandReply; revealed: DraftRow[] }> {
    const refusal = await this.refuseAdd(identity, command.draftId, session);
    if (refusal) return { reply: refusal, revealed: [] };
    const step = currentStep(session);
    const place = await this.placeOf(identity.workshopId, command, session);
    if (!place.ok) return { reply: refuse(place.error), revealed: [] };
    const draft: DraftRow = {
      id: command.draftId,
      workshopId: identity.workshopId,
      participantId: identity.participantId,
      stepId: step.id,
      kind: command.kind,
      ...place.value,
      text: command.text,
      color: command.color,
      isAnonymous: step.isAnonymous,
      createdAt: this.now(),
    };
    // An id the table already holds is a draft revealed before: this is a retry, already done.
    if (!(await this.book.add(draft))) return { reply: done, revealed: [] };
    if (step.isPrivate) return { reply: done, revealed: [] };
    // Anonymous but not private: published in a batch once it holds notes of enough people.
    const batch = await this.book.waitingAnonymous(identity.workshopId, step.id);
    if (new Set(batch.map((pending) => pending.participantId)).size < ANONYMOUS_BATCH_AUTHORS) return { reply: done, revealed: [] };
    const outcome = await this.reveal(identity.workshopId, batch);
    const isMineOut = outcome.revealed.some((revealed) => revealed.id === draft.id);
    return {
      reply: isMineOut ? done : { ok: true, notice: refusalText('draftWaitsBoardFull') },
      revealed: outcome.revealed,
    };
  }

  /**
   * Where a new draft goes: a map note to the active persona (as before), a journey note to its
   * step's persona, a question or an action to the persona it names; refused when that is gone.
   */
  private async placeOf(workshopId: string, command: DraftAdd, session: SessionState): Promise<Result<DraftPlace>> {
    switch (command.kind) {
      case 'note': {
        const personaId = await activePersonaId(this.rooms, workshopId, session);
        if (!personaId) return fail(refusalText('noPersonaForNotes'));
        return ok({ personaId, quadrant: command.quadrant ?? '', journeyStepId: null });
      }
      case 'journeyNote': {
        const stepId = command.journeyStepId ?? '';
        const personaId = await this.rooms.readWarm(workshopId, (doc) => {
          const owner: unknown = journeyStepsMap(doc).get(stepId)?.get('personaId');
          return typeof owner === 'string' && isLivePersona(doc, owner) ? owner : null;
        });
        // Journey notes keep a quadrant, unused, as the board's own journey notes do.
        return personaId ? ok({ personaId, quadrant: 'sees', journeyStepId: stepId }) : fail(refusalText('journeyStepGone'));
      }
      case 'question':
      case 'action': {
        const personaId = command.personaId ?? '';
        const isLive = await this.rooms.readWarm(workshopId, (doc) => isLivePersona(doc, personaId));
        return isLive ? ok({ personaId, quadrant: '', journeyStepId: null }) : fail(refusalText('personaGone'));
      }
    }
  }

  /** A new text for one of the author's pending drafts, within what its kind holds on the board. */
  private async edit(participantId: string, draftId: string, text: string): Promise<CommandReply> {
    const owner = await this.book.authorOf(draftId);
    const gone = refuse(refusalText('draftGone'));
    if (!owner || owner.participantId !== participantId) return gone;
    const max = DRAFT_TEXT_CHARS[owner.kind];
    if (text.length > max) return refuse(refusalText('draftTooLong', { max }));
    return (await this.book.edit(draftId, participantId, text)) ? done : gone;
  }

  private async refuseAdd(identity: Identity, draftId: string, session: SessionState): Promise<CommandReply | null> {
    const { workshopId, participantId } = identity;
    const step = currentStep(session);
    if (!isDraftStep(step)) return refuse(refusalText('notDraftStep'), 409);
    if (session.isBoardLocked && identity.role !== 'facilitator') return refuse(refusalText('boardLocked'));
    const existing = await this.book.authorOf(draftId);
    if (existing) return existing.participantId === participantId ? null : refuse(refusalText('draftIdTaken'), 409);
    const mine = await this.book.countOf(workshopId, participantId);
    if (mine >= this.limits.draftsPerParticipant) {
      return refuse(refusalText('draftsPerParticipant', { count: mine }), 409);
    }
    const all = await this.book.count(workshopId);
    if (all >= this.limits.draftsPerWorkshop) {
      return refuse(refusalText('draftsPerWorkshop', { count: all }), 409);
    }
    return null;
  }

  /**
   * Writes drafts into the board in one change, linear in their number, within the board's
   * size and record caps: what does not fit stays pending (nothing is lost). Named drafts keep
   * their time and order; anonymous ones are shuffled and take the reveal's time, so neither
   * their place in the document nor their timestamp points at whoever wrote them.
   * Written first, then claimed in the store: a draft the board had no room for stays pending,
   * and one that another instance revealed at the same moment is claimed (and counted) once;
   * its record takes the draft's id, so the board holds it once either way.
   */
  async reveal(workshopId: string, drafts: readonly DraftRow[]): Promise<RevealOutcome> {
    if (drafts.length === 0) return { revealed: [], leftForSpace: 0, leftForPersona: 0 };
    const now = this.now();
    const names = new Map((await this.storage.participants.list(workshopId)).map((p) => [p.id, p.name]));
    const ordered = [...drafts.filter((draft) => !draft.isAnonymous), ...shuffled(drafts.filter((draft) => draft.isAnonymous))];
    const room = LIMITS.docBytes - (await this.rooms.approximateBytes(workshopId));
    const outcome = await this.rooms.change(workshopId, (doc) => writeDrafts(doc, ordered, { names, now, room }));
    const claimed = await this.book.claim(workshopId, outcome.revealed, now);
    return { ...outcome, revealed: claimed };
  }

  /** The workshop's pending count (from memory once known) and one person's own drafts. */
  pendingCount(workshopId: string): Promise<number> {
    return this.book.count(workshopId);
  }

  async mine(workshopId: string, participantId: string): Promise<DraftView[]> {
    return (await this.book.mine(workshopId, participantId)).map(toView);
  }

  /** Each of these people's own drafts, oldest first: one read however many (a reveal touches every author). */
  async mineOf(workshopId: string, participantIds: ReadonlySet<string>): Promise<Map<string, DraftView[]>> {
    const [only] = participantIds;
    if (participantIds.size === 1 && only !== undefined) return new Map([[only, await this.mine(workshopId, only)]]);
    const lists = new Map([...participantIds].map((id): [string, DraftView[]] => [id, []]));
    for (const draft of await this.book.all(workshopId)) lists.get(draft.participantId)?.push(toView(draft));
    return lists;
  }
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
    kind: draft.kind,
    personaId: draft.personaId,
    quadrant: draft.kind === 'note' ? (draft.quadrant as QuadrantId) : null,
    journeyStepId: draft.journeyStepId,
    text: draft.text,
    color: draft.color as NoteColor,
    createdAt: draft.createdAt,
  };
}
