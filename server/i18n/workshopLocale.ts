import type { IncomingMessage } from 'node:http';
import type * as Y from 'yjs';
import { readQuadrants, readWorkshopLocale } from '../../lib/board';
import { WORKSHOP_LOCALE_HEADER } from '../../lib/i18n/header';
import type { Locale } from '../../lib/i18n/locales';
import { parseRoomCode } from '../../lib/roomCode';
import type { FirstAgenda } from '../control/Sessions';
import { agendaTexts } from './boardContent';

const PRESENTER_PAGE = /^\/w\/([^/]{1,32})\/present\/?$/;

/**
 * The projector speaks the workshop's language: on a presenter page's request this sets the
 * header i18n/request.ts reads (a device's own choice in the language menu still wins). The
 * header is removed from every other request, so a browser cannot send its own.
 */
export async function markWorkshopLocale(
  req: IncomingMessage,
  pathname: string,
  localeOf: (code: string) => Promise<Locale | null>,
): Promise<void> {
  delete req.headers[WORKSHOP_LOCALE_HEADER];
  const match = PRESENTER_PAGE.exec(pathname);
  const code = match ? parseRoomCode(match[1]) : null;
  const locale = code ? await localeOf(code) : null;
  if (locale) req.headers[WORKSHOP_LOCALE_HEADER] = locale;
}

/** What a workshop's first agenda is made of: its map's quadrants and the fixed steps in its language. */
export function firstAgenda(doc: Y.Doc): FirstAgenda {
  return { quadrants: readQuadrants(doc), texts: agendaTexts(readWorkshopLocale(doc)) };
}
