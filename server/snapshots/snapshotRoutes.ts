import type { ServerResponse } from 'node:http';
import * as Y from 'yjs';
import { z } from 'zod';
import { ID_PATTERN, newId } from '../../lib/ids';
import type { SnapshotReply } from '../../lib/snapshots';
import { exportBoardJson } from '../export/exportJson';
import { exportFileName } from '../export/exportRoutes';
import { quotaError } from '../http/access';
import { apiError, sendJson } from '../http/respond';
import type { Logger } from '../log';
import type { StorageQuota } from '../storage/StorageQuota';
import type { SnapshotStorePort, SnapshotSummary, WorkshopRow } from '../storage/ports';
import type { RoomRegistry } from '../yjs/RoomRegistry';
import { refusalText } from '../../lib/refusals';

/** Each snapshot is a full copy of the doc (≤ 8 MiB), so a workshop keeps a bounded number. */
export const MAX_SNAPSHOTS_PER_WORKSHOP = 50;
export const SNAPSHOT_NAME_CHARS = 80;

export const SnapshotBodySchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, refusalText('snapshotNameEmpty'))
    .max(SNAPSHOT_NAME_CHARS, refusalText('snapshotNameTooLong', { max: SNAPSHOT_NAME_CHARS })),
});

export interface SnapshotContext {
  snapshots: SnapshotStorePort;
  rooms: RoomRegistry;
  log: Logger;
  quota: StorageQuota;
}

/** Freezes the board as it is now (what is stored, live edits included). The caller is the facilitator. */
export async function takeSnapshot(
  ctx: SnapshotContext,
  workshop: WorkshopRow,
  name: string,
  res: ServerResponse,
  now = Date.now(),
): Promise<void> {
  if ((await ctx.snapshots.count(workshop.id)) >= MAX_SNAPSHOTS_PER_WORKSHOP) {
    throw apiError(409, 'tooManySnapshots', { max: MAX_SNAPSHOTS_PER_WORKSHOP });
  }
  const state = await ctx.rooms.readDoc(workshop.id, (doc) => Y.encodeStateAsUpdate(doc));
  const refusal = await ctx.quota.refusal(state.byteLength, workshop.id);
  if (refusal) throw quotaError(refusal);
  const snapshot: SnapshotSummary = { id: newId(), name, createdAt: now };
  await ctx.snapshots.add(workshop.id, snapshot, state);
  ctx.log.info({ workshopId: workshop.id, snapshotId: snapshot.id, bytes: state.byteLength }, 'snapshot taken');
  sendJson(res, 201, snapshot);
}

/** Deletes a snapshot (the facilitator makes room under the workshop's storage limit). */
export async function deleteSnapshot(
  ctx: SnapshotContext,
  workshop: WorkshopRow,
  rawId: string | undefined,
  res: ServerResponse,
): Promise<void> {
  if (!rawId || !ID_PATTERN.test(rawId) || !(await ctx.snapshots.delete(workshop.id, rawId))) {
    throw apiError(404, 'noSnapshot');
  }
  ctx.log.info({ workshopId: workshop.id, snapshotId: rawId }, 'snapshot deleted');
  res.writeHead(204, { 'cache-control': 'no-store' });
  res.end();
}

export async function listSnapshots(ctx: SnapshotContext, workshop: WorkshopRow, res: ServerResponse): Promise<void> {
  sendJson(res, 200, { snapshots: await ctx.snapshots.list(workshop.id) });
}

/**
 * A snapshot for the read-only view: its name and date, and the Yjs state it froze (base64), which
 * the browser reads with the same `readBoard` as the live board, so the view shows exactly what a
 * board with that state shows, with the same checks.
 */
export async function sendSnapshot(
  ctx: SnapshotContext,
  workshop: WorkshopRow,
  rawId: string | undefined,
  res: ServerResponse,
): Promise<void> {
  const snapshot = rawId && ID_PATTERN.test(rawId) ? await ctx.snapshots.get(workshop.id, rawId) : null;
  if (!snapshot) throw apiError(404, 'noSnapshot');
  const reply: SnapshotReply = {
    id: snapshot.id,
    name: snapshot.name,
    createdAt: snapshot.createdAt,
    state: Buffer.from(snapshot.state).toString('base64'),
  };
  res.setHeader('cache-control', 'no-store');
  sendJson(res, 200, reply);
}

/** A snapshot's board in the `export.json` format, as a download. */
export async function sendSnapshotJson(
  ctx: SnapshotContext,
  workshop: WorkshopRow,
  rawId: string | undefined,
  res: ServerResponse,
): Promise<void> {
  const state = rawId && ID_PATTERN.test(rawId) ? ((await ctx.snapshots.get(workshop.id, rawId))?.state ?? null) : null;
  if (!state) throw apiError(404, 'noSnapshot');
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const board = exportBoardJson(doc, workshop);
    res.setHeader(
      'content-disposition',
      `attachment; filename="${exportFileName(workshop.code, 'json').replace(/\.json$/, `-snapshot-${rawId}.json`)}"`,
    );
    sendJson(res, 200, board);
  } finally {
    doc.destroy();
  }
}
