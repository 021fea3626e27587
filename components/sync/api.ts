import type { CreateWorkshopBody, CreateWorkshopReply, SessionReply, WorkshopInfoReply } from '../../lib/api';
import { refusalText } from '../../lib/refusals';

/** `status` is 0 when the server could not be reached at all. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: string; status: number };

/**
 * How long the board page waits for the server to confirm a stored session. Past it the server
 * counts as unreachable: the board opens from the device's copy and its connections keep trying
 * (they check the token themselves), rather than "Opening the workshop…" forever in front of an
 * instance that accepts connections and never answers (paused, or stuck behind a proxy).
 */
const SESSION_CHECK_TIMEOUT_MS = 6_000;

/**
 * Calls the HTTP API; every failure becomes a sentence a person can act on. With `timeoutMs`, no
 * answer (headers and body) in time is the same as no server (status 0).
 */
async function call<T>(path: string, init: RequestInit = {}, timeoutMs?: number): Promise<ApiResult<T>> {
  const unreachable = { ok: false, status: 0, error: refusalText('cannotReachServer') } as const;
  const signal = timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined;
  let res: Response;
  try {
    res = await fetch(path, { ...init, signal, headers: { 'content-type': 'application/json', ...init.headers } });
  } catch {
    return unreachable;
  }
  const body = (await res.json().catch(() => null)) as (T & { error?: string }) | null;
  if (signal?.aborted) return unreachable;
  if (!res.ok || body === null) {
    return { ok: false, status: res.status, error: body?.error ?? refusalText('serverAnsweredTryAgain', { status: res.status }) };
  }
  return { ok: true, value: body };
}

export const createWorkshop = (title: string, template: CreateWorkshopBody['template'] = 'six', locale?: CreateWorkshopBody['locale']) =>
  call<CreateWorkshopReply>('/api/workshops', { method: 'POST', body: JSON.stringify({ title, template, locale }) });

export const workshopInfo = (code: string) => call<WorkshopInfoReply>(`/api/workshops/${code}`);

export const joinWorkshop = (code: string, name: string) =>
  call<SessionReply>(`/api/workshops/${code}/participants`, { method: 'POST', body: JSON.stringify({ name }) });

export const checkSession = (code: string, token: string) =>
  call<SessionReply>(`/api/workshops/${code}/session`, { headers: { authorization: `Bearer ${token}` } }, SESSION_CHECK_TIMEOUT_MS);

export const facilitatorSession = (code: string, key: string) =>
  call<SessionReply>(`/api/workshops/${code}/facilitator-session`, {
    method: 'POST',
    body: '{}',
    headers: { authorization: `Bearer ${key}` },
  });
