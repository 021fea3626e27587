import { addNote, notesMap } from '../../lib/board';
import { newId } from '../../lib/ids';
import { NoteSchema } from '../../lib/note';
import { fail, ok, type Result } from '../../lib/result';
import type { DraftCommand } from '../../lib/session/commands';
import type { DraftView } from '../../lib/session/drafts';
import { currentStep, type SessionState } from '../../lib/session/state';
import type { Identity } from '../identity';
import type { DraftRow, Store } from '../storage/Store';
import type { RoomRegistry } from '../yjs/RoomRegistry';
import { activePersonaId } from './activePersona';

/**
 * Private writing. A draft lives only in SQLite and on its author's screens until the
 * facilitator reveals it: then the server writes it into the board doc, once (the note
 * takes the draft's id). In an anonymous step the note carries no name and an unlinkable
 * author id; the real author stays in the drafts table for the facilitator's export.
 */
export class Drafts {
  constructor(
    private readonly store: Store,
    private readonly rooms: RoomRegistry,
    private readonly now: () => number,
  ) {}

  /** Applies a participant's draft command; returns the workshops whose drafts changed. */
  apply(identity: Identity, command: DraftCommand, session: SessionState): Result<void> {
    switch (command.type) {
      case 'draft.add': {
        const step = currentStep(session);
        if (session.isBoardLocked && identity.role !== 'facilitator') return fail('The board is locked.');
        const personaId = activePersonaId(this.rooms, identity.workshopId, session);
        if (!personaId) return fail('There is no persona to add notes to.');
        this.store.addDraft({
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
        });
        // Anonymous but not private: nothing to wait for.
        if (!step.isPrivate) this.reveal(identity.workshopId, [command.draftId]);
        return ok(undefined);
      }
      case 'draft.edit':
        return this.store.editDraft(command.draftId, identity.participantId, command.text)
          ? ok(undefined)
          : fail('That private note was already revealed or deleted.');
      case 'draft.delete':
        return this.store.deleteDraft(command.draftId, identity.participantId)
          ? ok(undefined)
          : fail('That private note was already revealed or deleted.');
      case 'drafts.reveal':
        this.reveal(identity.workshopId);
        return ok(undefined);
    }
  }

  /** Writes pending drafts (all, or the given ones) into the board, in one change. */
  reveal(workshopId: string, only?: readonly string[]): number {
    const drafts = this.store.pendingDrafts(workshopId).filter((draft) => !only || only.includes(draft.id));
    if (drafts.length === 0) return 0;
    const names = new Map(this.store.participantsOf(workshopId).map((p) => [p.id, p.name]));
    this.rooms.change(workshopId, (doc) => {
      for (const draft of drafts) {
        if (notesMap(doc).has(draft.id)) continue;
        addNote(doc, {
          id: draft.id,
          personaId: draft.personaId,
          quadrant: NoteSchema.shape.quadrant.parse(draft.quadrant),
          color: NoteSchema.shape.color.parse(draft.color),
          text: draft.text,
          authorId: draft.isAnonymous ? newId() : draft.participantId,
          authorName: draft.isAnonymous ? '' : (names.get(draft.participantId) ?? ''),
          now: draft.createdAt,
        });
      }
    });
    this.store.markRevealed(
      drafts.map((draft) => draft.id),
      this.now(),
    );
    return drafts.length;
  }

  /** The workshop's pending drafts, read once: the count for everyone, each author's own list. */
  pending(workshopId: string): PendingDrafts {
    const drafts = this.store.pendingDrafts(workshopId);
    return {
      count: drafts.length,
      authors: [...new Set(drafts.map((draft) => draft.participantId))],
      of: (participantId) => drafts.filter((draft) => draft.participantId === participantId).map(toView),
    };
  }
}

export interface PendingDrafts {
  count: number;
  /** Participants with at least one pending draft. */
  authors: string[];
  of(participantId: string): DraftView[];
}

function toView(draft: DraftRow): DraftView {
  return {
    draftId: draft.id,
    personaId: draft.personaId,
    quadrant: NoteSchema.shape.quadrant.parse(draft.quadrant),
    text: draft.text,
    color: NoteSchema.shape.color.parse(draft.color),
    createdAt: draft.createdAt,
  };
}
