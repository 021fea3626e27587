import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { z } from 'zod';

/**
 * What instances tell each other about one workshop's live board, on its Redis channel
 * (`roomChannel`). Binary (lib0 varints and byte arrays, no base64): the header is parsed and
 * checked with zod, every length is bounded, and anything else is refused as malformed.
 *
 * - `update`: seqs `first..last` were committed to storage; `update` is them merged (receivers
 *   apply it in seq order, origin STORED: sent to their clients, never stored again).
 * - `stored`: seqs `first..last` were committed but too large to carry: read them from storage.
 * - `awareness`: a y-protocols awareness update of the sender's clients (presence, not stored).
 * - `awareness-query`: an instance just opened the room: the others send their clients' presence.
 */
export type RoomMessage =
  | { kind: 'update'; from: string; workshopId: string; first: number; last: number; update: Uint8Array }
  | { kind: 'stored'; from: string; workshopId: string; first: number; last: number }
  | { kind: 'awareness'; from: string; workshopId: string; update: Uint8Array }
  | { kind: 'awareness-query'; from: string; workshopId: string };

const VERSION = 1;
const KINDS = ['update', 'stored', 'awareness', 'awareness-query'] as const;
/** The largest merged update carried inline; a larger commit goes as `stored` (receivers read it). */
export const MAX_INLINE_UPDATE_BYTES = 512 * 1024;
/** Presence of up to a few hundred clients at 4 KiB each. */
const MAX_AWARENESS_BYTES = 256 * 1024;
/** Anything longer than this is refused before it is decoded. */
export const MAX_ROOM_MESSAGE_BYTES = MAX_INLINE_UPDATE_BYTES + 1024;
/** One group commit never holds more updates of one workshop than this (an event-loop turn's worth). */
const MAX_SEQS_PER_MESSAGE = 100_000;

const prefix = 'pw:room:';
export const roomChannel = (workshopId: string) => `${prefix}${workshopId}`;
export const ROOM_CHANNEL_PATTERN = `${prefix}*`;

const Id = z.string().min(1).max(64);
const Seq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const SeqRange = { first: Seq, last: Seq };
const Bytes = (max: number) => z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength > 0 && bytes.byteLength <= max);
const inOrder = (m: { first: number; last: number }) => m.last >= m.first && m.last - m.first < MAX_SEQS_PER_MESSAGE;

const RoomMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('update'), from: Id, workshopId: Id, ...SeqRange, update: Bytes(MAX_INLINE_UPDATE_BYTES) }).refine(inOrder),
  z.object({ kind: z.literal('stored'), from: Id, workshopId: Id, ...SeqRange }).refine(inOrder),
  z.object({ kind: z.literal('awareness'), from: Id, workshopId: Id, update: Bytes(MAX_AWARENESS_BYTES) }),
  z.object({ kind: z.literal('awareness-query'), from: Id, workshopId: Id }),
]);

export function encodeRoomMessage(message: RoomMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, VERSION);
  encoding.writeVarUint(encoder, KINDS.indexOf(message.kind));
  encoding.writeVarString(encoder, message.from);
  encoding.writeVarString(encoder, message.workshopId);
  if (message.kind === 'update' || message.kind === 'stored') {
    encoding.writeVarUint(encoder, message.first);
    encoding.writeVarUint(encoder, message.last);
  }
  if (message.kind === 'update' || message.kind === 'awareness') encoding.writeVarUint8Array(encoder, message.update);
  return encoding.toUint8Array(encoder);
}

/**
 * Reads one message from `channel`; null for anything malformed: too long, truncated, trailing
 * bytes, an unknown version or kind, a field out of bounds, or a workshop that is not the channel's.
 */
export function parseRoomMessage(channel: string, bytes: Uint8Array): RoomMessage | null {
  if (bytes.byteLength > MAX_ROOM_MESSAGE_BYTES || !channel.startsWith(prefix)) return null;
  let raw: Record<string, unknown>;
  try {
    raw = readRaw(bytes);
  } catch {
    return null; // lib0 throws on a read past the end
  }
  const parsed = RoomMessageSchema.safeParse(raw);
  if (!parsed.success || roomChannel(parsed.data.workshopId) !== channel) return null;
  return parsed.data as RoomMessage;
}

/**
 * The sending instance, read from the header alone (null when there is no header to read): an
 * instance skips its own messages, which Redis echoes back to it, before parsing them whole.
 */
export function senderOf(bytes: Uint8Array): string | null {
  try {
    return readHeader(decoding.createDecoder(bytes)).from;
  } catch {
    return null;
  }
}

/** Version, kind and sender: what every message starts with. Throws on an unknown version. */
function readHeader(decoder: decoding.Decoder): { kind: (typeof KINDS)[number] | undefined; from: string } {
  if (decoding.readVarUint(decoder) !== VERSION) throw new Error('unknown version');
  const kind = KINDS[decoding.readVarUint(decoder)];
  return { kind, from: readBoundedString(decoder) };
}

function readRaw(bytes: Uint8Array): Record<string, unknown> {
  const decoder = decoding.createDecoder(bytes);
  const { kind, from } = readHeader(decoder);
  const raw: Record<string, unknown> = { kind, from, workshopId: readBoundedString(decoder) };
  if (kind === 'update' || kind === 'stored') {
    raw.first = decoding.readVarUint(decoder);
    raw.last = decoding.readVarUint(decoder);
  }
  if (kind === 'update' || kind === 'awareness') raw.update = decoding.readVarUint8Array(decoder);
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
  return raw;
}

/** A string's length is read before its bytes: a huge claimed length is refused, not allocated. */
function readBoundedString(decoder: decoding.Decoder): string {
  const peek = decoding.clone(decoder);
  if (decoding.readVarUint(peek) > 256) throw new Error('string too long');
  return decoding.readVarString(decoder);
}
