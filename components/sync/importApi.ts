import type { CreateWorkshopReply } from '../../lib/api';
import { MAX_IMPORT_BYTES } from '../../lib/importFormat';
import type { ApiResult } from './api';
import { refusalText } from '../../lib/refusals';

const MEGABYTES = MAX_IMPORT_BYTES / (1024 * 1024);

/**
 * Sends an `export.json` file to `POST /api/workshops/import`. The file is checked here first
 * (size, JSON), so the two mistakes people make most get a sentence before any upload; what
 * the file holds is the server's to judge, and its reason is passed on.
 */
export async function importWorkshop(file: Blob): Promise<ApiResult<CreateWorkshopReply>> {
  if (file.size > MAX_IMPORT_BYTES) {
    return {
      ok: false,
      status: 413,
      error: refusalText('importFileTooLarge', { max: MEGABYTES }),
    };
  }
  const text = await file.text();
  try {
    JSON.parse(text);
  } catch {
    return { ok: false, status: 400, error: refusalText('importNotJson') };
  }
  let res: Response;
  try {
    res = await fetch('/api/workshops/import', { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
  } catch {
    return { ok: false, status: 0, error: refusalText('cannotReachServer') };
  }
  const body = (await res.json().catch(() => null)) as (CreateWorkshopReply & { error?: string }) | null;
  if (res.ok && body) return { ok: true, value: body };
  if (res.status === 413) return { ok: false, status: 413, error: refusalText('importTooLarge') };
  return { ok: false, status: res.status, error: body?.error ?? refusalText('serverAnsweredTryAgain', { status: res.status }) };
}
