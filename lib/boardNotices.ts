import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as z from './zod';
import { LIMITS } from './limits';
import { BOARD_ROOTS } from './roots';

/**
 * What the server says on a board's Yjs socket beyond the y-websocket protocol: a refused update
 * (in band, the connection stays open) and how full the board is. One more y-websocket message
 * type, which the browser registers in `provider.messageHandlers`; stock y-websocket clients log
 * it as unknown and carry on.
 *
 * Frame: `varUint(BOARD_NOTICE_MESSAGE)`, then `varString(JSON)` of one `BoardNotice`.
 */

/** y-websocket uses message types 0–3 (sync, awareness, auth, query awareness). */
export const BOARD_NOTICE_MESSAGE = 100;

/** What the browser does with the un-synced changes a refusal names. */
export type RefusalDrop =
  /** Drop the changes at the refused places (root/record/field), re-send the rest. */
  | 'change'
  /** Nothing is wrong with the changes themselves (an out-of-order update, a client id it may not use): re-send them all under a new client id. */
  | 'none'
  /** Drop every un-synced write and new record (deletes still go through): the board is full. */
  | 'writes'
  /** Keep everything on this device and send it when the facilitator unlocks the board. */
  | 'hold';

/** Every reason the server gives, what the browser drops, and what the person is told. */
export const REFUSAL_REASONS = {
  locked: { drop: 'hold', words: 'The board is locked. Your changes stay on this device and are sent when the facilitator unlocks it.' },
  'board-full': {
    drop: 'writes',
    words: 'The board is full, so your latest changes could not be saved. Deleting notes nobody needs makes room.',
  },
  'record-cap': { drop: 'change', words: 'The board has no room for more of these.' },
  'private-step': {
    drop: 'change',
    words: 'This step is private: new notes, questions and actions wait in your private notes until the facilitator reveals them.',
  },
  'facilitator-only': { drop: 'change', words: 'Only the facilitator can change that.' },
  'not-author': { drop: 'change', words: 'Only its author or the facilitator can change or delete a note.' },
  'not-creator': { drop: 'change', words: 'Only the person who added it, or the facilitator, can delete it.' },
  immutable: { drop: 'change', words: 'Who wrote something, and when, cannot be changed.' },
  'forged-author': { drop: 'change', words: 'A note can only be added in your own name.' },
  'required-field': { drop: 'change', words: 'That part of it cannot be removed.' },
  'too-many-custom-values': { drop: 'change', words: 'That persona holds too many custom fields.' },
  'last-persona': { drop: 'change', words: 'A workshop keeps at least one persona.' },
  'unknown-root': { drop: 'change', words: 'That change is not part of this board.' },
  'unknown-field': { drop: 'change', words: 'That change is not part of this board.' },
  'invalid-value': { drop: 'change', words: 'That change was not valid.' },
  'invalid-record': { drop: 'change', words: 'That change was not valid.' },
  malformed: { drop: 'change', words: 'That change was not valid.' },
  'missing-dependency': { drop: 'none', words: 'Some of your changes arrived out of order and were sent again.' },
  'foreign-client': { drop: 'none', words: 'Your changes were sent again.' },
  'too-many-clients': { drop: 'none', words: 'Your changes were sent again.' },
} as const satisfies Record<string, { drop: RefusalDrop; words: string }>;

export type RefusalReason = keyof typeof REFUSAL_REASONS;
export const REFUSAL_REASON_NAMES = Object.keys(REFUSAL_REASONS) as [RefusalReason, ...RefusalReason[]];

/** At most this many places are named in one refusal (the rest come with the next attempt). */
export const MAX_REFUSALS_PER_NOTICE = 32;

/**
 * One refused change: where it lands on the board (a root, a record key in it, a field of the
 * record; null where it does not apply or the server could not tell) and why.
 */
export const RefusalSchema = z.object({
  reason: z.enum(REFUSAL_REASON_NAMES),
  root: z.nullable(z.string().check(z.maxLength(200))),
  record: z.nullable(z.string().check(z.maxLength(200))),
  field: z.nullable(z.string().check(z.maxLength(200))),
});
export type Refusal = z.infer<typeof RefusalSchema>;

/** The board is at `bytes` of its `limitBytes`; `isNearlyFull` from 90 % on. */
export const BoardSizeSchema = z.object({
  kind: z.literal('size'),
  bytes: z.number().check(z.int(), z.nonnegative()),
  limitBytes: z.number().check(z.int(), z.positive()),
  isNearlyFull: z.boolean(),
});
export type BoardSize = z.infer<typeof BoardSizeSchema>;

export const BoardNoticeSchema = z.discriminatedUnion('kind', [
  /** The update just received from this connection was not applied (nothing of it was). */
  z.object({
    kind: z.literal('refused'),
    refusals: z.array(RefusalSchema).check(z.minLength(1), z.maxLength(MAX_REFUSALS_PER_NOTICE)),
  }),
  BoardSizeSchema,
  /** The facilitator unlocked the board: send what was held back (refused as `locked`) now. */
  z.object({ kind: z.literal('unlocked') }),
  /**
   * Sent on connect: the Yjs client ids bound to this participant, i.e. what they added (any
   * tab or device), so the browser offers Delete only where the server will accept it.
   */
  z.object({ kind: z.literal('clients'), clientIds: z.array(z.number().check(z.int(), z.nonnegative())).check(z.maxLength(1_000)) }),
]);
export type BoardNotice = z.infer<typeof BoardNoticeSchema>;

/** Participants are warned from this share of the size limit on. */
export const NEARLY_FULL_SHARE = 0.9;

export function boardSize(bytes: number, limitBytes: number = LIMITS.docBytes): BoardSize {
  return { kind: 'size', bytes, limitBytes, isNearlyFull: bytes >= limitBytes * NEARLY_FULL_SHARE };
}

export function encodeBoardNotice(notice: BoardNotice): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, BOARD_NOTICE_MESSAGE);
  encoding.writeVarString(encoder, JSON.stringify(notice));
  return encoding.toUint8Array(encoder);
}

/** Reads a notice after its message type; null for anything that does not parse. */
export function readBoardNotice(decoder: decoding.Decoder): BoardNotice | null {
  try {
    const parsed = BoardNoticeSchema.safeParse(JSON.parse(decoding.readVarString(decoder)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** What a refused change was to, by board root (the browser words it again in its own language). */
export const REFUSED_THINGS: Record<string, string> = {
  [BOARD_ROOTS.meta]: 'the workshop settings',
  [BOARD_ROOTS.personas]: 'a persona',
  [BOARD_ROOTS.notes]: 'a note',
  [BOARD_ROOTS.groups]: 'a group',
  [BOARD_ROOTS.journeySteps]: 'a journey step',
  [BOARD_ROOTS.questions]: 'a question',
  [BOARD_ROOTS.actions]: 'an action',
};

/** A sentence for the person whose change was refused, e.g. "Your change to a note was not saved: …". */
export function describeRefusal(refusal: Refusal, droppedCount: number): string {
  const { words, drop } = REFUSAL_REASONS[refusal.reason];
  if (drop === 'hold' || drop === 'none') return words;
  const thing = refusal.root !== null ? REFUSED_THINGS[refusal.root] : undefined;
  const what = droppedCount > 1 ? `${droppedCount} of your changes were` : thing ? `Your change to ${thing} was` : 'Your change was';
  return `${what} not saved. ${words}`;
}
