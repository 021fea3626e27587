import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiErrorText, requestLocale, type ApiErrorKey, type ApiErrorValues } from '../i18n/apiErrors';
import { serverTranslator } from '../i18n/catalogs';
import { parseRefusal } from '../../lib/refusals';
import type { Locale } from '../../lib/i18n/locales';

/**
 * An answer other than success: its status, a sentence for a person, and headers (e.g.
 * `retry-after`). `message` is English (logs, tools); one made by `apiError` also knows its
 * catalog key, so the answer can be in the requester's language (`errorBody`).
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly text: { key: ApiErrorKey; values: ApiErrorValues } | null = null,
  ) {
    super(message);
  }
}

/** An `HttpError` whose sentence comes from the catalogs' `errors` namespace. */
export function apiError(status: number, key: ApiErrorKey, values: ApiErrorValues = {}, headers: Record<string, string> = {}): HttpError {
  return new HttpError(status, apiErrorText('en', key, values), headers, { key, values });
}

/** The JSON body of an error answer, `{ "error": … }` as always, in the requester's language when the sentence is from the catalogs. */
export function errorBody(req: Pick<IncomingMessage, 'headers'>, error: HttpError): { error: string } {
  const locale = requestLocale(req);
  if (error.text) return { error: apiErrorText(locale, error.text.key, error.text.values) };
  // A validation sentence from lib/ (a schema's or a refusal's) is keyed there too; English stays word for word.
  return { error: (locale !== 'en' && refusalIn(locale, error.message)) || error.message };
}

/** A sentence and, in brackets after it, where in the body it is (`importWhere`: an import's "Note ids repeat. (at notes)"). */
const WITH_WHERE = /^(.+) (\([^()]+\))$/s;

/** `text` in `locale` when it is one of lib/refusals' sentences (with a place after it or not); null when it is not. */
function refusalIn(locale: Locale, text: string): string | null {
  const t = serverTranslator(locale, 'refusals');
  const refusal = parseRefusal(text);
  if (refusal) return t(refusal.key, refusal.values);
  const parts = WITH_WHERE.exec(text);
  const [sentence, where] = parts ? [parseRefusal(parts[1]!), parseRefusal(parts[2]!)] : [null, null];
  return sentence && where ? `${t(sentence.key, sentence.values)} ${t(where.key, where.values)}` : null;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

/** Reads a JSON body of at most `maxBytes`; anything else is a 400 or 413 with a reason. */
export async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw apiError(413, 'bodyTooLarge', { bytes: maxBytes });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw apiError(413, 'bodyTooLarge', { bytes: maxBytes });
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw apiError(400, 'expectedJson');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw apiError(400, 'invalidJson');
  }
}
