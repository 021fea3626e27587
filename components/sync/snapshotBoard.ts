import * as Y from 'yjs';
import type { Board } from '../../lib/board';
import { BoardStore } from '../../lib/boardStore';
import { refusalText } from '../../lib/refusals';
import { SnapshotReplySchema, type SnapshotSummary } from '../../lib/snapshots';
import type { ApiResult } from './api';

/** A snapshot as the read-only view shows it: its name and date, and the board it froze. */
export interface SnapshotBoard {
  snapshot: SnapshotSummary;
  board: Board;
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Loads a snapshot with the facilitator key (in a header, never in the URL) and reads its board
 * from the frozen Yjs state through the board store, exactly as a live board is read.
 */
export async function loadSnapshotBoard(code: string, facilitatorKey: string, snapshotId: string): Promise<ApiResult<SnapshotBoard>> {
  let res: Response;
  try {
    res = await fetch(`/api/workshops/${encodeURIComponent(code)}/snapshots/${encodeURIComponent(snapshotId)}`, {
      headers: { authorization: `Bearer ${facilitatorKey}` },
      cache: 'no-store',
    });
  } catch {
    return { ok: false, status: 0, error: refusalText('cannotReachServer') };
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (body as { error?: unknown } | null)?.error;
    return {
      ok: false,
      status: res.status,
      error: typeof error === 'string' ? error : refusalText('serverAnswered', { status: res.status }),
    };
  }
  const parsed = SnapshotReplySchema.safeParse(body);
  if (!parsed.success) return { ok: false, status: res.status, error: refusalText('snapshotUnreadable') };
  const { state, ...snapshot } = parsed.data;
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, decodeBase64(state));
    const store = new BoardStore(doc);
    store.destroy();
    return { ok: true, value: { snapshot, board: store.board } };
  } catch {
    return { ok: false, status: res.status, error: refusalText('snapshotNotRead') };
  } finally {
    doc.destroy();
  }
}
