import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { Refusal } from '../../lib/boardNotices';
import { LIMITS } from '../../lib/limits';
import { isFacilitator } from '../../lib/permissions';
import { authorizeChanges } from './authorizeChanges';
import { checkNewRecords } from './checkNewRecords';
import { checkStructs, readDeletes, type ClientOwners, type DeleteSetLike } from './checkStructs';
import { isAcceptedFieldEdit } from './fieldEditFastPath';
import { Findings, isProblem, toRefusal, type Problem } from './findings';
import { Locator } from './locateStructs';
import { countedSizes, type RecordSizes } from './recordCounts';
import { UpdateIndex, isNew, type Struct } from './updateIndex';

export type { ClientOwners } from './checkStructs';

/**
 * Checks an incoming Yjs update *before* it touches the room's doc. Yjs has no permissions or
 * schema of its own, so this is where the server refuses what a hostile or buggy client sends.
 * Every new struct and every deleted id is resolved to where it lands (root, record, field) and
 * judged by the rules of `lib/permissions.ts` and the board schema: unknown roots and fields,
 * values of the wrong type or size, forged or rewritten authors, deletes and removals the
 * sender may not make, records half-made or past their cap, structs an honest client never
 * sends (zero-length, Skip, right origins, list content), structs under a client id that is not
 * the sender's, and updates whose dependencies the server lacks (they would sit in memory as
 * pending structs forever).
 */

export interface UpdateAuthor {
  participantId: string;
  name: string;
  role: 'facilitator' | 'participant';
}

export interface ValidateOptions {
  /** Who sends the update; null for the server's own writes (shape checks only). */
  author: UpdateAuthor | null;
  /** Encoded size of the room's state before this update. */
  docBytes: number;
  /** The room's live record counts; without them each cap check walks the root map. */
  recordSizes?: RecordSizes;
  /** Who each Yjs client id belongs to; without it client ids are not checked. */
  owners?: ClientOwners;
  /** How many client ids this update may introduce (the sender's remaining allowance). */
  maxNewClients?: number;
  /** Record caps lower than `RECORD_CAPS`, by root (a test lowers the note cap). */
  caps?: Partial<Record<string, number>>;
  /**
   * The sender is a participant in a private or anonymous step: what they write there is a draft
   * (a control-plane command) until the reveal, so a new note, question or action is refused.
   */
  mustDraft?: boolean;
}

export type Verdict =
  | { ok: true; /** Client ids this update introduces: bind them to the sender before applying it. */ newClients: number[] }
  | { ok: false; /** The first problem, for logs. */ error: string; refusals: Refusal[] };

const accepted = (newClients: number[] = []): Verdict => ({ ok: true, newClients });

function refused(problems: readonly Problem[]): Verdict {
  return { ok: false, error: problems[0]!.error, refusals: problems.map(toRefusal) };
}

/** The facilitator's changes still go through past the size limit, up to this much more. */
export const FACILITATOR_HEADROOM_BYTES = 2 * 1024 * 1024;
/** Deleting thousands of records takes tens of kilobytes; a bigger "delete" is no cleanup. */
const MAX_DELETE_ONLY_BYTES = 1024 * 1024;

/**
 * A board at its size limit still takes deletes (they shrink it) and the facilitator's changes
 * (up to a headroom), so a full board can always be cleaned up; nothing else.
 */
function sizeProblem(update: Uint8Array, options: ValidateOptions): Problem | null {
  const after = options.docBytes + update.byteLength;
  if (after <= LIMITS.docBytes) return null;
  if (options.author && isFacilitator(options.author) && after <= LIMITS.docBytes + FACILITATOR_HEADROOM_BYTES) return null;
  if (update.byteLength <= MAX_DELETE_ONLY_BYTES && isDeleteOnly(update)) return null;
  return { reason: 'board-full', at: null, error: 'board is over its size limit' };
}

/** No structs, only a delete set (its first varUint, the number of clients with structs, is 0). */
function isDeleteOnly(update: Uint8Array): boolean {
  try {
    return decoding.readVarUint(decoding.createDecoder(update)) === 0;
  } catch {
    return false;
  }
}

/**
 * Refuses an update that breaks the rules or the limits; never touches `doc`. The common field
 * edit is accepted by a fast path over the raw bytes; everything else is fully decoded.
 */
export function validateUpdate(doc: Y.Doc, update: Uint8Array, options: ValidateOptions): Verdict {
  const tooBig = sizeProblem(update, options);
  if (tooBig) return refused([tooBig]);
  if (isAcceptedFieldEdit(doc, update, options)) return accepted();
  return validateDecoded(doc, update, options);
}

/** `validateUpdate` without the fast path: what the fast path is tested against. */
export function validateUpdateFully(doc: Y.Doc, update: Uint8Array, options: ValidateOptions): Verdict {
  const tooBig = sizeProblem(update, options);
  if (tooBig) return refused([tooBig]);
  return validateDecoded(doc, update, options);
}

function validateDecoded(doc: Y.Doc, update: Uint8Array, options: ValidateOptions): Verdict {
  let decoded: { structs: Struct[]; ds: DeleteSetLike };
  try {
    decoded = Y.decodeUpdate(update) as unknown as { structs: Struct[]; ds: DeleteSetLike };
  } catch {
    return refused([{ reason: 'malformed', at: null, error: 'update does not decode' }]);
  }
  const index = new UpdateIndex(decoded.structs);
  const structs = checkStructs(doc, index, options.author, options.owners);
  if (isProblem(structs)) return refused([structs]);
  if (structs.newClients.length > (options.maxNewClients ?? Infinity)) {
    return refused([{ reason: 'too-many-clients', at: null, error: 'too many new client ids' }]);
  }
  const deletes = readDeletes(doc, index, decoded.ds);
  if (isProblem(deletes)) return refused([deletes]);
  const findings = new Findings();
  const locator = new Locator(doc, index);
  const newItems = decoded.structs.filter((struct): struct is Y.Item => struct instanceof Y.Item && isNew(doc, struct));
  const ctx = { doc, locator, author: options.author, owners: options.owners, deletedInUpdate: deletes.inUpdate, findings };
  const created = authorizeChanges(ctx, newItems, deletes.live);
  checkNewRecords(created, options.author, options.recordSizes ?? countedSizes(doc), findings, {
    caps: options.caps,
    mustDraft: options.mustDraft,
  });
  return findings.problems.length > 0 ? refused(findings.problems) : accepted(structs.newClients);
}
