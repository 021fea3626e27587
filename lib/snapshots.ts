import * as z from './zod';
import { ID_PATTERN } from './ids';

/** A named snapshot of a board, as the snapshot API lists it. */
export const SnapshotSummarySchema = z.object({
  id: z.string().check(z.regex(ID_PATTERN)),
  name: z.string().check(z.maxLength(200)),
  /** ms since the epoch */
  createdAt: z.number().check(z.int(), z.nonnegative()),
});
export type SnapshotSummary = z.infer<typeof SnapshotSummarySchema>;

/**
 * `GET /api/workshops/<code>/snapshots/<id>`: the snapshot and the Yjs state it froze, base64
 * encoded, for the read-only view (which reads it with `readBoard`, like a live board).
 */
export const SnapshotReplySchema = z.extend(SnapshotSummarySchema, {
  state: z.string().check(z.regex(/^[A-Za-z0-9+/]*={0,2}$/)),
});
export type SnapshotReply = z.infer<typeof SnapshotReplySchema>;
