import type { ApiResult } from './api';
import { refusalText } from '../../lib/refusals';

/** Matches the server's limit, so a too-large photo is refused before it is sent. */
export const MAX_PICTURE_BYTES = 5 * 1024 * 1024;

const UNREACHABLE = refusalText('cannotReachServer');

const picturesPath = (code: string) => `/api/workshops/${encodeURIComponent(code)}/pictures`;

/** Sends the file's bytes as they are; the server sniffs, checks and re-encodes them. */
export async function uploadPicture(code: string, token: string, file: Blob): Promise<ApiResult<{ pictureId: string }>> {
  if (file.size > MAX_PICTURE_BYTES)
    return { ok: false, status: 413, error: refusalText('pictureTooLarge', { max: MAX_PICTURE_BYTES / (1024 * 1024) }) };
  let res: Response;
  try {
    res = await fetch(picturesPath(code), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: file,
    });
  } catch {
    return { ok: false, status: 0, error: UNREACHABLE };
  }
  const body = (await res.json().catch(() => null)) as { pictureId?: string; error?: string } | null;
  if (!res.ok || typeof body?.pictureId !== 'string') {
    return { ok: false, status: res.status, error: body?.error ?? refusalText('serverAnsweredTryAgain', { status: res.status }) };
  }
  return { ok: true, value: { pictureId: body.pictureId } };
}

/**
 * The picture as a blob: the token goes in a header, never in an `<img src>` URL (where it would
 * sit in history and logs), so the view shows it through an object URL.
 */
export async function fetchPicture(code: string, token: string, pictureId: string, signal?: AbortSignal): Promise<Blob | null> {
  try {
    const res = await fetch(`${picturesPath(code)}/${encodeURIComponent(pictureId)}`, {
      headers: { authorization: `Bearer ${token}` },
      signal,
    });
    return res.ok ? await res.blob() : null;
  } catch {
    return null;
  }
}
