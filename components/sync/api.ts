import type { CreateWorkshopBody, CreateWorkshopReply, SessionReply, WorkshopInfoReply } from '../../lib/api';
import { refusalText } from '../../lib/refusals';

/** `status` is 0 when the server could not be reached at all. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: string; status: number };

/** Calls the HTTP API; every failure becomes a sentence a person can act on. */
async function call<T>(path: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  } catch {
    return { ok: false, status: 0, error: refusalText('cannotReachServer') };
  }
  const body = (await res.json().catch(() => null)) as (T & { error?: string }) | null;
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
  call<SessionReply>(`/api/workshops/${code}/session`, { headers: { authorization: `Bearer ${token}` } });

export const facilitatorSession = (code: string, key: string) =>
  call<SessionReply>(`/api/workshops/${code}/facilitator-session`, {
    method: 'POST',
    body: '{}',
    headers: { authorization: `Bearer ${key}` },
  });
