import type { CreateWorkshopReply } from '../../lib/api';
import type { ApiResult } from './api';
import { refusalText } from '../../lib/refusals';

/** Facilitator-only calls: the key travels in a header, never in a URL. */

export interface SnapshotSummary {
  id: string;
  name: string;
  createdAt: number;
}

const UNREACHABLE = refusalText('cannotReachServer');

async function callWithKey<T>(path: string, facilitatorKey: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      ...init,
      cache: 'no-store',
      headers: { authorization: `Bearer ${facilitatorKey}`, 'content-type': 'application/json' },
    });
  } catch {
    return { ok: false, status: 0, error: UNREACHABLE };
  }
  const body = (await res.json().catch(() => null)) as (T & { error?: string }) | null;
  if (!res.ok || body === null)
    return { ok: false, status: res.status, error: body?.error ?? refusalText('serverAnswered', { status: res.status }) };
  return { ok: true, value: body };
}

const base = (code: string) => `/api/workshops/${encodeURIComponent(code)}`;

export const copyWorkshop = (code: string, facilitatorKey: string) =>
  callWithKey<CreateWorkshopReply>(`${base(code)}/copy`, facilitatorKey, { method: 'POST', body: '{}' });

export const takeSnapshot = (code: string, facilitatorKey: string, name: string) =>
  callWithKey<SnapshotSummary>(`${base(code)}/snapshots`, facilitatorKey, { method: 'POST', body: JSON.stringify({ name }) });

export const listSnapshots = (code: string, facilitatorKey: string) =>
  callWithKey<{ snapshots: SnapshotSummary[] }>(`${base(code)}/snapshots`, facilitatorKey);

/** Deletes a snapshot (to make room under the workshop's storage limit); the server answers 204. */
export async function deleteSnapshot(code: string, facilitatorKey: string, snapshotId: string): Promise<ApiResult<null>> {
  let res: Response;
  try {
    res = await fetch(`${base(code)}/snapshots/${encodeURIComponent(snapshotId)}`, {
      method: 'DELETE',
      cache: 'no-store',
      headers: { authorization: `Bearer ${facilitatorKey}` },
    });
  } catch {
    return { ok: false, status: 0, error: UNREACHABLE };
  }
  if (res.ok) return { ok: true, value: null };
  const body = (await res.json().catch(() => null)) as { error?: string } | null;
  return { ok: false, status: res.status, error: body?.error ?? refusalText('serverAnswered', { status: res.status }) };
}

export const snapshotExportPath = (code: string, snapshotId: string) =>
  `${base(code)}/snapshots/${encodeURIComponent(snapshotId)}/export.json`;
