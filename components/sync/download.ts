import { refusalText } from '../../lib/refusals';

/** The server stops a PDF after 20 s; past this the request itself is abandoned. */
const EXPORT_TIMEOUT_MS = 60_000;

type DownloadResult = { ok: true } | { ok: false; error: string };

/** `attachment; filename="workshop-ABCD-2345.pdf"` → `workshop-ABCD-2345.pdf`. */
function fileNameOf(disposition: string | null): string | null {
  const name = /filename="([^"]+)"/.exec(disposition ?? '')?.[1];
  return name && /^[\w.-]+$/.test(name) ? name : null;
}

async function failureOf(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: string } | null;
  const reason = body?.error ?? refusalText('serverAnswered', { status: res.status });
  const retryAfter = Number(res.headers.get('retry-after'));
  const saysWhen = /try again in \d/i.test(reason);
  return (res.status === 503 || res.status === 429) && retryAfter > 0 && !saysWhen ? `${reason} (Try again in ${retryAfter} s.)` : reason;
}

/** Fetches a download with the key in a header (never in a URL) and saves it under the server's file name. */
export async function downloadWithKey(path: string, facilitatorKey: string, fallbackName: string): Promise<DownloadResult> {
  let res: Response;
  try {
    res = await fetch(path, {
      headers: { authorization: `Bearer ${facilitatorKey}` },
      cache: 'no-store',
      signal: AbortSignal.timeout(EXPORT_TIMEOUT_MS),
    });
  } catch {
    return { ok: false, error: refusalText('cannotReachServer') };
  }
  if (!res.ok) return { ok: false, error: await failureOf(res) };
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(res.headers.get('content-disposition')) ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return { ok: true };
}
