import * as Y from 'yjs';
import { readNote } from '../../lib/board';
import { mayChangeNote, mayDeleteRecord, type Actor, type NoteAuthorship } from '../../lib/permissions';
import type { Result } from '../../lib/result';
import { refusalText } from '../../lib/refusals';

/** Records whose Delete is offered only to whoever added them (and the facilitator). */
export type DeletableRoot = 'journeySteps' | 'questions' | 'actions';

/**
 * What this person may change on the board, asked before offering a button or sending a change:
 * the same rules the server applies (`lib/permissions.ts`), so the UI never offers what the server
 * would refuse. "Added by this person" is known from the Yjs client id a record was written with:
 * this doc's own, or one the server says is theirs (`clients` notice, on connect).
 */
export class BoardPermissions {
  /** Yjs client ids this participant wrote with before, on any device. */
  private ownClientIds = new Set<number>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly actor: Actor,
  ) {}

  setOwnClientIds(ids: readonly number[]): void {
    this.ownClientIds = new Set(ids);
  }

  mayChangeNote = (note: NoteAuthorship): boolean => mayChangeNote(note, this.actor);

  mayDelete = (root: DeletableRoot, id: string): boolean => {
    const record: unknown = this.doc.getMap(root).get(id);
    const client = record instanceof Y.Map ? record._item?.id.client : undefined;
    const isCreator = client !== undefined && (client === this.doc.clientID || this.ownClientIds.has(client));
    return mayDeleteRecord(root, this.actor, { note: null, isCreator });
  };

  /** Runs `change` only if this person may change note `id` (its author or the facilitator). */
  asAuthor<T>(id: string, change: () => Result<T>): Result<T> {
    const note = readNote(this.doc, id);
    if (note && !mayChangeNote(note, this.actor)) return { ok: false, error: refusalText('notAuthor') };
    return change();
  }
}
